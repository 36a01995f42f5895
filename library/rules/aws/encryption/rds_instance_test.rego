package tfgate.rules.aws.encryption.rds_instance_test

import data.tfgate.rules.aws.encryption.rds_instance as rule
import data.tfgate.test

cluster(after) := test.with_unknown(test.res("aws_rds_cluster", "c", object.union({"engine": "aurora-postgresql", "engine_mode": "provisioned", "storage_encrypted": null}, after)), {"storage_encrypted": true})

test_unencrypted_denied if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": false})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db does not encrypt its storage (storage_encrypted = false)", "attribute": "storage_encrypted"}} with input as test.doc([r])
}

test_instance_not_set_denied if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": null})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db does not set storage_encrypted: RDS creates an unencrypted instance by default", "attribute": "storage_encrypted"}} with input as test.doc([r])
}

test_encrypted_allowed if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
	c := test.res("aws_rds_cluster", "c", {"storage_encrypted": true, "engine_mode": "provisioned"})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 0 with input as test.doc([c])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_db_instance", "db", {"storage_encrypted": null}), {"storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

# Aurora: storage_encrypted is computed; unknown without a reference is unset.
test_cluster_unset_denied if {
	rule.deny == {{"resource": "aws_rds_cluster.c", "message": "aws_rds_cluster.c does not set storage_encrypted: a provisioned RDS cluster is created unencrypted by default", "attribute": ""}} with input as test.doc([cluster({})])
	count(rule.unknown) == 0 with input as test.doc([cluster({})])
}

test_cluster_value_from_reference_is_indeterminate if {
	c := object.union(cluster({}), {"references": {"storage_encrypted": ["aws_ssm_parameter.enc"]}})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
}

test_cluster_explicit_false_denied if {
	c := test.res("aws_rds_cluster", "c", {"engine_mode": "provisioned", "storage_encrypted": false})
	count(rule.deny) == 1 with input as test.doc([c])
}

test_serverless_v1_exempt if {
	count(rule.deny) == 0 with input as test.doc([cluster({"engine_mode": "serverless"})])
	count(rule.unknown) == 0 with input as test.doc([cluster({"engine_mode": "serverless"})])
}

test_cluster_unknown_engine_mode_is_indeterminate if {
	c := test.with_unknown(test.res("aws_rds_cluster", "c", {"engine_mode": null, "storage_encrypted": null}), {"engine_mode": true, "storage_encrypted": true})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
	f := test.with_unknown(test.res("aws_rds_cluster", "c", {"engine_mode": null, "storage_encrypted": false}), {"engine_mode": true})
	count(rule.deny) == 1 with input as test.doc([f])
}

test_replica_exempt if {
	r := test.res("aws_db_instance", "replica", {"storage_encrypted": null, "replicate_source_db": "db-1"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
	u := test.with_unknown(test.res("aws_db_instance", "replica", {"storage_encrypted": null, "replicate_source_db": null}), {"replicate_source_db": true})
	count(rule.deny) == 0 with input as test.doc([u])
}

test_instance_from_snapshot_is_indeterminate if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": null, "snapshot_identifier": "rds:app-1"})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db takes its encryption from its source (snapshot_identifier) unless storage_encrypted = true: indeterminate", "attribute": "storage_encrypted"}} with input as test.doc([r])
}

test_instance_unset_snapshot_is_not_a_source if {
	# snapshot_identifier is computed on aws_db_instance: unknown without a reference is unset.
	r := test.with_unknown(test.res("aws_db_instance", "db", {"storage_encrypted": null, "snapshot_identifier": null}), {"snapshot_identifier": true})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_point_in_time_restore_is_indeterminate if {
	r := test.res("aws_db_instance", "db", {"storage_encrypted": null, "restore_to_point_in_time": [{"source_db_instance_identifier": "app", "use_latest_restorable_time": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_cluster_joining_global_is_indeterminate if {
	c := object.union(cluster({"global_cluster_identifier": null}), {"unknown": {"storage_encrypted": true, "global_cluster_identifier": true}, "references": {"global_cluster_identifier": ["aws_rds_global_cluster.g"]}})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
}

test_cluster_replica_is_indeterminate if {
	c := cluster({"replication_source_identifier": "arn:aws:rds:us-west-2:111122223333:cluster:src"})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_db_instance", "db", {"storage_encrypted": false}))
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([test.deleted(cluster({}))])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_cluster_variable_without_value_is_indeterminate if {
	c := located(cluster({}), ["storage_encrypted"])
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
	count(rule.deny) == 1 with input as test.doc([located(cluster({}), ["engine"])])
}
