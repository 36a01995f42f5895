package tfgate.rules.aws.resilience.database_deletion_protection_test

import data.tfgate.rules.aws.resilience.database_deletion_protection as rule
import data.tfgate.test

on := {"require_deletion_protection": true}

test_unset_denied if {
	r := test.res("aws_db_instance", "db", {"deletion_protection": null})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db has no deletion protection (deletion_protection is not set)", "attribute": "deletion_protection"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_every_type_denied if {
	docs := test.doc([
		test.res("aws_rds_cluster", "c", {"deletion_protection": false}),
		test.res("aws_docdb_cluster", "d", {"deletion_protection": false}),
		test.res("aws_neptune_cluster", "n", {}),
		test.res("aws_dynamodb_table", "t", {"deletion_protection_enabled": false}),
	])
	{d.resource | some d in rule.deny} == {"aws_rds_cluster.c", "aws_docdb_cluster.d", "aws_neptune_cluster.n", "aws_dynamodb_table.t"} with input as docs
		with data.tfgate.params as on
	some d in rule.deny with input as docs with data.tfgate.params as on
	d.resource == "aws_dynamodb_table.t"
	d.attribute == "deletion_protection_enabled"
	d.message == "aws_dynamodb_table.t has no deletion protection (deletion_protection_enabled = false)"
}

test_protected_allowed if {
	docs := test.doc([
		test.res("aws_db_instance", "db", {"deletion_protection": true}),
		test.res("aws_dynamodb_table", "t", {"deletion_protection_enabled": true}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_db_instance", "db", {"deletion_protection": null}), {"deletion_protection": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_db_instance", "db", {"deletion_protection": false}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_or_false_is_silent if {
	r := test.res("aws_db_instance", "db", {"deletion_protection": false})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"require_deletion_protection": false}
}

test_out_of_scope_is_silent if {
	r := test.res("aws_db_instance", "db", {"deletion_protection": false, "tags": {"Environment": "dev"}})
	params := object.union(on, {"guardrail_scope_tags": {"Environment": "prod"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}
