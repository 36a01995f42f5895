# METADATA
# title: Firehose delivery streams must be encrypted at rest
# description: |
#   A Firehose stream that receives records directly (Direct PUT) must turn
#   on server-side encryption.
#
#   Fails: no `server_side_encryption` block, or `enabled` false or not set
#   (default false).
#
#   Passes: `server_side_encryption { enabled = true }` (key_type
#   AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK).
#
#   Indeterminate: `enabled` known only after apply.
#
#   Not checked: a stream that reads from a Kinesis data stream
#   (`kinesis_source_configuration`) or an MSK cluster
#   (`msk_source_configuration`): Firehose SSE cannot be enabled there and
#   the source's encryption applies (TFG-AWS-ENC-010 checks Kinesis streams).
# custom:
#   id: TFG-AWS-ENC-011
#   severity: medium
#   family: encryption
#   resource_types: [aws_kinesis_firehose_delivery_stream]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["DataFirehose.1"]
#   remediation: |
#     Add `server_side_encryption { enabled = true  key_type =
#     "CUSTOMER_MANAGED_CMK"  key_arn = aws_kms_key.x.arn }` (or key_type
#     "AWS_OWNED_CMK").
package tfgate.rules.aws.encryption.firehose_delivery_stream

import data.tfgate.lib

_enabled_path := ["server_side_encryption", 0, "enabled"]

# A stream that reads from a Kinesis stream or an MSK cluster.
_has_source(r) if {
	some block in ["kinesis_source_configuration", "msk_source_configuration"]
	count(object.get(lib.after(r), block, [])) > 0
}

deny contains lib.entry(r, msg, attr) if {
	some r in lib.resources_of_type("aws_kinesis_firehose_delivery_stream")
	not _has_source(r)
	not lib.is_true(r, _enabled_path)
	not lib.is_unknown(r, _enabled_path)
	[attr, why] := _why(r)
	msg := sprintf("%s is not encrypted at rest (%s)", [r.address, why])
}

_why(r) := ["server_side_encryption[0].enabled", "server_side_encryption.enabled is not true"] if {
	count(object.get(lib.after(r), "server_side_encryption", [])) > 0
} else := ["", "no server_side_encryption block"]

unknown contains lib.entry(r, msg, "server_side_encryption[0].enabled") if {
	some r in lib.resources_of_type("aws_kinesis_firehose_delivery_stream")
	not _has_source(r)
	lib.is_unknown(r, _enabled_path)
	msg := sprintf("%s: server_side_encryption.enabled is known only after apply", [r.address])
}
