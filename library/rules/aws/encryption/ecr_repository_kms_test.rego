package tfgate.rules.aws.encryption.ecr_repository_kms_test

import data.tfgate.rules.aws.encryption.ecr_repository_kms as rule
import data.tfgate.test

repo(after) := test.res("aws_ecr_repository", "r", after)

test_default_denied if {
	rule.deny == {{
		"resource": "aws_ecr_repository.r",
		"message": "aws_ecr_repository.r has no encryption_configuration: ECR's default AES256 (keys owned by AWS) applies; use encryption_type KMS",
		"attribute": "",
	}} with input as test.doc([repo({"name": "r", "encryption_configuration": []})])
}

test_aes256_denied if {
	rule.deny == {{
		"resource": "aws_ecr_repository.r",
		"message": "aws_ecr_repository.r uses encryption_type \"AES256\", not KMS",
		"attribute": "encryption_configuration[0].encryption_type",
	}} with input as test.doc([repo({"encryption_configuration": [{"encryption_type": "AES256"}]})])
}

test_kms_allowed if {
	count(rule.deny) == 0 with input as test.doc([repo({"encryption_configuration": [{"encryption_type": "KMS"}]})])
	count(rule.deny) == 0 with input as test.doc([repo({"encryption_configuration": [{"encryption_type": "KMS_DSSE", "kms_key": "arn:aws:kms:us-east-1:1:key/k"}]})])
}

test_unknown_type_is_indeterminate if {
	r := test.with_unknown(repo({"encryption_configuration": [{}]}), {"encryption_configuration": [{"encryption_type": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_block_is_silent if {
	r := test.with_unknown(repo({"name": "r"}), {"encryption_configuration": true})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(repo({"encryption_configuration": []}))])
}
