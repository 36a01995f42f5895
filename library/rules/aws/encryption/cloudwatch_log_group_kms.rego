# METADATA
# title: CloudWatch log groups must be encrypted with a KMS key
# description: |
#   CloudWatch Logs always encrypts log data with keys owned by the service;
#   only a KMS key you control (`kms_key_id` on aws_cloudwatch_log_group)
#   gives key policies, grants, CloudTrail records of each use and the
#   ability to revoke access. A log group passes when `kms_key_id` is set:
#   to a known key ARN, or to a value known only after apply (a key created
#   in the same change, which is a customer key). It fails when
#   `kms_key_id` is unset or empty.
# custom:
#   id: TFG-AWS-ENC-030
#   severity: low
#   family: encryption
#   resource_types: [aws_cloudwatch_log_group]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Set `kms_key_id` to the ARN of a customer managed KMS key whose key
#     policy allows the `logs.<region>.amazonaws.com` service principal.
package tfgate.rules.aws.encryption.cloudwatch_log_group_kms

import data.tfgate.lib

deny contains lib.entry(r, msg, "kms_key_id") if {
	some r in lib.resources_of_type("aws_cloudwatch_log_group")
	not lib.is_unknown(r, ["kms_key_id"])
	not _set(object.get(lib.after(r), "kms_key_id", null))
	msg := sprintf("%s has no KMS key (kms_key_id is not set): its logs are encrypted only with keys owned by CloudWatch Logs", [r.address])
}

# _set(v): a non-empty value (a redacted value counts as set).
_set(v) if {
	is_string(v)
	v != ""
}
