package tfgate.rules.aws.encryption.neptune_cluster_test

import data.tfgate.rules.aws.encryption.neptune_cluster as rule
import data.tfgate.test

neptune(after) := test.res("aws_neptune_cluster", "n", object.union({"storage_encrypted": false, "snapshot_identifier": null, "replication_source_identifier": null, "global_cluster_identifier": null}, after))

test_default_false_denied if {
	rule.deny == {{"resource": "aws_neptune_cluster.n", "message": "aws_neptune_cluster.n does not encrypt its storage (storage_encrypted = false, the default when it is not set)", "attribute": "storage_encrypted"}} with input as test.doc([neptune({})])
}

test_true_allowed if {
	count(rule.deny) == 0 with input as test.doc([neptune({"storage_encrypted": true})])
	count(rule.unknown) == 0 with input as test.doc([neptune({"storage_encrypted": true})])
}

test_replica_is_indeterminate if {
	r := neptune({"replication_source_identifier": "arn:aws:rds:us-west-2:111122223333:cluster:src"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(neptune({"storage_encrypted": null}), {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(neptune({}))])
}
