package tfgate.rules.acme.naming.queue_prefix_test

import data.tfgate.rules.acme.naming.queue_prefix as rule
import data.tfgate.test

test_denied if {
	count(rule.deny) == 1 with input as test.doc([test.res("aws_sqs_queue", "q", {"name": "x"})])
}

test_allowed if {
	count(rule.deny) == 0 with input as test.doc([test.res("aws_sqs_queue", "q", {"name": "acme-x"})])
}
