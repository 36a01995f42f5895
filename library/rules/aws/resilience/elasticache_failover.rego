# METADATA
# title: ElastiCache must have a replica and automatic failover
# description: |
#   Guardrail for cache redundancy, switched on by the `require_multi_az`
#   parameter (bool): until it is set the rule is reported as not evaluated,
#   and with `false` it reports nothing. An
#   aws_elasticache_replication_group fails with `automatic_failover_enabled
#   = false` (its default); AWS accepts true only with at least one replica.
#   A replication group with `automatic_failover_enabled = true` passes. A
#   replication group whose automatic_failover_enabled is known only after
#   apply is indeterminate. A standalone aws_elasticache_cluster (no
#   `replication_group_id`) running Redis or Valkey fails: it is one node
#   with no replica. A Memcached aws_elasticache_cluster fails with one node
#   or with `az_mode = "single-az"`. A Memcached cluster of two or more
#   nodes with `az_mode = "cross-az"` passes. A Memcached cluster without
#   az_mode is indeterminate (AWS's default is single-az). Clusters that
#   belong to a replication group are not checked here (the group is), nor
#   is ElastiCache Serverless, which is Multi-AZ by design. Resources
#   outside the optional `guardrail_scope_tags` parameter (an object of tag
#   key to a value or a list of values, matched against effective tags;
#   unset: every resource is in scope) are not checked, and one whose scope
#   tag is known only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-002
#   severity: medium
#   family: resilience
#   resource_types: [aws_elasticache_replication_group, aws_elasticache_cluster]
#   frameworks:
#     nist-800-53: ["CP-10", "CP-6(2)", "SC-36", "SC-5(2)", "SI-13(5)"]
#     aws-fsbp: ["ElastiCache.3"]
#   params: [require_multi_az]
#   remediation: |
#     Use an aws_elasticache_replication_group with `num_cache_clusters = 2`
#     (or more), `automatic_failover_enabled = true` and
#     `multi_az_enabled = true`; for Memcached set `az_mode = "cross-az"`
#     with two or more nodes.
package tfgate.rules.aws.resilience.elasticache_failover

import data.tfgate.lib

_on if lib.param("require_multi_az") == true

# Guardrail scope (lib.in_scope, lib.maybe_in_scope): the rule builds
# _fail and _indeterminate, sets of [resource, message, attribute], and these
# outputs keep what is in scope.

deny contains lib.entry(f[0], f[1], f[2]) if {
	some f in _fail
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], f[1], f[2]) if {
	some f in _indeterminate
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], sprintf("%s (whether it is in guardrail_scope_tags is known only after apply)", [f[1]]), f[2]) if {
	some f in _fail | _indeterminate
	lib.maybe_in_scope(f[0])
}

# Replication groups: automatic failover.
_fail contains [r, msg, "automatic_failover_enabled"] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	lib.is_false(r, ["automatic_failover_enabled"])
	msg := sprintf("%s has no automatic failover (automatic_failover_enabled = false%s)", [r.address, _nodes(r)])
}

_nodes(r) := sprintf(", num_cache_clusters = %v", [n]) if {
	n := object.get(lib.after(r), "num_cache_clusters", null)
	is_number(n)
} else := ""

_indeterminate contains [r, msg, "automatic_failover_enabled"] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	lib.is_unknown(r, ["automatic_failover_enabled"])
	msg := sprintf("%s: automatic_failover_enabled is known only after apply", [r.address])
}

# Standalone clusters (not members of a replication group).
_standalone(r) if {
	not lib.value(r, ["replication_group_id"])
	not lib.is_unknown(r, ["replication_group_id"])
	count(lib.references(r, "replication_group_id")) == 0
}

_engine(r) := object.get(lib.after(r), "engine", "")

_fail contains [r, msg, ""] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_cluster")
	_standalone(r)
	_engine(r) in {"redis", "valkey"}
	msg := sprintf("%s is a single-node %s cluster with no replica; use a replication group with automatic failover", [r.address, _engine(r)])
}

_fail contains [r, msg, "num_cache_nodes"] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_cluster")
	_standalone(r)
	_engine(r) == "memcached"
	n := object.get(lib.after(r), "num_cache_nodes", null)
	is_number(n)
	n < 2
	msg := sprintf("%s is a Memcached cluster with one node (num_cache_nodes = %v)", [r.address, n])
}

_fail contains [r, msg, "az_mode"] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_cluster")
	_standalone(r)
	_engine(r) == "memcached"
	not _one_node(r)
	object.get(lib.after(r), "az_mode", null) == "single-az"
	msg := sprintf("%s places every Memcached node in one Availability Zone (az_mode = single-az)", [r.address])
}

_indeterminate contains [r, msg, "az_mode"] if {
	_on
	some r in lib.resources_of_type("aws_elasticache_cluster")
	_standalone(r)
	_engine(r) == "memcached"
	not _one_node(r)
	lib.is_unknown(r, ["az_mode"])
	msg := sprintf("%s: az_mode is not set or known only after apply (AWS's default is single-az)", [r.address])
}

_one_node(r) if {
	n := object.get(lib.after(r), "num_cache_nodes", null)
	is_number(n)
	n < 2
}
