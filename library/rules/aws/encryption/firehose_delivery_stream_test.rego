package tfgate.rules.aws.encryption.firehose_delivery_stream_test

import data.tfgate.rules.aws.encryption.firehose_delivery_stream as rule
import data.tfgate.test

stream(sse) := test.res("aws_kinesis_firehose_delivery_stream", "f", {"destination": "extended_s3", "server_side_encryption": sse, "kinesis_source_configuration": [], "msk_source_configuration": []})

test_no_block_denied if {
	rule.deny == {{"resource": "aws_kinesis_firehose_delivery_stream.f", "message": "aws_kinesis_firehose_delivery_stream.f is not encrypted at rest (no server_side_encryption block)", "attribute": ""}} with input as test.doc([stream([])])
}

test_disabled_denied if {
	rule.deny == {{"resource": "aws_kinesis_firehose_delivery_stream.f", "message": "aws_kinesis_firehose_delivery_stream.f is not encrypted at rest (server_side_encryption.enabled is not true)", "attribute": "server_side_encryption[0].enabled"}} with input as test.doc([stream([{"enabled": false}])])
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as test.doc([stream([{"enabled": true, "key_type": "AWS_OWNED_CMK"}])])
}

test_kinesis_source_not_checked if {
	r := object.union(stream([]), {"after": {"server_side_encryption": [], "kinesis_source_configuration": [{"kinesis_stream_arn": null}]}})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(stream([{"enabled": null}]), {"server_side_encryption": [{"enabled": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(stream([]))])
}
