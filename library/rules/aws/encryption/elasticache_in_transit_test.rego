package tfgate.rules.aws.encryption.elasticache_in_transit_test

import data.tfgate.rules.aws.encryption.elasticache_in_transit as rule
import data.tfgate.test

group_unset := test.with_unknown(test.res("aws_elasticache_replication_group", "g", {"engine": "redis", "transit_encryption_enabled": null, "transit_encryption_mode": null, "global_replication_group_id": null}), {"transit_encryption_enabled": true, "transit_encryption_mode": true, "global_replication_group_id": true})

group(enabled, mode) := test.res("aws_elasticache_replication_group", "g", {"engine": "redis", "transit_encryption_enabled": enabled, "transit_encryption_mode": mode})

memcached(after, unknown) := test.with_unknown(test.res("aws_elasticache_cluster", "m", object.union({"engine": "memcached", "transit_encryption_enabled": null, "replication_group_id": null}, after)), unknown)

test_unset_group_denied if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g does not set transit_encryption_enabled: ElastiCache does not encrypt traffic in transit by default", "attribute": ""}} with input as test.doc([group_unset])
}

test_false_denied if {
	some d in rule.deny with input as test.doc([group(false, null)])
	d.message == "aws_elasticache_replication_group.g does not encrypt traffic in transit (transit_encryption_enabled = false)"
}

test_required_allowed if {
	count(rule.deny) == 0 with input as test.doc([group(true, "required")])
	count(rule.deny) == 0 with input as test.doc([group(true, null)])
}

test_preferred_denied if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g accepts unencrypted connections (transit_encryption_mode = \"preferred\")", "attribute": "transit_encryption_mode"}} with input as test.doc([group(true, "preferred")])
}

test_memcached_unset_denied if {
	m := memcached({}, {"transit_encryption_enabled": true, "replication_group_id": true})
	count(rule.deny) == 1 with input as test.doc([m])
}

test_memcached_true_allowed if {
	count(rule.deny) == 0 with input as test.doc([memcached({"transit_encryption_enabled": true}, {"replication_group_id": true})])
}

test_cluster_in_replication_group_not_checked if {
	m := memcached({"engine": "redis", "replication_group_id": "g"}, {"transit_encryption_enabled": true})
	count(rule.deny) == 0 with input as test.doc([m])
}

test_redis_cluster_not_checked if {
	m := memcached({"engine": "redis"}, {"transit_encryption_enabled": true, "replication_group_id": true})
	count(rule.deny) == 0 with input as test.doc([m])
}

test_written_unknown_is_indeterminate if {
	r := object.union(group_unset, {"references": {"transit_encryption_enabled": ["aws_ssm_parameter.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(group_unset)])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	r := located(group_unset, ["transit_encryption_enabled"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}
