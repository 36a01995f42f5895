package tfgate.rules.aws.cost.cache_node_types_test

import data.tfgate.rules.aws.cost.cache_node_types as rule
import data.tfgate.test

on := {"allowed_cache_node_types": ["cache.t4g.*", "cache.r7g.large"]}

test_disallowed_denied if {
	r := test.res("aws_elasticache_replication_group", "g", {"node_type": "cache.m5.large"})
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g uses node type cache.m5.large, which is not allowed (allowed: cache.t4g.*, cache.r7g.large)", "attribute": "node_type"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_allowed if {
	docs := test.doc([
		test.res("aws_elasticache_replication_group", "g", {"node_type": "cache.r7g.large"}),
		test.res("aws_elasticache_cluster", "c", {"node_type": "cache.t4g.micro"}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
}

test_unknown if {
	r := test.with_unknown(test.res("aws_elasticache_cluster", "c", {"node_type": null}), {"node_type": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
	member := object.union(r, {"after": {"node_type": null, "replication_group_id": "g"}})
	count(rule.unknown) == 0 with input as test.doc([member]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_elasticache_cluster", "c", {"node_type": "cache.m5.large"}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_elasticache_cluster", "c", {"node_type": "cache.m5.large"})
	count(rule.deny) == 0 with input as test.doc([r])
}
