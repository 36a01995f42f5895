# METADATA
# title: DocumentDB clusters must be encrypted at rest
# description: |
#   aws_docdb_cluster must set `storage_encrypted = true`.
#
#   Fails: `storage_encrypted = false`, and a cluster that does not set it
#   (no provider default, and DocumentDB creates an unencrypted cluster).
#
#   Passes: `storage_encrypted = true`.
#
#   Indeterminate: a value known only after apply; and, when
#   `storage_encrypted` is not true, a cluster that takes its source's
#   encryption: restored from a snapshot (`snapshot_identifier`) or to a
#   point in time (`restore_to_point_in_time`), or joining a global cluster
#   (`global_cluster_identifier`).
# custom:
#   id: TFG-AWS-ENC-017
#   severity: high
#   family: encryption
#   resource_types: [aws_docdb_cluster]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["DocumentDB.1"]
#   remediation: |
#     Set `storage_encrypted = true` (and `kms_key_id` for a key you
#     control). An existing cluster cannot be encrypted in place: restore an
#     encrypted copy of a snapshot.
package tfgate.rules.aws.encryption.docdb_cluster

import data.tfgate.lib

_type := "aws_docdb_cluster"

_configured(r, attr) if lib.has_value(r, [attr])

_configured(r, attr) if lib.is_unknown(r, [attr])

_inherits(r) := attr if {
	some attr in ["snapshot_identifier", "global_cluster_identifier"]
	_configured(r, attr)
} else := "restore_to_point_in_time" if {
	count(object.get(lib.after(r), "restore_to_point_in_time", [])) > 0
}

_candidates contains r if {
	some r in lib.resources_of_type(_type)
	not lib.is_true(r, ["storage_encrypted"])
	not lib.is_unknown(r, ["storage_encrypted"])
}

deny contains lib.entry(r, msg, "storage_encrypted") if {
	some r in _candidates
	not _inherits(r)
	msg := _message(r)
}

_message(r) := sprintf("%s does not encrypt its storage (storage_encrypted = false)", [r.address]) if {
	lib.is_false(r, ["storage_encrypted"])
} else := sprintf("%s does not set storage_encrypted: DocumentDB creates an unencrypted cluster by default", [r.address])

unknown contains lib.entry(r, msg, "storage_encrypted") if {
	some r in _candidates
	attr := _inherits(r)
	msg := sprintf("%s takes its encryption from its source (%s) unless storage_encrypted = true: indeterminate", [r.address, attr])
}

unknown contains lib.entry(r, msg, "storage_encrypted") if {
	some r in lib.resources_of_type(_type)
	lib.is_unknown(r, ["storage_encrypted"])
	msg := sprintf("%s: storage_encrypted is known only after apply", [r.address])
}
