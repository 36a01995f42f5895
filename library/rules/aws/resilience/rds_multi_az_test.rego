package tfgate.rules.aws.resilience.rds_multi_az_test

import data.tfgate.rules.aws.resilience.rds_multi_az as rule
import data.tfgate.test

on := {"require_multi_az": true}

db(after) := test.res("aws_db_instance", "db", object.union({"engine": "postgres", "tags": {"Env": "prod"}}, after))

cluster(name, after) := test.res("aws_rds_cluster", name, object.union({"engine": "aurora-postgresql", "engine_mode": "provisioned", "cluster_identifier": name}, after))

# inst(name, index, refs, after): an aws_rds_cluster_instance (index null: no count).
inst(name, index, refs, after) := object.union(test.res("aws_rds_cluster_instance", name, after), {
	"address": _addr(name, index),
	"index": index,
	"references": {"cluster_identifier": refs},
	"unknown": _unknown_cid(after),
})

_addr(name, null) := sprintf("aws_rds_cluster_instance.%s", [name])

_addr(name, index) := sprintf("aws_rds_cluster_instance.%s[%d]", [name, index]) if index != null

_unknown_cid(after) := {} if is_string(object.get(after, "cluster_identifier", null))

_unknown_cid(after) := {"cluster_identifier": true} if not is_string(object.get(after, "cluster_identifier", null))

test_single_az_instance_denied if {
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db is a single-AZ instance (multi_az = false)", "attribute": "multi_az"}} with input as test.doc([db({"multi_az": false})])
		with data.tfgate.params as on
}

test_multi_az_instance_allowed if {
	count(rule.deny) == 0 with input as test.doc([db({"multi_az": true})]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([db({"multi_az": true})]) with data.tfgate.params as on
}

test_unset_multi_az_is_indeterminate if {
	r := test.with_unknown(db({}), {"multi_az": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	rule.unknown == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db: multi_az is not set or known only after apply (RDS creates a single-AZ instance unless multi_az = true)", "attribute": "multi_az"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_param_unset_or_false_is_silent if {
	count(rule.deny) == 0 with input as test.doc([db({"multi_az": false})])
	count(rule.deny) == 0 with input as test.doc([db({"multi_az": false})]) with data.tfgate.params as {"require_multi_az": false}
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(db({"multi_az": false}))]) with data.tfgate.params as on
}

test_scope_tags if {
	params := object.union(on, {"guardrail_scope_tags": {"Env": ["prod", "production"]}})
	count(rule.deny) == 1 with input as test.doc([db({"multi_az": false})]) with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([db({"multi_az": false, "tags": {"Env": "dev"}})]) with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([db({"multi_az": false, "tags": {"Env": null}})]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([db({"multi_az": false, "tags": {"Env": null}})]) with data.tfgate.params as params
	count(rule.deny) == 1 with input as test.doc([db({"multi_az": false})]) with data.tfgate.params as object.union(on, {"guardrail_scope_tags": {"Env": "prod"}})
}

test_aurora_one_instance_denied if {
	docs := test.doc([cluster("one", {}), inst("one", null, ["aws_rds_cluster.one"], {})])
	rule.deny == {{"resource": "aws_rds_cluster.one", "message": "aws_rds_cluster.one is an Aurora cluster with one instance (aws_rds_cluster_instance.one): there is no reader in another Availability Zone to fail over to", "attribute": ""}} with input as docs
		with data.tfgate.params as on
}

test_aurora_count_instances_allowed if {
	docs := test.doc([cluster("two", {}), inst("two", 0, ["aws_rds_cluster.two"], {}), inst("two", 1, ["aws_rds_cluster.two"], {})])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_aurora_instances_by_literal_identifier if {
	docs := test.doc([cluster("lit", {}), inst("a", null, [], {"cluster_identifier": "lit"}), inst("b", null, [], {"cluster_identifier": "lit"})])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
	one := test.doc([cluster("lit", {}), inst("a", null, [], {"cluster_identifier": "lit"})])
	count(rule.deny) == 1 with input as one with data.tfgate.params as on
}

test_instances_of_another_cluster_do_not_count if {
	docs := test.doc([
		object.union(cluster("c", {}), {"address": "aws_rds_cluster.c[0]", "index": 0}),
		object.union(cluster("c", {}), {"address": "aws_rds_cluster.c[1]", "index": 1}),
		inst("i", 0, ["aws_rds_cluster.c[0]"], {}),
		inst("i", 1, ["aws_rds_cluster.c[1]"], {}),
	])
	count(rule.deny) == 2 with input as docs with data.tfgate.params as on
}

test_undetermined_instance_is_indeterminate if {
	docs := test.doc([cluster("c", {}), inst("i", null, ["aws_rds_cluster.c[*]"], {})])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_unlinked_instance_is_indeterminate if {
	docs := test.doc([cluster("one", {}), inst("one", null, ["aws_rds_cluster.one"], {}), inst("x", null, [], {})])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_no_instance_is_indeterminate if {
	count(rule.deny) == 0 with input as test.doc([cluster("c", {})]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([cluster("c", {})]) with data.tfgate.params as on
}

test_serverless_v1_and_multi_az_db_cluster_pass if {
	docs := test.doc([
		cluster("sv1", {"engine_mode": "serverless"}),
		cluster("maz", {"engine": "postgres", "db_cluster_instance_class": "db.m6gd.large"}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}
