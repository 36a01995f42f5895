package tfgate.rules.aws.encryption.docdb_cluster_test

import data.tfgate.rules.aws.encryption.docdb_cluster as rule
import data.tfgate.test

docdb(after) := test.res("aws_docdb_cluster", "d", object.union({"storage_encrypted": null, "snapshot_identifier": null, "global_cluster_identifier": null, "restore_to_point_in_time": []}, after))

test_unset_denied if {
	rule.deny == {{"resource": "aws_docdb_cluster.d", "message": "aws_docdb_cluster.d does not set storage_encrypted: DocumentDB creates an unencrypted cluster by default", "attribute": "storage_encrypted"}} with input as test.doc([docdb({})])
}

test_false_denied if {
	some d in rule.deny with input as test.doc([docdb({"storage_encrypted": false})])
	d.message == "aws_docdb_cluster.d does not encrypt its storage (storage_encrypted = false)"
}

test_true_allowed if {
	count(rule.deny) == 0 with input as test.doc([docdb({"storage_encrypted": true})])
	count(rule.unknown) == 0 with input as test.doc([docdb({"storage_encrypted": true})])
}

test_snapshot_restore_is_indeterminate if {
	r := docdb({"snapshot_identifier": "snap-1"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(docdb({}), {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(docdb({}))])
}
