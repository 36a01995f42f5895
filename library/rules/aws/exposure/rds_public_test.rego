package tfgate.rules.aws.exposure.rds_public_test

import data.tfgate.rules.aws.exposure.rds_public as rule
import data.tfgate.test

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

test_public_db_instance_denied if {
	r := test.res("aws_db_instance", "db", {"publicly_accessible": true})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db is publicly accessible (publicly_accessible = true)", "attribute": "publicly_accessible"}} with input as test.doc([r])
}

test_public_cluster_instance_denied if {
	r := test.res("aws_rds_cluster_instance", "a", {"publicly_accessible": true})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_private_and_default_allowed if {
	a := test.res("aws_db_instance", "a", {"publicly_accessible": false})
	b := test.res("aws_rds_cluster_instance", "b", {"publicly_accessible": false})
	count(rule.deny) == 0 with input as test.doc([a, b])
	count(rule.unknown) == 0 with input as test.doc([a, b])
}

test_unknown_value_is_indeterminate if {
	r := test.with_unknown(located(test.res("aws_db_instance", "db", {}), ["publicly_accessible"]), {"publicly_accessible": true})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db: publicly_accessible is known only after apply", "attribute": "publicly_accessible"}} with input as test.doc([r])
}

test_unset_cluster_instance_is_indeterminate if {
	r := test.with_unknown(located(test.res("aws_rds_cluster_instance", "a", {}), ["engine"]), {"publicly_accessible": true})
	count(rule.deny) == 0 with input as test.doc([r])
	some u in rule.unknown with input as test.doc([r])
	u.attribute == ""
	contains(u.message, "does not set publicly_accessible")
}

test_unset_without_location_uses_references if {
	unset := test.with_unknown(test.res("aws_rds_cluster_instance", "a", {}), {"publicly_accessible": true})
	some u in rule.unknown with input as test.doc([unset])
	u.attribute == ""
	set := object.union(unset, {"references": {"publicly_accessible": ["aws_ssm_parameter.p"]}})
	some v in rule.unknown with input as test.doc([set])
	v.attribute == "publicly_accessible"
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_db_instance", "db", {"publicly_accessible": true}))
	count(rule.deny) == 0 with input as test.doc([r])
}
