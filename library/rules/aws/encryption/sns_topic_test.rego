package tfgate.rules.aws.encryption.sns_topic_test

import data.tfgate.rules.aws.encryption.sns_topic as rule
import data.tfgate.test

test_no_key_denied if {
	r := test.res("aws_sns_topic", "t", {"kms_master_key_id": null})
	rule.deny == {{"resource": "aws_sns_topic.t", "message": "aws_sns_topic.t is not encrypted with KMS (kms_master_key_id is not set)", "attribute": "kms_master_key_id"}} with input as test.doc([r])
	count(rule.deny) == 1 with input as test.doc([test.res("aws_sns_topic", "t", {"kms_master_key_id": ""})])
}

test_aws_managed_key_allowed if {
	r := test.res("aws_sns_topic", "t", {"kms_master_key_id": "alias/aws/sns"})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_key_known_after_apply_allowed if {
	r := test.with_unknown(test.res("aws_sns_topic", "t", {"kms_master_key_id": null}), {"kms_master_key_id": true})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(test.res("aws_sns_topic", "t", {"kms_master_key_id": null}))])
}
