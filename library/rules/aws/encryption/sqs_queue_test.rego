package tfgate.rules.aws.encryption.sqs_queue_test

import data.tfgate.rules.aws.encryption.sqs_queue as rule
import data.tfgate.test

default_queue := test.with_unknown(test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": null, "kms_master_key_id": null}), {"sqs_managed_sse_enabled": true})

test_sse_off_without_key_denied if {
	r := test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": false, "kms_master_key_id": null})
	rule.deny == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q turns server-side encryption off (sqs_managed_sse_enabled = false and no kms_master_key_id)", "attribute": "sqs_managed_sse_enabled"}} with input as test.doc([r])
}

test_default_sse_sqs_allowed if {
	count(rule.deny) == 0 with input as test.doc([default_queue])
	count(rule.unknown) == 0 with input as test.doc([default_queue])
}

test_sse_off_with_kms_allowed if {
	r := test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": false, "kms_master_key_id": "alias/aws/sqs"})
	count(rule.deny) == 0 with input as test.doc([r])
	k := test.with_unknown(test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": false, "kms_master_key_id": null}), {"kms_master_key_id": true})
	count(rule.deny) == 0 with input as test.doc([k])
}

test_written_unknown_is_indeterminate if {
	r := object.union(default_queue, {"references": {"sqs_managed_sse_enabled": ["aws_ssm_parameter.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": false, "kms_master_key_id": null}))
	count(rule.deny) == 0 with input as test.doc([r])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	r := located(default_queue, ["sqs_managed_sse_enabled"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

# An empty kms_master_key_id is no key.
test_sse_off_with_empty_key_denied if {
	r := test.res("aws_sqs_queue", "q", {"sqs_managed_sse_enabled": false, "kms_master_key_id": ""})
	count(rule.deny) == 1 with input as test.doc([r])
}

# A written, unknown setting is indeterminate once per queue (written by a
# reference and by a source range alike), and silent with a key known only
# after apply or when the reference list is empty.
test_written_unknown_once_per_queue if {
	both := located(object.union(default_queue, {"references": {"sqs_managed_sse_enabled": ["aws_ssm_parameter.p"]}}), ["sqs_managed_sse_enabled"])
	keyed := object.union(test.with_unknown(both, {"sqs_managed_sse_enabled": true, "kms_master_key_id": true}), {"address": "aws_sqs_queue.k"})
	empty := object.union(default_queue, {"address": "aws_sqs_queue.e", "references": {"sqs_managed_sse_enabled": []}})
	other := located(object.union(default_queue, {"address": "aws_sqs_queue.o"}), ["kms_master_key_id"])
	rule.unknown == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q: sqs_managed_sse_enabled is known only after apply and no kms_master_key_id is set", "attribute": "sqs_managed_sse_enabled"}} with input as test.doc([both, keyed, empty, other])
}

# A queue whose planned values are all unknown is silent (its key may be set).
test_wholly_unknown_queue_silent if {
	r := located(object.union(test.res("aws_sqs_queue", "q", {}), {"after": null, "unknown": true}), ["sqs_managed_sse_enabled"])
	count(rule.unknown) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([r])
}

# Each queue that turns encryption off is reported, the others not.
test_several_queues if {
	a := test.res("aws_sqs_queue", "a", {"sqs_managed_sse_enabled": false, "kms_master_key_id": null})
	b := test.res("aws_sqs_queue", "b", {"sqs_managed_sse_enabled": true, "kms_master_key_id": null})
	c := test.res("aws_sqs_queue", "c", {"sqs_managed_sse_enabled": false, "kms_master_key_id": "alias/k"})
	d := test.res("aws_sqs_queue", "d", {"sqs_managed_sse_enabled": false})
	{x.resource | some x in rule.deny} == {"aws_sqs_queue.a", "aws_sqs_queue.d"} with input as test.doc([a, b, c, d])
}
