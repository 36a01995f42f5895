# METADATA
# title: RDS storage must be encrypted
# description: |
#   aws_db_instance and aws_rds_cluster must set `storage_encrypted = true`.
#   Both default to unencrypted when the argument is not set, so a missing
#   value is a failure. Read replicas (`replicate_source_db` set) inherit the
#   source's encryption and are not checked. Aurora Serverless v1 clusters
#   (engine_mode = serverless) are always encrypted and are not checked.
# custom:
#   id: TFG-AWS-ENC-002
#   severity: high
#   family: encryption
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.3.1"]
#     nist-800-53: ["SC-28"]
#   remediation: |
#     Set `storage_encrypted = true` (and `kms_key_id` for a key you
#     control). Encryption cannot be turned on for an existing instance:
#     restore an encrypted copy of a snapshot.
package tfgate.rules.aws.encryption.rds_instance

import data.tfgate.lib

_types := ["aws_db_instance", "aws_rds_cluster"]

_exempt(r) if lib.value(r, ["replicate_source_db"])

_exempt(r) if lib.is_unknown(r, ["replicate_source_db"])

_exempt(r) if object.get(lib.after(r), "engine_mode", null) == "serverless"

deny contains lib.entry(r, msg, "storage_encrypted") if {
	some t in _types
	some r in lib.resources_of_type(t)
	not _exempt(r)
	not lib.is_unknown(r, ["storage_encrypted"])
	not lib.is_true(r, ["storage_encrypted"])
	msg := sprintf("%s does not encrypt its storage (storage_encrypted is %s)", [r.address, _shown(object.get(lib.after(r), "storage_encrypted", null))])
}

unknown contains lib.entry(r, msg, "storage_encrypted") if {
	some t in _types
	some r in lib.resources_of_type(t)
	not _exempt(r)
	lib.is_unknown(r, ["storage_encrypted"])
	msg := sprintf("%s: storage_encrypted is known only after apply", [r.address])
}

_shown(v) := "not set" if v == null

_shown(v) := sprintf("%v", [v]) if v != null
