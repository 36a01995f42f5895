package tfgate.rules.aws.encryption.kinesis_stream_test

import data.tfgate.rules.aws.encryption.kinesis_stream as rule
import data.tfgate.test

test_none_denied if {
	r := test.res("aws_kinesis_stream", "s", {"encryption_type": "NONE", "kms_key_id": null})
	rule.deny == {{"resource": "aws_kinesis_stream.s", "message": "aws_kinesis_stream.s is not encrypted at rest (encryption_type = \"NONE\")", "attribute": "encryption_type"}} with input as test.doc([r])
}

test_kms_allowed if {
	r := test.res("aws_kinesis_stream", "s", {"encryption_type": "KMS", "kms_key_id": "alias/aws/kinesis"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_kinesis_stream", "s", {"encryption_type": null}), {"encryption_type": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(test.res("aws_kinesis_stream", "s", {"encryption_type": "NONE"}))])
}
