package tfgate.rules.aws.exposure.redshift_public_test

import data.tfgate.rules.aws.exposure.redshift_public as rule
import data.tfgate.test

test_public_cluster_denied if {
	r := test.res("aws_redshift_cluster", "dw", {"publicly_accessible": true})
	rule.deny == {{"resource": "aws_redshift_cluster.dw", "message": "aws_redshift_cluster.dw is publicly accessible (publicly_accessible = true)", "attribute": "publicly_accessible"}} with input as test.doc([r])
}

test_provider_default_named if {
	r := object.union(test.res("aws_redshift_cluster", "dw", {"publicly_accessible": true}), {"location": {"file": "main.tf", "start_line": 1, "end_line": 5, "attributes": {}}})
	some d in rule.deny with input as test.doc([r])
	d.message == "aws_redshift_cluster.dw is publicly accessible (publicly_accessible = true, the AWS provider 5.x default when unset)"
}

test_public_workgroup_denied if {
	r := test.res("aws_redshiftserverless_workgroup", "wg", {"publicly_accessible": true})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_private_allowed if {
	a := test.res("aws_redshift_cluster", "dw", {"publicly_accessible": false})
	b := test.res("aws_redshiftserverless_workgroup", "wg", {"publicly_accessible": null})
	count(rule.deny) == 0 with input as test.doc([a, b])
	count(rule.unknown) == 0 with input as test.doc([a, b])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_redshift_cluster", "dw", {}), {"publicly_accessible": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_redshift_cluster", "dw", {"publicly_accessible": true}))
	count(rule.deny) == 0 with input as test.doc([r])
}
