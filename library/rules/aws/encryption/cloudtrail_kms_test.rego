package tfgate.rules.aws.encryption.cloudtrail_kms_test

import data.tfgate.rules.aws.encryption.cloudtrail_kms as rule
import data.tfgate.test

trail(after) := test.res("aws_cloudtrail", "t", after)

test_unset_denied if {
	rule.deny == {{
		"resource": "aws_cloudtrail.t",
		"message": "aws_cloudtrail.t does not encrypt its log files with a KMS key (kms_key_id is not set): only SSE-S3 applies",
		"attribute": "kms_key_id",
	}} with input as test.doc([trail({"name": "t", "kms_key_id": null})])
}

test_missing_attribute_denied if {
	count(rule.deny) == 1 with input as test.doc([trail({"name": "t"})])
}

test_known_key_allowed if {
	count(rule.deny) == 0 with input as test.doc([trail({"kms_key_id": "arn:aws:kms:us-east-1:123456789012:key/abc"})])
}

test_unknown_key_is_silent if {
	t := test.with_unknown(trail({"name": "t"}), {"kms_key_id": true})
	count(rule.deny) == 0 with input as test.doc([t])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(trail({"kms_key_id": null}))])
}
