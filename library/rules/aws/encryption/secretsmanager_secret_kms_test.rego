package tfgate.rules.aws.encryption.secretsmanager_secret_kms_test

import data.tfgate.rules.aws.encryption.secretsmanager_secret_kms as rule
import data.tfgate.test

secret(after) := test.res("aws_secretsmanager_secret", "s", after)

test_unset_denied if {
	rule.deny == {{
		"resource": "aws_secretsmanager_secret.s",
		"message": "aws_secretsmanager_secret.s has no customer managed key (kms_key_id is not set): it is encrypted with the AWS managed key aws/secretsmanager",
		"attribute": "kms_key_id",
	}} with input as test.doc([secret({"name": "s", "kms_key_id": null})])
}

test_aws_managed_alias_denied if {
	some d in rule.deny with input as test.doc([secret({"kms_key_id": "alias/aws/secretsmanager"})])
	contains(d.message, "AWS managed key \"alias/aws/secretsmanager\"")
	count(rule.deny) == 1 with input as test.doc([secret({"kms_key_id": "arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager"})])
}

test_cmk_allowed if {
	count(rule.deny) == 0 with input as test.doc([secret({"kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/abc"})])
	count(rule.deny) == 0 with input as test.doc([secret({"kms_key_id": "alias/app-secrets"})])
}

test_unknown_key_is_silent if {
	s := test.with_unknown(secret({"name": "s"}), {"kms_key_id": true})
	count(rule.deny) == 0 with input as test.doc([s])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(secret({"kms_key_id": null}))])
}
