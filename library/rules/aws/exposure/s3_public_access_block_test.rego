package tfgate.rules.aws.exposure.s3_public_access_block_test

import data.tfgate.rules.aws.exposure.s3_public_access_block as rule
import data.tfgate.test

all_on := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

bucket(name) := test.with_unknown(test.res("aws_s3_bucket", name, {"bucket": name}), {"id": true, "arn": true})

# A bucket-level block whose bucket refers to ref (bucket unknown in the plan).
pab(name, ref, settings) := object.union(test.with_unknown(test.res("aws_s3_bucket_public_access_block", name, settings), {"bucket": true}), {"references": {"bucket": [ref]}})

account(settings) := test.res("aws_s3_account_public_access_block", "acct", settings)

indexed(r, i) := object.union(r, {"address": sprintf("%s[%d]", [r.address, i]), "index": i})

test_bucket_without_block_denied if {
	rule.deny == {{"resource": "aws_s3_bucket.logs", "message": "aws_s3_bucket.logs has no public access block (no aws_s3_bucket_public_access_block for it, and no account-level block with all four settings on)", "attribute": ""}} with input as test.doc([bucket("logs")])
}

test_full_block_allowed if {
	d := test.doc([bucket("logs"), pab("logs", "aws_s3_bucket.logs", all_on)])
	count(rule.deny) == 0 with input as d
	count(rule.unknown) == 0 with input as d
}

test_block_by_known_name_allowed if {
	c := test.res("aws_s3_bucket_public_access_block", "logs", object.union(all_on, {"bucket": "logs"}))
	count(rule.deny) == 0 with input as test.doc([bucket("logs"), c])
}

test_block_with_false_setting_denied_on_the_block if {
	d := test.doc([bucket("logs"), pab("logs", "aws_s3_bucket.logs", object.union(all_on, {"restrict_public_buckets": false}))])
	rule.deny == {{"resource": "aws_s3_bucket_public_access_block.logs", "message": "aws_s3_bucket_public_access_block.logs leaves restrict_public_buckets off (restrict_public_buckets = false)", "attribute": "restrict_public_buckets"}} with input as d
}

test_account_block_covers_every_bucket if {
	d := test.doc([bucket("a"), bucket("b"), account(all_on), pab("b", "aws_s3_bucket.b", object.union(all_on, {"block_public_acls": false}))])
	count(rule.deny) == 0 with input as d
	count(rule.unknown) == 0 with input as d
}

test_partial_account_block if {
	d := test.doc([bucket("a"), account(object.union(all_on, {"ignore_public_acls": false}))])
	rule.deny == {
		{"resource": "aws_s3_bucket.a", "message": "aws_s3_bucket.a has no public access block, and the account-level block leaves ignore_public_acls off", "attribute": ""},
		{"resource": "aws_s3_account_public_access_block.acct", "message": "aws_s3_account_public_access_block.acct leaves ignore_public_acls off (ignore_public_acls = false)", "attribute": "ignore_public_acls"},
	} with input as d
}

test_partial_account_completed_by_bucket_block if {
	d := test.doc([bucket("a"), account(object.union(all_on, {"ignore_public_acls": false})), pab("a", "aws_s3_bucket.a", all_on)])
	rule.deny == {{"resource": "aws_s3_account_public_access_block.acct", "message": "aws_s3_account_public_access_block.acct leaves ignore_public_acls off (ignore_public_acls = false)", "attribute": "ignore_public_acls"}} with input as d
}

test_count_instances_joined_exactly if {
	b0 := indexed(bucket("b"), 0)
	b1 := indexed(bucket("b"), 1)
	p0 := indexed(pab("p", "aws_s3_bucket.b[0]", all_on), 0)
	p1 := indexed(pab("p", "aws_s3_bucket.b[1]", object.union(all_on, {"block_public_policy": false})), 1)
	d := test.doc([b0, b1, p0, p1])
	rule.deny == {{"resource": "aws_s3_bucket_public_access_block.p[1]", "message": "aws_s3_bucket_public_access_block.p[1] leaves block_public_policy off (block_public_policy = false)", "attribute": "block_public_policy"}} with input as d
	# Only instance 0 has a block: instance 1 fails.
	rule.deny == {{"resource": "aws_s3_bucket.b[1]", "message": "aws_s3_bucket.b[1] has no public access block (no aws_s3_bucket_public_access_block for it, and no account-level block with all four settings on)", "attribute": ""}} with input as test.doc([b0, b1, p0])
}

test_undetermined_instance_indeterminate if {
	b0 := indexed(bucket("b"), 0)
	p := pab("p", "aws_s3_bucket.b[*]", all_on)
	count(rule.deny) == 0 with input as test.doc([b0, p])
	some u in rule.unknown with input as test.doc([b0, p])
	u.resource == "aws_s3_bucket.b[0]"
}

test_unlinked_block_makes_bare_buckets_indeterminate if {
	p := test.with_unknown(test.res("aws_s3_bucket_public_access_block", "x", all_on), {"bucket": true})
	count(rule.deny) == 0 with input as test.doc([bucket("logs"), p])
	count(rule.unknown) == 1 with input as test.doc([bucket("logs"), p])
}

test_unknown_setting_indeterminate if {
	p := test.with_unknown(pab("logs", "aws_s3_bucket.logs", object.remove(all_on, ["block_public_acls"])), {"bucket": true, "block_public_acls": true})
	d := test.doc([bucket("logs"), p])
	count(rule.deny) == 0 with input as d
	rule.unknown == {{"resource": "aws_s3_bucket_public_access_block.logs", "message": "aws_s3_bucket_public_access_block.logs: block_public_acls is known only after apply", "attribute": "block_public_acls"}} with input as d
}

test_unknown_account_setting_indeterminate if {
	a := test.with_unknown(account(object.remove(all_on, ["block_public_policy"])), {"block_public_policy": true})
	d := test.doc([bucket("logs"), a])
	count(rule.deny) == 0 with input as d
	some u in rule.unknown with input as d
	u.resource == "aws_s3_bucket.logs"
}

test_deleted_not_checked if {
	d := test.doc([test.deleted(bucket("logs")), test.deleted(pab("logs", "aws_s3_bucket.logs", {"block_public_acls": false}))])
	count(rule.deny) == 0 with input as d
}

test_deleted_block_does_not_cover if {
	d := test.doc([bucket("logs"), test.deleted(pab("logs", "aws_s3_bucket.logs", all_on))])
	count(rule.deny) == 1 with input as d
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

test_unset_settings_reported_once_written_false_at_its_line if {
	p := located(pab("site", "aws_s3_bucket.site", {"block_public_acls": false, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": true}), ["bucket", "block_public_policy", "restrict_public_buckets"])
	rule.deny == {
		{"resource": "aws_s3_bucket_public_access_block.site", "message": "aws_s3_bucket_public_access_block.site leaves block_public_policy off (block_public_policy = false)", "attribute": "block_public_policy"},
		{"resource": "aws_s3_bucket_public_access_block.site", "message": "aws_s3_bucket_public_access_block.site leaves block_public_acls, ignore_public_acls off (not set; the default is false)", "attribute": ""},
	} with input as test.doc([bucket("site"), p])
}
