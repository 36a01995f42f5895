# METADATA
# title: EFS file systems must be encrypted at rest
# description: |
#   aws_efs_file_system must set `encrypted = true`.
#
#   Fails: `encrypted = false`, and a file system that does not write
#   `encrypted`. The attribute is computed, so a plan shows it as known only
#   after apply when it is not written; tfgate tells that (no reference and
#   no source range for it) from a written expression, and EFS creates an
#   unencrypted file system when the API call does not ask for encryption.
#
#   Passes: `encrypted = true`.
#
#   Indeterminate: `encrypted` written as an expression known only after
#   apply.
# custom:
#   id: TFG-AWS-ENC-007
#   severity: high
#   family: encryption
#   resource_types: [aws_efs_file_system]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.4.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["EFS.1"]
#   remediation: |
#     Set `encrypted = true` (and `kms_key_id` for a key you control). An
#     existing file system cannot be encrypted in place: create an encrypted
#     one and copy the data (AWS DataSync or aws_efs_replication_configuration).
package tfgate.rules.aws.encryption.efs_file_system

import data.tfgate.lib

_written_unknown(r) if {
	lib.is_unknown(r, ["encrypted"])
	lib.written(r, ["encrypted"])
}

deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("aws_efs_file_system")
	not lib.is_true(r, ["encrypted"])
	not _written_unknown(r)
	msg := _message(r)
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
_attr(r) := "" if lib.is_unknown(r, ["encrypted"])

else := "encrypted"

_message(r) := sprintf("%s is not encrypted (encrypted = false)", [r.address]) if {
	lib.is_false(r, ["encrypted"])
} else := sprintf("%s does not set encrypted: EFS creates an unencrypted file system by default", [r.address])

unknown contains lib.entry(r, msg, "encrypted") if {
	some r in lib.resources_of_type("aws_efs_file_system")
	_written_unknown(r)
	msg := sprintf("%s: encrypted is known only after apply", [r.address])
}
