package tfgate.rules.aws.encryption.rds_instance_test

import data.tfgate.rules.aws.encryption.rds_instance as rule
import data.tfgate.test

test_unencrypted_denied if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": false})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db does not encrypt its storage (storage_encrypted is false)", "attribute": "storage_encrypted"}} with input as test.doc([r])
}

test_not_set_denied if {
	r := test.res("aws_rds_cluster", "c", {"storage_encrypted": null})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_encrypted_allowed if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_unknown_is_silent if {
	r := test.with_unknown(test.res("aws_db_instance", "db", {"storage_encrypted": null}), {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_replica_exempt if {
	r := test.res("aws_db_instance", "replica", {"storage_encrypted": false, "replicate_source_db": "db-1"})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_db_instance", "db", {"storage_encrypted": false}))
	count(rule.deny) == 0 with input as test.doc([r])
}
