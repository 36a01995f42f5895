package tfgate.rules.aws.regions.allowed_regions_test

import data.tfgate.rules.aws.regions.allowed_regions as rule
import data.tfgate.test

params := {"allowed_regions": ["us-east-1", "eu-west-1"]}

in_region(r, region) := object.union(r, {"region": region})

test_disallowed_region_denied if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2")
	rule.deny == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q is in region ap-southeast-2, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""}} with input as test.doc([r]) with data.tfgate.params as params
}

test_resource_region_argument_is_the_attribute if {
	r := in_region(test.res("aws_sqs_queue", "q", {"region": "sa-east-1"}), "sa-east-1")
	some d in rule.deny with input as test.doc([r]) with data.tfgate.params as params
	d.attribute == "region"
}

test_allowed_region_passes if {
	r := test.res("aws_sqs_queue", "q", {})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_region_is_silent if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), null)
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_global_services_exempt if {
	r := in_region(test.res("aws_iam_role", "r", {}), "ap-southeast-2")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2"))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {}
}
