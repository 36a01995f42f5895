package tfgate.rules.aws.encryption.dynamodb_table_cmk_test

import data.tfgate.rules.aws.encryption.dynamodb_table_cmk as rule
import data.tfgate.test

# No block: the plan shows the computed block as unknown.
aws_owned := test.with_unknown(test.res("aws_dynamodb_table", "t", {"server_side_encryption": null}), {"server_side_encryption": true})

table(sse, refs) := object.union(
	test.with_unknown(test.res("aws_dynamodb_table", "t", {"server_side_encryption": [sse]}), {"server_side_encryption": [{"kms_key_arn": true}]}),
	{"references": refs},
)

test_aws_owned_denied if {
	rule.deny == {{"resource": "aws_dynamodb_table.t", "message": "aws_dynamodb_table.t is encrypted only with a key AWS owns (no server_side_encryption with enabled = true and kms_key_arn)", "attribute": ""}} with input as test.doc([aws_owned])
}

test_disabled_denied_on_enabled if {
	some d in rule.deny with input as test.doc([table({"enabled": false}, {})])
	d.attribute == "server_side_encryption[0].enabled"
}

test_aws_managed_key_denied if {
	rule.deny == {{"resource": "aws_dynamodb_table.t", "message": "aws_dynamodb_table.t uses the AWS managed key aws/dynamodb, not a customer-managed key: set kms_key_arn", "attribute": "server_side_encryption[0]"}} with input as test.doc([table({"enabled": true}, {})])
}

test_aws_managed_alias_denied if {
	r := test.res("aws_dynamodb_table", "t", {"server_side_encryption": [{"enabled": true, "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:alias/aws/dynamodb"}]})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_cmk_from_reference_allowed if {
	r := table({"enabled": true}, {"server_side_encryption.kms_key_arn": ["aws_kms_key.k"]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_cmk_arn_allowed if {
	r := test.res("aws_dynamodb_table", "t", {"server_side_encryption": [{"enabled": true, "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_enabled_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_dynamodb_table", "t", {"server_side_encryption": [{"enabled": null}]}), {"server_side_encryption": [{"enabled": true, "kms_key_arn": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(aws_owned)])
}

cmk_table(replicas, unknown_replicas, refs) := object.union(
	test.with_unknown(test.res("aws_dynamodb_table", "t", {"server_side_encryption": [{"enabled": true, "kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/k"}], "replica": replicas}), {"replica": unknown_replicas}),
	{"references": refs},
)

test_replica_without_key_denied if {
	r := cmk_table([{"region_name": "us-west-2"}], [{"kms_key_arn": true}], {})
	rule.deny == {{"resource": "aws_dynamodb_table.t", "message": "aws_dynamodb_table.t: its replica in us-west-2 uses the AWS managed key aws/dynamodb, not a customer-managed key: set replica.kms_key_arn", "attribute": "replica[0]"}} with input as test.doc([r])
}

test_single_replica_with_key_reference_allowed if {
	r := cmk_table([{"region_name": "us-west-2"}], [{"kms_key_arn": true}], {"replica.kms_key_arn": ["aws_kms_replica_key.west"]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_several_replicas_with_a_key_reference_are_indeterminate if {
	r := cmk_table([{"region_name": "us-west-2"}, {"region_name": "eu-west-1"}], [{"kms_key_arn": true}, {"kms_key_arn": true}], {"replica.kms_key_arn": ["aws_kms_replica_key.west"]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 2 with input as test.doc([r])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_source_ranges_say_which_replicas_write_a_key if {
	base := cmk_table([{"region_name": "us-west-2"}, {"region_name": "eu-west-1"}], [{"kms_key_arn": true}, {"kms_key_arn": true}], {"replica.kms_key_arn": ["aws_kms_replica_key.west"]})
	all := located(base, ["replica[0].kms_key_arn", "replica[1].kms_key_arn"])
	count(rule.deny) == 0 with input as test.doc([all])
	count(rule.unknown) == 0 with input as test.doc([all])
	none := located(object.union(base, {"references": {"replica.kms_key_arn": []}}), ["replica[0]", "replica[1]"])
	count(rule.deny) == 2 with input as test.doc([none])
	some_ := located(base, ["replica[1].kms_key_arn"])
	count(rule.deny) == 0 with input as test.doc([some_])
	count(rule.unknown) == 2 with input as test.doc([some_])
}

test_key_from_variable_without_value_is_indeterminate if {
	# Configuration input: kms_key_arn = var.key with no value is unknown,
	# refers to no resource, and has a source range.
	r := located(table({"enabled": true}, {}), ["server_side_encryption[0].kms_key_arn"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_replica_known_key_allowed if {
	r := cmk_table([{"region_name": "us-west-2", "kms_key_arn": "arn:aws:kms:us-west-2:111122223333:key/w"}], [{}], {})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_replicas_of_failing_table_not_repeated if {
	r := object.union(table({"enabled": true}, {}), {"after": {"replica": [{"region_name": "us-west-2"}]}, "unknown": {"replica": [{"kms_key_arn": true}]}})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_table_replica_resource if {
	unset := test.with_unknown(test.res("aws_dynamodb_table_replica", "r", {"kms_key_arn": null}), {"kms_key_arn": true})
	rule.deny == {{"resource": "aws_dynamodb_table_replica.r", "message": "aws_dynamodb_table_replica.r uses the AWS managed key aws/dynamodb, not a customer-managed key: set kms_key_arn", "attribute": ""}} with input as test.doc([unset])
	keyed := object.union(unset, {"references": {"kms_key_arn": ["aws_kms_replica_key.r"]}})
	count(rule.deny) == 0 with input as test.doc([keyed])
}
