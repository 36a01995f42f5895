# METADATA
# title: Databases must have deletion protection
# description: |
#   Guardrail for databases, switched on by the
#   `require_deletion_protection` parameter (bool): until it is set the rule
#   is reported as not evaluated, and with `false` it reports nothing. It is
#   a guardrail rather than a default because deletion protection also
#   blocks the deliberate destroys of short-lived environments.
#   aws_db_instance, aws_rds_cluster, aws_docdb_cluster and
#   aws_neptune_cluster fail without `deletion_protection = true`, and
#   aws_dynamodb_table without `deletion_protection_enabled = true`: one
#   `terraform destroy`, a renamed resource or a forced replacement would
#   otherwise delete the data. All default to false, so an unset value
#   fails. A database with deletion protection set to true passes. A value
#   known only after apply is indeterminate. Redshift clusters have no
#   deletion-protection setting and are not checked. Resources outside the
#   optional `guardrail_scope_tags` parameter (an object of tag key to a
#   value or a list of values, matched against effective tags; unset: every
#   resource is in scope) are not checked, and one whose scope tag is known
#   only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-005
#   severity: medium
#   family: resilience
#   resource_types: [aws_db_instance, aws_rds_cluster, aws_docdb_cluster, aws_neptune_cluster, aws_dynamodb_table]
#   frameworks:
#     nist-800-53: ["CM-3", "SC-5(2)", "CP-9"]
#     aws-fsbp: ["RDS.7", "RDS.8", "DocumentDB.5", "Neptune.4", "DynamoDB.6"]
#   params: [require_deletion_protection]
#   remediation: |
#     Set `deletion_protection = true` (aws_dynamodb_table:
#     `deletion_protection_enabled = true`). To remove the database later,
#     set it to false and apply first, then destroy.
package tfgate.rules.aws.resilience.database_deletion_protection

import data.tfgate.lib

_on if lib.param("require_deletion_protection") == true

# Attribute that holds deletion protection, per type.
_attrs := {
	"aws_db_instance": "deletion_protection",
	"aws_rds_cluster": "deletion_protection",
	"aws_docdb_cluster": "deletion_protection",
	"aws_neptune_cluster": "deletion_protection",
	"aws_dynamodb_table": "deletion_protection_enabled",
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
	_on
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	not lib.is_true(r, [attr])
	not lib.is_unknown(r, [attr])
	msg := sprintf("%s has no deletion protection (%s)", [r.address, _shown(attr, object.get(lib.after(r), attr, null))])
}

_indeterminate contains [r, msg, attr] if {
	_on
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, [attr])
	msg := sprintf("%s: %s is known only after apply", [r.address, attr])
}

_shown(attr, null) := sprintf("%s is not set", [attr])

_shown(attr, v) := sprintf("%s = %v", [attr, v]) if v != null
