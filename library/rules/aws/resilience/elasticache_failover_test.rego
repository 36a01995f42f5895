package tfgate.rules.aws.resilience.elasticache_failover_test

import data.tfgate.rules.aws.resilience.elasticache_failover as rule
import data.tfgate.test

on := {"require_multi_az": true}

group(after) := test.res("aws_elasticache_replication_group", "g", object.union({"engine": "redis", "num_cache_clusters": 1, "automatic_failover_enabled": false}, after))

test_group_without_failover_denied if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g has no automatic failover (automatic_failover_enabled = false, num_cache_clusters = 1)", "attribute": "automatic_failover_enabled"}} with input as test.doc([group({})])
		with data.tfgate.params as on
}

test_group_with_failover_allowed if {
	r := group({"num_cache_clusters": 2, "automatic_failover_enabled": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_unknown_failover_is_indeterminate if {
	r := test.with_unknown(group({"automatic_failover_enabled": null}), {"automatic_failover_enabled": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(group({}))]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	count(rule.deny) == 0 with input as test.doc([group({})])
}

test_standalone_redis_denied if {
	r := test.res("aws_elasticache_cluster", "c", {"engine": "redis", "num_cache_nodes": 1, "replication_group_id": null})
	some d in rule.deny with input as test.doc([r]) with data.tfgate.params as on
	d.attribute == ""
}

test_group_member_not_checked if {
	r := object.union(test.with_unknown(test.res("aws_elasticache_cluster", "c", {"engine": "redis"}), {"replication_group_id": true}), {"references": {"replication_group_id": ["aws_elasticache_replication_group.g"]}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_memcached if {
	one := test.res("aws_elasticache_cluster", "m", {"engine": "memcached", "num_cache_nodes": 1, "az_mode": "single-az"})
	rule.deny == {{"resource": "aws_elasticache_cluster.m", "message": "aws_elasticache_cluster.m is a Memcached cluster with one node (num_cache_nodes = 1)", "attribute": "num_cache_nodes"}} with input as test.doc([one])
		with data.tfgate.params as on
	single := test.res("aws_elasticache_cluster", "m", {"engine": "memcached", "num_cache_nodes": 3, "az_mode": "single-az"})
	count(rule.deny) == 1 with input as test.doc([single]) with data.tfgate.params as on
	cross := test.res("aws_elasticache_cluster", "m", {"engine": "memcached", "num_cache_nodes": 3, "az_mode": "cross-az"})
	count(rule.deny) == 0 with input as test.doc([cross]) with data.tfgate.params as on
	unset := test.with_unknown(test.res("aws_elasticache_cluster", "m", {"engine": "memcached", "num_cache_nodes": 3}), {"az_mode": true})
	count(rule.deny) == 0 with input as test.doc([unset]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([unset]) with data.tfgate.params as on
}
