package tfgate.rules.aws.encryption.redshift_cluster_test

import data.tfgate.rules.aws.encryption.redshift_cluster as rule
import data.tfgate.test

test_false_denied if {
	r := test.res("aws_redshift_cluster", "c", {"encrypted": false})
	rule.deny == {{"resource": "aws_redshift_cluster.c", "message": "aws_redshift_cluster.c is not encrypted at rest (encrypted = false, the provider 5.x default when it is not set)", "attribute": "encrypted"}} with input as test.doc([r])
}

test_true_allowed if {
	r := test.res("aws_redshift_cluster", "c", {"encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_redshift_cluster", "c", {"encrypted": null}), {"encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(test.res("aws_redshift_cluster", "c", {"encrypted": false}))])
}
