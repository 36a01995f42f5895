package tfgate.rules.aws.exposure.dms_public_test

import data.tfgate.rules.aws.exposure.dms_public as rule
import data.tfgate.test

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

test_public_denied if {
	r := test.res("aws_dms_replication_instance", "d", {"publicly_accessible": true})
	rule.deny == {{"resource": "aws_dms_replication_instance.d", "message": "aws_dms_replication_instance.d is publicly accessible (publicly_accessible = true)", "attribute": "publicly_accessible"}} with input as test.doc([r])
}

test_unset_denied_as_api_default if {
	r := test.with_unknown(located(test.res("aws_dms_replication_instance", "d", {}), ["replication_instance_id"]), {"publicly_accessible": true})
	rule.deny == {{"resource": "aws_dms_replication_instance.d", "message": "aws_dms_replication_instance.d does not set publicly_accessible: DMS makes replication instances public by default; set it to false", "attribute": ""}} with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_private_allowed if {
	r := test.res("aws_dms_replication_instance", "d", {"publicly_accessible": false})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_written_unknown_is_indeterminate if {
	r := test.with_unknown(located(test.res("aws_dms_replication_instance", "d", {}), ["publicly_accessible"]), {"publicly_accessible": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
	s := object.union(test.with_unknown(test.res("aws_dms_replication_instance", "d", {}), {"publicly_accessible": true}), {"references": {"publicly_accessible": ["aws_ssm_parameter.p"]}})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 1 with input as test.doc([s])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_dms_replication_instance", "d", {"publicly_accessible": true}))
	count(rule.deny) == 0 with input as test.doc([r])
}
