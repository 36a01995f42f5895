# METADATA
# title: Databases must use an allowed instance class
# description: |
#   Guardrail for database sizes, switched on by the
#   `allowed_db_instance_classes` parameter (a list of exact classes or glob
#   patterns with the "db." prefix as AWS writes them, such as ["db.t4g.*",
#   "db.r6g.large", "db.serverless"], where `*` matches any characters);
#   until it is set the rule is reported as not evaluated. The
#   `instance_class` of aws_db_instance, aws_rds_cluster_instance,
#   aws_docdb_cluster_instance and aws_neptune_cluster_instance, and the
#   `db_cluster_instance_class` of a Multi-AZ DB aws_rds_cluster, fail
#   unless they match a pattern. A class that matches one passes. Aurora
#   Serverless v2 instances use the class "db.serverless": list it to allow
#   them. EC2 patterns do not apply here ("m6i.*" in allowed_instance_types
#   does not allow "db.m6i.*"), because database sizing is decided
#   separately and the class names differ. A class known only after apply is
#   indeterminate. Resources outside the optional `guardrail_scope_tags`
#   parameter (an object of tag key to a value or a list of values, matched
#   against effective tags; unset: every resource is in scope) are not
#   checked, and one whose scope tag is known only after apply is
#   indeterminate instead of failing.
# custom:
#   id: TFG-AWS-COST-002
#   severity: low
#   family: cost
#   resource_types: [aws_db_instance, aws_rds_cluster_instance, aws_rds_cluster, aws_docdb_cluster_instance, aws_neptune_cluster_instance]
#   frameworks:
#     nist-800-53: ["CM-6", "CM-2"]
#   params: [allowed_db_instance_classes]
#   remediation: |
#     Choose an instance class from the allowed list, or ask for it to be
#     added to allowed_db_instance_classes.
package tfgate.rules.aws.cost.db_instance_classes

import data.tfgate.lib

_param := "allowed_db_instance_classes"

_allowed := [p | some p in lib.param(_param); is_string(p)] if is_array(lib.param(_param)) else := [p | p := lib.param(_param); is_string(p)]

_ok(v) if {
	some p in _allowed
	glob.match(p, null, v)
}

_attrs := {
	"aws_db_instance": "instance_class",
	"aws_rds_cluster_instance": "instance_class",
	"aws_docdb_cluster_instance": "instance_class",
	"aws_neptune_cluster_instance": "instance_class",
	"aws_rds_cluster": "db_cluster_instance_class",
}

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

_fail contains [r, msg, attr] if {
	count(_allowed) > 0
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	v := object.get(lib.after(r), attr, null)
	is_string(v)
	not _ok(v)
	msg := sprintf("%s uses instance class %s, which is not allowed (allowed: %s)", [r.address, v, concat(", ", _allowed)])
}

_indeterminate contains [r, msg, attr] if {
	count(_allowed) > 0
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, [attr])
	msg := sprintf("%s: its %s is known only after apply", [r.address, attr])
}
