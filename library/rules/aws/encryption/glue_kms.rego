# METADATA
# title: Glue Data Catalogs and security configurations must encrypt with KMS
# description: |
#   Glue encrypts nothing of its own unless told to. An
#   aws_glue_data_catalog_encryption_settings must set
#   `encryption_at_rest.catalog_encryption_mode` to SSE-KMS (or
#   SSE-KMS-WITH-SERVICE-ROLE) and
#   `connection_password_encryption.return_connection_password_encrypted`
#   to true. An aws_glue_security_configuration (used by jobs, crawlers and
#   development endpoints) must encrypt all three outputs with KMS:
#   `cloudwatch_encryption_mode` SSE-KMS, `job_bookmarks_encryption_mode`
#   CSE-KMS and `s3_encryption_mode` SSE-KMS. SSE-S3 for the S3 output
#   fails, as S3 buckets do under TFG-AWS-ENC-003: it is what S3 applies
#   anyway and gives no key control. Each setting is a separate finding; a
#   setting known only after apply is indeterminate; an unset one is the
#   provider default (DISABLED / false) and fails.
# custom:
#   id: TFG-AWS-ENC-036
#   severity: medium
#   family: encryption
#   resource_types: [aws_glue_data_catalog_encryption_settings, aws_glue_security_configuration]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Catalog: `encryption_at_rest { catalog_encryption_mode = "SSE-KMS"
#     sse_aws_kms_key_id = aws_kms_key.x.arn }` and
#     `connection_password_encryption { return_connection_password_encrypted
#     = true  aws_kms_key_id = aws_kms_key.x.arn }`. Security configuration:
#     SSE-KMS / CSE-KMS / SSE-KMS with `kms_key_arn` in each block.
package tfgate.rules.aws.encryption.glue_kms

import data.tfgate.lib

# One line per setting: the resource type, the path of the value, what it
# must be, and a name for messages.
_settings := [
	{
		"type": "aws_glue_data_catalog_encryption_settings",
		"path": ["data_catalog_encryption_settings", 0, "encryption_at_rest", 0, "catalog_encryption_mode"],
		"allowed": {"SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"},
		"what": "catalog encryption at rest",
	},
	{
		"type": "aws_glue_data_catalog_encryption_settings",
		"path": ["data_catalog_encryption_settings", 0, "connection_password_encryption", 0, "return_connection_password_encrypted"],
		"allowed": {true},
		"what": "connection password encryption",
	},
	{
		"type": "aws_glue_security_configuration",
		"path": ["encryption_configuration", 0, "cloudwatch_encryption", 0, "cloudwatch_encryption_mode"],
		"allowed": {"SSE-KMS"},
		"what": "CloudWatch Logs encryption",
	},
	{
		"type": "aws_glue_security_configuration",
		"path": ["encryption_configuration", 0, "job_bookmarks_encryption", 0, "job_bookmarks_encryption_mode"],
		"allowed": {"CSE-KMS"},
		"what": "job bookmark encryption",
	},
	{
		"type": "aws_glue_security_configuration",
		"path": ["encryption_configuration", 0, "s3_encryption", 0, "s3_encryption_mode"],
		"allowed": {"SSE-KMS"},
		"what": "S3 encryption",
	},
]

deny contains lib.entry(r, msg, lib.attr_path(s.path)) if {
	some s in _settings
	some r in lib.resources_of_type(s.type)
	not lib.is_unknown(r, s.path)
	v := object.get(lib.after(r), s.path, null)
	not v in s.allowed
	msg := sprintf("%s does not use KMS for %s (%s is %s; must be %s)", [r.address, s.what, s.path[count(s.path) - 1], _shown(v), concat(" or ", sort([sprintf("%v", [a]) | some a in s.allowed]))])
}

unknown contains lib.entry(r, msg, lib.attr_path(s.path)) if {
	some s in _settings
	some r in lib.resources_of_type(s.type)
	lib.is_unknown(r, s.path)
	msg := sprintf("%s: its %s setting is known only after apply", [r.address, s.what])
}

_shown(v) := "not set" if v == null

else := sprintf("%v", [v])
