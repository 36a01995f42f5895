# METADATA
# title: ECR repositories must be encrypted with KMS
# description: |
#   ECR encrypts every repository; by default with AES256 (SSE-S3, keys
#   owned by AWS), which a security team can neither audit nor revoke. A
#   repository passes when its `encryption_configuration` has
#   `encryption_type = "KMS"` (or "KMS_DSSE"), with a customer key in
#   `kms_key` or, when `kms_key` is unset, the AWS managed key aws/ecr
#   (whose use is still logged by CloudTrail). It fails when the block is
#   absent (the AES256 default) or says AES256. An encryption type known
#   only after apply is indeterminate.
# custom:
#   id: TFG-AWS-ENC-032
#   severity: low
#   family: encryption
#   resource_types: [aws_ecr_repository]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Add `encryption_configuration { encryption_type = "KMS"  kms_key =
#     aws_kms_key.x.arn }` (the repository is replaced: the encryption of an
#     ECR repository cannot be changed after creation).
package tfgate.rules.aws.encryption.ecr_repository_kms

import data.tfgate.lib

_kms_types := {"KMS", "KMS_DSSE"}

deny contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type("aws_ecr_repository")
	not lib.is_unknown(r, ["encryption_configuration"])
	_no_block(object.get(lib.after(r), "encryption_configuration", []))
	msg := sprintf("%s has no encryption_configuration: ECR's default AES256 (keys owned by AWS) applies; use encryption_type KMS", [r.address])
}

deny contains lib.entry(r, msg, "encryption_configuration[0].encryption_type") if {
	some r in lib.resources_of_type("aws_ecr_repository")
	t := lib.value(r, ["encryption_configuration", 0, "encryption_type"])
	is_string(t)
	not t in _kms_types
	msg := sprintf("%s uses encryption_type %q, not KMS", [r.address, t])
}

unknown contains lib.entry(r, msg, "encryption_configuration[0].encryption_type") if {
	some r in lib.resources_of_type("aws_ecr_repository")
	lib.is_unknown(r, ["encryption_configuration", 0, "encryption_type"])
	msg := sprintf("%s: its encryption type is known only after apply", [r.address])
}

_no_block(blocks) if blocks == null

_no_block(blocks) if {
	is_array(blocks)
	count(blocks) == 0
}
