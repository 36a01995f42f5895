package tfgate.rules.aws.tagging.required_tags_test

import data.tfgate.rules.aws.tagging.required_tags as rule
import data.tfgate.test

params := {"required_tags": ["Owner", "CostCenter"]}

test_missing_tags_denied if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as params
	got == {{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b is missing required tag(s) CostCenter", "attribute": "tags"}}
}

test_all_tags_present_allowed if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a", "CostCenter": "1"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_tag_value_counts_as_present if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": null, "CostCenter": "1"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_type_without_tags_never_reported if {
	r := test.res("aws_s3_bucket_public_access_block", "b", {"block_public_acls": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_tags_are_silent if {
	r := test.with_unknown(test.res("aws_s3_bucket", "b", {}), {"tags_all": true})
	r2 := object.union(r, {"tags": null})
	count(rule.deny) == 0 with input as test.doc([r2]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r2]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_s3_bucket", "b", {"tags": {}}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := test.res("aws_s3_bucket", "b", {"tags": {}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {}
}
