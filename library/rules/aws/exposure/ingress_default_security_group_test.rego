package tfgate.rules.aws.exposure.ingress_default_security_group_test

import data.tfgate.rules.aws.exposure.ingress_default_security_group as rule
import data.tfgate.test

vpc := test.res("aws_vpc", "main", {"cidr_block": "10.0.0.0/16"})

default_sg(values, vpc_ref) := object.union(test.res("aws_default_security_group", "d", values), {"references": {"vpc_id": vpc_ref}})

test_inline_rules_denied if {
	d := default_sg({"ingress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "self": true}], "egress": [{"protocol": "tcp", "from_port": 443, "to_port": 443}]}, ["aws_vpc.main"])
	rule.deny == {
		{"resource": "aws_default_security_group.d", "message": "aws_default_security_group.d (a VPC's default security group) has an ingress rule (all protocols); it must allow no traffic", "attribute": "ingress[0]"},
		{"resource": "aws_default_security_group.d", "message": "aws_default_security_group.d (a VPC's default security group) has an egress rule (tcp 443-443); it must allow no traffic", "attribute": "egress[0]"},
	} with input as test.doc([vpc, d])
}

test_empty_default_group_passes if {
	d := default_sg({"ingress": [], "egress": []}, ["aws_vpc.main"])
	count(rule.deny) == 0 with input as test.doc([vpc, d])
	count(rule.unknown) == 0 with input as test.doc([vpc, d])
	u := test.with_unknown(default_sg({}, ["aws_vpc.main"]), {"ingress": true, "egress": true})
	count(rule.deny) == 0 with input as test.doc([vpc, u])
}

test_rule_on_default_group_denied if {
	r := object.union(test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.0.0.0/8"}), {"references": {"security_group_id": ["aws_vpc.main"]}})
	rule.deny == {{"resource": "aws_vpc_security_group_ingress_rule.r", "message": "aws_vpc_security_group_ingress_rule.r adds a rule to the default security group of aws_vpc.main; it must allow no traffic", "attribute": "security_group_id"}} with input as test.doc([r])
	m := object.union(r, {"references": {"security_group_id": ["module.net.aws_default_security_group.d[0]"]}})
	count(rule.deny) == 1 with input as test.doc([m])
}

test_rule_on_other_group_passes if {
	r := object.union(test.res("aws_security_group_rule", "r", {"type": "ingress"}), {"references": {"security_group_id": ["aws_security_group.app", "aws_vpc_ipam.x", "data.aws_vpc.main", "module.m.data.aws_vpc.x"]}})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_new_vpc_without_default_group_denied if {
	rule.deny == {{"resource": "aws_vpc.main", "message": "aws_vpc.main: its default security group keeps AWS's rules (all outbound traffic, all traffic between members); no aws_default_security_group removes them", "attribute": ""}} with input as test.doc([vpc])
}

test_existing_vpc_not_reported if {
	v := object.union(vpc, {"change": {"actions": ["no-op"], "kind": "no-op"}})
	count(rule.deny) == 0 with input as test.doc([v])
}

test_default_group_of_other_vpc_does_not_count if {
	d := default_sg({"ingress": [], "egress": []}, ["aws_vpc.other"])
	count(rule.deny) == 1 with input as test.doc([vpc, d])
}

test_unlinked_default_group_is_indeterminate if {
	d := test.with_unknown(default_sg({"ingress": [], "egress": []}, []), {"vpc_id": true})
	count(rule.deny) == 0 with input as test.doc([vpc, d])
	count(rule.unknown) == 1 with input as test.doc([vpc, d])
}

test_undetermined_instance_is_indeterminate if {
	v := object.union(vpc, {"address": "aws_vpc.main[0]", "index": 0})
	d := default_sg({"ingress": [], "egress": []}, ["aws_vpc.main[*]"])
	count(rule.deny) == 0 with input as test.doc([v, d])
	count(rule.unknown) == 1 with input as test.doc([v, d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(vpc)])
}
