package tfgate.rules.aws.encryption.glue_kms_test

import data.tfgate.rules.aws.encryption.glue_kms as rule
import data.tfgate.test

catalog(mode, pw) := test.res("aws_glue_data_catalog_encryption_settings", "c", {"data_catalog_encryption_settings": [{
	"encryption_at_rest": [{"catalog_encryption_mode": mode}],
	"connection_password_encryption": [{"return_connection_password_encrypted": pw}],
}]})

secconf(cw, jb, s3) := test.res("aws_glue_security_configuration", "s", {"encryption_configuration": [{
	"cloudwatch_encryption": [{"cloudwatch_encryption_mode": cw}],
	"job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": jb}],
	"s3_encryption": [{"s3_encryption_mode": s3}],
}]})

test_catalog_disabled_denied if {
	rule.deny == {
		{
			"resource": "aws_glue_data_catalog_encryption_settings.c",
			"message": "aws_glue_data_catalog_encryption_settings.c does not use KMS for catalog encryption at rest (catalog_encryption_mode is DISABLED; must be SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE)",
			"attribute": "data_catalog_encryption_settings[0].encryption_at_rest[0].catalog_encryption_mode",
		},
		{
			"resource": "aws_glue_data_catalog_encryption_settings.c",
			"message": "aws_glue_data_catalog_encryption_settings.c does not use KMS for connection password encryption (return_connection_password_encrypted is false; must be true)",
			"attribute": "data_catalog_encryption_settings[0].connection_password_encryption[0].return_connection_password_encrypted",
		},
	} with input as test.doc([catalog("DISABLED", false)])
}

test_catalog_kms_allowed if {
	count(rule.deny) == 0 with input as test.doc([catalog("SSE-KMS", true)])
	count(rule.deny) == 0 with input as test.doc([catalog("SSE-KMS-WITH-SERVICE-ROLE", true)])
}

test_security_configuration_each_setting if {
	count(rule.deny) == 3 with input as test.doc([secconf("DISABLED", "DISABLED", "SSE-S3")])
	count(rule.deny) == 1 with input as test.doc([secconf("DISABLED", "CSE-KMS", "SSE-KMS")])
	count(rule.deny) == 0 with input as test.doc([secconf("SSE-KMS", "CSE-KMS", "SSE-KMS")])
}

test_unset_is_default_disabled if {
	r := test.res("aws_glue_security_configuration", "s", {"encryption_configuration": [{"cloudwatch_encryption": [{}], "job_bookmarks_encryption": [{"job_bookmarks_encryption_mode": "CSE-KMS"}], "s3_encryption": [{"s3_encryption_mode": "SSE-KMS"}]}]})
	some d in rule.deny with input as test.doc([r])
	contains(d.message, "cloudwatch_encryption_mode is not set")
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(secconf("SSE-KMS", "CSE-KMS", null), {"encryption_configuration": [{"s3_encryption": [{"s3_encryption_mode": true}]}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(catalog("DISABLED", false))])
}
