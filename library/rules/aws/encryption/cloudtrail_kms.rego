# METADATA
# title: CloudTrail trails must encrypt log files with a KMS key
# description: |
#   CloudTrail writes its log files to S3 with SSE-S3 unless the trail names
#   a KMS key (`kms_key_id` on aws_cloudtrail): SSE-KMS adds a key policy
#   that decides who may read the audit trail, independent of S3
#   permissions. A trail passes when `kms_key_id` is set, to a known key or
#   to a value known only after apply (a key created in the same change).
#   It fails when `kms_key_id` is unset or empty.
# custom:
#   id: TFG-AWS-ENC-031
#   severity: medium
#   family: encryption
#   resource_types: [aws_cloudtrail]
#   frameworks:
#     cis-aws-foundations-v3.0: ["3.5"]
#     nist-800-53: ["AU-9", "SC-28", "SC-12"]
#     aws-fsbp: ["CloudTrail.2"]
#   remediation: |
#     Set `kms_key_id` to the ARN of a customer managed KMS key whose key
#     policy lets cloudtrail.amazonaws.com use it for encryption and lets
#     the readers of the trail decrypt.
package tfgate.rules.aws.encryption.cloudtrail_kms

import data.tfgate.lib

deny contains lib.entry(r, msg, "kms_key_id") if {
	some r in lib.resources_of_type("aws_cloudtrail")
	not lib.is_unknown(r, ["kms_key_id"])
	not _set(object.get(lib.after(r), "kms_key_id", null))
	msg := sprintf("%s does not encrypt its log files with a KMS key (kms_key_id is not set): only SSE-S3 applies", [r.address])
}

_set(v) if {
	is_string(v)
	v != ""
}
