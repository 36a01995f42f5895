package tfgate.rules.aws.resilience.state_bucket_versioning_test

import data.tfgate.rules.aws.resilience.state_bucket_versioning as rule
import data.tfgate.test

on := {"state_bucket_patterns": ["tfstate"]}

bucket(name, bucket_name) := test.res("aws_s3_bucket", name, {"bucket": bucket_name})

# versioning(name, refs, bucket_value, status): an aws_s3_bucket_versioning.
versioning(name, refs, bucket_value, status) := object.union(test.res("aws_s3_bucket_versioning", name, {"bucket": bucket_value, "versioning_configuration": [{"status": status}]}), {
	"references": {"bucket": refs},
	"unknown": _unknown(bucket_value, status),
})

_unknown(bucket_value, status) := object.union(
	{k: true | k := "bucket"; bucket_value == null},
	{k: [{"status": true}] | k := "versioning_configuration"; status == null},
)

test_no_versioning_denied if {
	rule.deny == {{"resource": "aws_s3_bucket.state", "message": "aws_s3_bucket.state holds state (its name acme-tfstate matches state_bucket_patterns) but it has no versioning configuration", "attribute": ""}} with input as test.doc([bucket("state", "acme-tfstate")])
		with data.tfgate.params as on
}

test_suspended_denied if {
	docs := test.doc([bucket("state", "acme-tfstate"), versioning("state", ["aws_s3_bucket.state"], null, "Suspended")])
	rule.deny == {{"resource": "aws_s3_bucket.state", "message": "aws_s3_bucket.state holds state (its name acme-tfstate matches state_bucket_patterns) but its versioning is Suspended", "attribute": ""}} with input as docs
		with data.tfgate.params as on
}

test_enabled_by_reference_allowed if {
	docs := test.doc([bucket("state", "acme-tfstate"), versioning("state", ["aws_s3_bucket.state"], null, "Enabled")])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_enabled_by_literal_name_allowed if {
	docs := test.doc([bucket("state", "acme-tfstate"), versioning("v", [], "acme-tfstate", "Enabled")])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_legacy_inline_allowed if {
	b := test.res("aws_s3_bucket", "state", {"bucket": "acme-tfstate", "versioning": [{"enabled": true, "mfa_delete": false}]})
	count(rule.deny) == 0 with input as test.doc([b]) with data.tfgate.params as on
}

test_other_buckets_not_checked if {
	count(rule.deny) == 0 with input as test.doc([bucket("logs", "acme-logs")]) with data.tfgate.params as on
}

test_bucket_prefix_matched if {
	b := test.with_unknown(test.res("aws_s3_bucket", "state", {"bucket_prefix": "tfstate-"}), {"bucket": true})
	count(rule.deny) == 1 with input as test.doc([b]) with data.tfgate.params as on
}

test_unknown_status_is_indeterminate if {
	docs := test.doc([bucket("state", "acme-tfstate"), versioning("state", ["aws_s3_bucket.state"], null, null)])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_unlinked_versioning_is_indeterminate if {
	docs := test.doc([bucket("state", "acme-tfstate"), versioning("v", [], null, "Enabled")])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_undetermined_instance_is_indeterminate if {
	b := object.union(bucket("state", "acme-tfstate-0"), {"address": "aws_s3_bucket.state[0]", "index": 0})
	docs := test.doc([b, versioning("v", ["aws_s3_bucket.state[*]"], null, "Enabled")])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket("state", "acme-tfstate"))]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	count(rule.deny) == 0 with input as test.doc([bucket("state", "acme-tfstate")])
	count(rule.unknown) == 0 with input as test.doc([bucket("state", "acme-tfstate")])
}

test_unknown_mfa_delete_does_not_hide_status if {
	v := object.union(versioning("state", ["aws_s3_bucket.state"], null, "Suspended"), {"unknown": {"bucket": true, "versioning_configuration": [{"mfa_delete": true}]}})
	docs := test.doc([bucket("state", "acme-tfstate"), v])
	count(rule.deny) == 1 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}
