package tfgate.rules.aws.encryption.s3_bucket_test

import data.tfgate.rules.aws.encryption.s3_bucket as rule
import data.tfgate.test

bucket := test.res("aws_s3_bucket", "b", {"bucket": null})

sse(alg) := object.union(
	test.res("aws_s3_bucket_server_side_encryption_configuration", "b", {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": alg}]}]}),
	{"references": {"bucket": ["aws_s3_bucket.b"]}},
)

test_no_configuration_denied if {
	count(rule.deny) == 1 with input as test.doc([bucket])
}

test_aes256_denied_with_reason if {
	some d in rule.deny with input as test.doc([bucket, sse("AES256")])
	d.resource == "aws_s3_bucket.b"
	contains(d.message, "uses AES256")
}

test_kms_configuration_allowed if {
	count(rule.deny) == 0 with input as test.doc([bucket, sse("aws:kms")])
	count(rule.deny) == 0 with input as test.doc([bucket, sse("aws:kms:dsse")])
}

test_reference_to_all_instances_matches_one if {
	b0 := object.union(bucket, {"address": "aws_s3_bucket.b[0]", "index": 0})
	count(rule.deny) == 0 with input as test.doc([b0, sse("aws:kms")])
}

test_inline_kms_allowed if {
	b := test.res("aws_s3_bucket", "b", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]})
	count(rule.deny) == 0 with input as test.doc([b])
}

test_unknown_algorithm_is_silent if {
	c := test.with_unknown(sse(null), {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": true}]}]})
	count(rule.deny) == 0 with input as test.doc([bucket, c])
	count(rule.unknown) == 1 with input as test.doc([bucket, c])
}

test_deleted_bucket_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket)])
}
