package tfgate.rules.acme.encryption.queue_cmk_test

import data.tfgate.rules.acme.encryption.queue_cmk as rule
import data.tfgate.test

test_denied if {
	count(rule.deny) == 1 with input as test.doc([test.res("aws_sqs_queue", "q", {"kms_master_key_id": null})])
}

test_allowed if {
	count(rule.deny) == 0 with input as test.doc([test.res("aws_sqs_queue", "q", {"kms_master_key_id": "alias/acme"})])
}

test_unknown_is_silent if {
	r := test.with_unknown(test.res("aws_sqs_queue", "q", {"kms_master_key_id": null}), {"kms_master_key_id": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}
