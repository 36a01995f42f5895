# METADATA
# title: Kinesis data streams must be encrypted at rest
# description: |
#   aws_kinesis_stream must be encrypted at rest with KMS.
#
#   Fails: `encryption_type = "NONE"`, which is also the provider default a
#   plan shows when the attribute is not written.
#
#   Passes: `encryption_type = "KMS"` (with `kms_key_id`: the AWS managed
#   "alias/aws/kinesis" or a key of your own).
#
#   Indeterminate: `encryption_type` known only after apply.
# custom:
#   id: TFG-AWS-ENC-010
#   severity: medium
#   family: encryption
#   resource_types: [aws_kinesis_stream]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["Kinesis.1"]
#   remediation: |
#     Set `encryption_type = "KMS"` and `kms_key_id` (a key you control, or
#     "alias/aws/kinesis"); this can be changed in place.
package tfgate.rules.aws.encryption.kinesis_stream

import data.tfgate.lib

deny contains lib.entry(r, msg, "encryption_type") if {
	some r in lib.resources_of_type("aws_kinesis_stream")
	t := lib.value(r, ["encryption_type"])
	upper(t) != "KMS"
	msg := sprintf("%s is not encrypted at rest (encryption_type = %q)", [r.address, t])
}

unknown contains lib.entry(r, msg, "encryption_type") if {
	some r in lib.resources_of_type("aws_kinesis_stream")
	lib.is_unknown(r, ["encryption_type"])
	msg := sprintf("%s: encryption_type is known only after apply", [r.address])
}
