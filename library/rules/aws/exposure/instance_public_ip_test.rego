package tfgate.rules.aws.exposure.instance_public_ip_test

import data.tfgate.rules.aws.exposure.instance_public_ip as rule
import data.tfgate.test

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

test_public_ip_denied if {
	r := test.res("aws_instance", "web", {"associate_public_ip_address": true})
	rule.deny == {{"resource": "aws_instance.web", "message": "aws_instance.web is given a public IP address (associate_public_ip_address = true)", "attribute": "associate_public_ip_address"}} with input as test.doc([r])
}

test_false_allowed if {
	r := test.res("aws_instance", "web", {"associate_public_ip_address": false})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unset_silent if {
	r := located(test.with_unknown(test.res("aws_instance", "web", {"ami": "ami-1"}), {"associate_public_ip_address": true}), ["ami"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
	bare := test.with_unknown(test.res("aws_instance", "web", {}), {"associate_public_ip_address": true})
	count(rule.unknown) == 0 with input as test.doc([bare])
}

test_written_unknown_indeterminate if {
	r := located(test.with_unknown(test.res("aws_instance", "web", {}), {"associate_public_ip_address": true}), ["associate_public_ip_address"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_instance", "web", {"associate_public_ip_address": true}))
	count(rule.deny) == 0 with input as test.doc([r])
}
