# METADATA
# title: RDS databases must run in more than one Availability Zone
# description: |
#   Guardrail for Multi-AZ databases, switched on by the `require_multi_az`
#   parameter (bool): until it is set the rule is reported as not evaluated,
#   and with `false` it reports nothing. An aws_db_instance fails with
#   `multi_az = false`. An aws_db_instance without multi_az is
#   indeterminate: the plan leaves the value unknown (the provider reads it
#   back from AWS), and a plan cannot tell "not set", which gives a
#   single-AZ instance, from "set from a value known only after apply". An
#   Aurora aws_rds_cluster fails when exactly one aws_rds_cluster_instance
#   refers to it through `cluster_identifier` (by a reference such as
#   `aws_rds_cluster.x.id`, or by its literal identifier): Aurora then has
#   no reader in another Availability Zone to fail over to. An Aurora
#   cluster passes with two or more instances; each instance of a `count` or
#   `for_each` resource counts. An Aurora cluster is indeterminate when no
#   instance in the plan refers to it, when an instance names its cluster
#   only by a value known after apply, or when a reference's instance is
#   undetermined (`aws_rds_cluster.x[*]`). Aurora Serverless v1 clusters
#   (engine_mode serverless) and Multi-AZ DB clusters (non-Aurora engines,
#   three instances in three zones by design) pass. Resources outside the
#   optional `guardrail_scope_tags` parameter (an object of tag key to a
#   value or a list of values, matched against effective tags; unset: every
#   resource is in scope) are not checked, and one whose scope tag is known
#   only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-001
#   severity: medium
#   family: resilience
#   resource_types: [aws_db_instance, aws_rds_cluster, aws_rds_cluster_instance]
#   frameworks:
#     nist-800-53: ["CP-10", "CP-6(2)", "SC-36", "SC-5(2)", "SI-13(5)"]
#     aws-fsbp: ["RDS.5", "RDS.15"]
#   params: [require_multi_az]
#   remediation: |
#     Set `multi_az = true` on aws_db_instance; give an Aurora cluster a
#     second aws_rds_cluster_instance (count = 2) so that a reader in another
#     Availability Zone can be promoted.
package tfgate.rules.aws.resilience.rds_multi_az

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

# aws_db_instance: multi_az.
_fail contains [r, msg, "multi_az"] if {
	_on
	some r in lib.resources_of_type("aws_db_instance")
	lib.is_false(r, ["multi_az"])
	msg := sprintf("%s is a single-AZ instance (multi_az = false)", [r.address])
}

_indeterminate contains [r, msg, "multi_az"] if {
	_on
	some r in lib.resources_of_type("aws_db_instance")
	lib.is_unknown(r, ["multi_az"])
	msg := sprintf("%s: multi_az is not set or known only after apply (RDS creates a single-AZ instance unless multi_az = true)", [r.address])
}

# Aurora clusters: instances joined through cluster_identifier, built once.
_instance_type := "aws_rds_cluster_instance"

_instance_keys := {i.address: lib.link_keys(i, "cluster_identifier") | some i in lib.resources_of_type(_instance_type)}

# _by_key: {key: {instance addresses}}, keys as lib.link_keys gives them.
_by_key[k] contains a if {
	some a, ks in _instance_keys
	some k in ks
}

_unlinked_instance if {
	some i in lib.resources_of_type(_instance_type)
	lib.unlinked(i, "cluster_identifier")
}

_cluster_keys(c) := {c.address, lib.base_address(c.address)} | {concat("", ["=", v]) |
	some a in ["cluster_identifier", "id"]
	v := object.get(lib.after(c), a, null)
	is_string(v)
}

_instances(c) := {a |
	some k in _cluster_keys(c)
	some a in object.get(_by_key, k, set())
}

_maybe_instances(c) if object.get(_by_key, concat("", [lib.base_address(c.address), "[*]"]), set()) != set()

_aurora(c) if {
	startswith(object.get(lib.after(c), "engine", ""), "aurora")
	object.get(lib.after(c), "engine_mode", "provisioned") != "serverless"
}

_fail contains [c, msg, ""] if {
	_on
	some c in lib.resources_of_type("aws_rds_cluster")
	_aurora(c)
	insts := _instances(c)
	count(insts) == 1
	not _maybe_instances(c)
	not _unlinked_instance
	msg := sprintf("%s is an Aurora cluster with one instance (%s): there is no reader in another Availability Zone to fail over to", [c.address, concat(", ", insts)])
}

_indeterminate contains [c, msg, ""] if {
	_on
	some c in lib.resources_of_type("aws_rds_cluster")
	_aurora(c)
	count(_instances(c)) < 2
	_maybe_instances(c)
	msg := sprintf("%s: an aws_rds_cluster_instance refers to an instance of it that is known only after apply, so its instance count is unknown", [c.address])
}

_indeterminate contains [c, msg, ""] if {
	_on
	some c in lib.resources_of_type("aws_rds_cluster")
	_aurora(c)
	count(_instances(c)) < 2
	not _maybe_instances(c)
	_unlinked_instance
	msg := sprintf("%s: an aws_rds_cluster_instance in this change names its cluster only by a value known after apply, so the cluster's instance count is unknown", [c.address])
}

_indeterminate contains [c, msg, ""] if {
	_on
	some c in lib.resources_of_type("aws_rds_cluster")
	_aurora(c)
	count(_instances(c)) == 0
	not _maybe_instances(c)
	not _unlinked_instance
	msg := sprintf("%s: no aws_rds_cluster_instance in this configuration refers to this Aurora cluster (instances managed elsewhere cannot be counted)", [c.address])
}
