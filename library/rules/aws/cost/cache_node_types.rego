# METADATA
# title: ElastiCache must use an allowed node type
# description: |
#   Guardrail for cache sizes, switched on by the `allowed_cache_node_types`
#   parameter (a list of exact node types or glob patterns with the "cache."
#   prefix as AWS writes them, such as ["cache.t4g.*", "cache.r7g.large"],
#   where `*` matches any characters); until it is set the rule is reported
#   as not evaluated. The `node_type` of aws_elasticache_replication_group
#   and aws_elasticache_cluster fails unless it matches a pattern. A node
#   type that matches one passes. A node type known only after apply is
#   indeterminate. A cluster that belongs to a replication group and sets no
#   node type of its own is not checked (the group is). Resources outside
#   the optional `guardrail_scope_tags` parameter (an object of tag key to a
#   value or a list of values, matched against effective tags; unset: every
#   resource is in scope) are not checked, and one whose scope tag is known
#   only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-COST-003
#   severity: low
#   family: cost
#   resource_types: [aws_elasticache_replication_group, aws_elasticache_cluster]
#   frameworks:
#     nist-800-53: ["CM-6", "CM-2"]
#   params: [allowed_cache_node_types]
#   remediation: |
#     Choose a node type from the allowed list, or ask for it to be added to
#     allowed_cache_node_types.
package tfgate.rules.aws.cost.cache_node_types

import data.tfgate.lib

_param := "allowed_cache_node_types"

_allowed := [p | some p in lib.param(_param); is_string(p)] if is_array(lib.param(_param)) else := [p | p := lib.param(_param); is_string(p)]

_ok(v) if {
	some p in _allowed
	glob.match(p, null, v)
}

_types := ["aws_elasticache_replication_group", "aws_elasticache_cluster"]

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

_fail contains [r, msg, "node_type"] if {
	count(_allowed) > 0
	some t in _types
	some r in lib.resources_of_type(t)
	v := object.get(lib.after(r), "node_type", null)
	is_string(v)
	not _ok(v)
	msg := sprintf("%s uses node type %s, which is not allowed (allowed: %s)", [r.address, v, concat(", ", _allowed)])
}

_member(r) if lib.value(r, ["replication_group_id"])

_member(r) if lib.is_unknown(r, ["replication_group_id"])

_member(r) if count(lib.references(r, "replication_group_id")) > 0

_indeterminate contains [r, msg, "node_type"] if {
	count(_allowed) > 0
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, ["node_type"])
	not _member(r)
	msg := sprintf("%s: its node_type is known only after apply", [r.address])
}
