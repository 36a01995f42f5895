package tfgate.rules.aws.resilience.asg_multi_az_test

import data.tfgate.rules.aws.resilience.asg_multi_az as rule
import data.tfgate.test

on := {"require_multi_az": true}

asg(after) := test.res("aws_autoscaling_group", "g", object.union({"tag": [{"key": "Env", "value": "prod", "propagate_at_launch": true}]}, after))

subnet(name, az, id) := test.res("aws_subnet", name, {"availability_zone": az, "id": id})

# by_refs(after, unknown, refs): a group whose subnets are known only after apply.
by_refs(refs) := object.union(test.with_unknown(asg({}), {"vpc_zone_identifier": true, "availability_zones": true}), {"references": {"vpc_zone_identifier": refs}})

test_one_zone_denied if {
	rule.deny == {{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g runs in one Availability Zone (us-east-1a)", "attribute": "availability_zones"}} with input as test.doc([asg({"availability_zones": ["us-east-1a"]})])
		with data.tfgate.params as on
}

test_one_subnet_denied if {
	r := test.with_unknown(asg({"vpc_zone_identifier": ["subnet-1"]}), {"availability_zones": true})
	rule.deny == {{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g runs in one subnet (subnet-1), so in one Availability Zone", "attribute": "vpc_zone_identifier"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_known_subnets_in_one_zone_denied if {
	r := test.with_unknown(asg({"vpc_zone_identifier": ["subnet-1", "subnet-2"]}), {"availability_zones": true})
	docs := test.doc([r, subnet("a", "us-east-1a", "subnet-1"), subnet("b", "us-east-1a", "subnet-2")])
	rule.deny == {{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g spreads over 2 subnets, all in us-east-1a", "attribute": "vpc_zone_identifier"}} with input as docs
		with data.tfgate.params as on
}

test_two_zones_allowed if {
	docs := test.doc([
		asg({"availability_zones": ["us-east-1a", "us-east-1b"]}),
		object.union(asg({"vpc_zone_identifier": ["subnet-1", "subnet-9"]}), {"address": "aws_autoscaling_group.h"}),
		subnet("a", "us-east-1a", "subnet-1"),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_referenced_subnets_in_two_zones_allowed if {
	docs := test.doc([by_refs(["aws_subnet.a", "aws_subnet.b"]), subnet("a", "us-east-1a", null), subnet("b", "us-east-1b", null)])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_count_subnets_all_instances_count if {
	s0 := object.union(subnet("p", "us-east-1a", null), {"address": "aws_subnet.p[0]", "index": 0})
	s1 := object.union(subnet("p", "us-east-1b", null), {"address": "aws_subnet.p[1]", "index": 1})
	docs := test.doc([by_refs(["aws_subnet.p"]), s0, s1])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_one_referenced_subnet_is_indeterminate if {
	docs := test.doc([by_refs(["aws_subnet.a"]), subnet("a", "us-east-1a", null)])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	rule.unknown == {{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g: its subnets are known only after apply (the subnets it refers to are in us-east-1a)", "attribute": "vpc_zone_identifier"}} with input as docs
		with data.tfgate.params as on
}

test_unknown_everything_is_indeterminate if {
	docs := test.doc([by_refs([])])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 1 with input as docs with data.tfgate.params as on
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(asg({"availability_zones": ["us-east-1a"]}))]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	count(rule.deny) == 0 with input as test.doc([asg({"availability_zones": ["us-east-1a"]})])
	count(rule.unknown) == 0 with input as test.doc([by_refs([])])
}

test_scope_reads_tag_blocks if {
	params := object.union(on, {"guardrail_scope_tags": {"Env": "prod"}})
	count(rule.deny) == 1 with input as test.doc([asg({"availability_zones": ["us-east-1a"]})]) with data.tfgate.params as params
	dev := asg({"availability_zones": ["us-east-1a"], "tag": [{"key": "Env", "value": "dev"}]})
	count(rule.deny) == 0 with input as test.doc([dev]) with data.tfgate.params as params
	untagged := asg({"availability_zones": ["us-east-1a"], "tag": null})
	count(rule.deny) == 0 with input as test.doc([untagged]) with data.tfgate.params as params
}

test_empty_subnets_and_unknown_zones_is_indeterminate if {
	r := test.with_unknown(asg({"vpc_zone_identifier": []}), {"availability_zones": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
}
