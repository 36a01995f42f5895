package tfgate.rules.aws.encryption.lambda_environment_kms_test

import data.tfgate.rules.aws.encryption.lambda_environment_kms as rule
import data.tfgate.test

fn(after) := test.res("aws_lambda_function", "f", after)

env := {"environment": [{"variables": {"STAGE": "prod"}}]}

test_env_without_key_denied if {
	rule.deny == {{
		"resource": "aws_lambda_function.f",
		"message": "aws_lambda_function.f sets environment variables without a customer managed KMS key (kms_key_arn: not set): they are encrypted with the AWS managed key aws/lambda",
		"attribute": "kms_key_arn",
	}} with input as test.doc([fn(object.union(env, {"kms_key_arn": null}))])
}

test_aws_managed_alias_denied if {
	count(rule.deny) == 1 with input as test.doc([fn(object.union(env, {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/aws/lambda"}))])
}

test_cmk_allowed if {
	count(rule.deny) == 0 with input as test.doc([fn(object.union(env, {"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/abc"}))])
}

test_unknown_key_is_silent if {
	f := test.with_unknown(fn(env), {"kms_key_arn": true})
	count(rule.deny) == 0 with input as test.doc([f])
	count(rule.unknown) == 0 with input as test.doc([f])
}

test_no_environment_not_checked if {
	count(rule.deny) == 0 with input as test.doc([fn({"environment": [], "kms_key_arn": null})])
	count(rule.deny) == 0 with input as test.doc([fn({"environment": [{"variables": {}}], "kms_key_arn": null})])
}

test_partly_unknown_variables_denied if {
	f := test.with_unknown(fn({"environment": [{"variables": {"STAGE": "prod"}}], "kms_key_arn": null}), {"environment": [{"variables": {"DB": true}}]})
	count(rule.deny) == 1 with input as test.doc([f])
}

test_redacted_variables_denied if {
	count(rule.deny) == 1 with input as test.doc([fn({"environment": [{"variables": "(sensitive)"}], "kms_key_arn": null})])
}

test_unknown_variables_is_indeterminate if {
	f := test.with_unknown(fn({"environment": [{}], "kms_key_arn": null}), {"environment": [{"variables": true}]})
	count(rule.deny) == 0 with input as test.doc([f])
	count(rule.unknown) == 1 with input as test.doc([f])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(fn(object.union(env, {"kms_key_arn": null})))])
}
