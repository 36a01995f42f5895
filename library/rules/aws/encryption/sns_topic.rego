# METADATA
# title: SNS topics must be encrypted at rest with KMS
# description: |
#   SNS does not encrypt a topic's stored messages with KMS unless the topic
#   names a key: aws_sns_topic must set `kms_master_key_id`.
#
#   Fails: `kms_master_key_id` not set, null or empty.
#
#   Passes: any key, including the AWS managed `alias/aws/sns` (tfgate
#   requires encryption here, not key ownership; trivy reports that key
#   separately as "not a customer-managed key"), and a key known only after
#   apply (written, for example a key created in the same change).
#
#   No outcome is indeterminate: a written key always names a key.
# custom:
#   id: TFG-AWS-ENC-008
#   severity: medium
#   family: encryption
#   resource_types: [aws_sns_topic]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#   remediation: |
#     Set `kms_master_key_id` to a KMS key (aws_kms_key.x.id, or
#     "alias/aws/sns"); a customer-managed key must allow the publishing
#     services (for example CloudWatch or S3) to use it.
package tfgate.rules.aws.encryption.sns_topic

import data.tfgate.lib

_has_key(r) if {
	k := lib.value(r, ["kms_master_key_id"])
	k != ""
}

_has_key(r) if lib.is_unknown(r, ["kms_master_key_id"])

deny contains lib.entry(r, msg, "kms_master_key_id") if {
	some r in lib.resources_of_type("aws_sns_topic")
	not _has_key(r)
	msg := sprintf("%s is not encrypted with KMS (kms_master_key_id is not set)", [r.address])
}
