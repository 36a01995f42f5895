# METADATA
# title: Secrets Manager secrets must be encrypted with a customer managed KMS key
# description: |
#   Without `kms_key_id`, a secret is encrypted with the AWS managed key
#   aws/secretsmanager, whose key policy lets every principal of the account
#   that may call Secrets Manager use it: access then rests on IAM alone,
#   and the secret cannot be shared with another account. A secret passes
#   when `kms_key_id` names a customer managed key (a known key id, ARN or
#   alias, or a value known only after apply, such as a key created in the
#   same change). It fails when `kms_key_id` is unset or empty, or names the
#   AWS managed key (`alias/aws/secretsmanager`, or any `alias/aws/...`).
# custom:
#   id: TFG-AWS-ENC-033
#   severity: medium
#   family: encryption
#   resource_types: [aws_secretsmanager_secret]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12", "AC-3"]
#   remediation: |
#     Set `kms_key_id` to a customer managed KMS key whose key policy grants
#     decryption only to the principals that read the secret.
package tfgate.rules.aws.encryption.secretsmanager_secret_kms

import data.tfgate.lib

deny contains lib.entry(r, msg, "kms_key_id") if {
	some r in lib.resources_of_type("aws_secretsmanager_secret")
	not lib.is_unknown(r, ["kms_key_id"])
	v := object.get(lib.after(r), "kms_key_id", null)
	not _set(v)
	msg := sprintf("%s has no customer managed key (kms_key_id is not set): it is encrypted with the AWS managed key aws/secretsmanager", [r.address])
}

deny contains lib.entry(r, msg, "kms_key_id") if {
	some r in lib.resources_of_type("aws_secretsmanager_secret")
	v := object.get(lib.after(r), "kms_key_id", null)
	_aws_managed(v)
	msg := sprintf("%s uses the AWS managed key %q, not a customer managed key", [r.address, v])
}

_set(v) if {
	is_string(v)
	v != ""
}

# _aws_managed(v): an alias of an AWS managed key, by name or ARN.
_aws_managed(v) if {
	is_string(v)
	regex.match(`(^|:)alias/aws/`, v)
}
