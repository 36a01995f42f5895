package tfgate.rules.aws.encryption.cloudwatch_log_group_kms_test

import data.tfgate.rules.aws.encryption.cloudwatch_log_group_kms as rule
import data.tfgate.test

group(after) := test.res("aws_cloudwatch_log_group", "g", after)

test_unset_denied if {
	rule.deny == {{
		"resource": "aws_cloudwatch_log_group.g",
		"message": "aws_cloudwatch_log_group.g has no KMS key (kms_key_id is not set): its logs are encrypted only with keys owned by CloudWatch Logs",
		"attribute": "kms_key_id",
	}} with input as test.doc([group({"name": "/app", "kms_key_id": null})])
}

test_empty_denied if {
	count(rule.deny) == 1 with input as test.doc([group({"name": "/app", "kms_key_id": ""})])
}

test_known_key_allowed if {
	count(rule.deny) == 0 with input as test.doc([group({"kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/abc"})])
}

test_unknown_key_is_silent if {
	g := test.with_unknown(group({"name": "/app"}), {"kms_key_id": true})
	count(rule.deny) == 0 with input as test.doc([g])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(group({"kms_key_id": null}))])
}
