package terraform.policies.public_egress_test

import rego.v1

import data.terraform.policies.public_egress

test_open_v6_rule_is_denied if {
	count(public_egress.deny) == 1 with input as {"plan": {"resource_changes": [{
		"address": "aws_vpc_security_group_egress_rule.r",
		"type": "aws_vpc_security_group_egress_rule",
		"change": {"actions": ["create"], "after": {"cidr_ipv6": "::/0"}},
	}]}}
}

test_private_rule_is_allowed if {
	count(public_egress.deny) == 0 with input as {"plan": {"resource_changes": [{
		"address": "aws_vpc_security_group_egress_rule.r",
		"type": "aws_vpc_security_group_egress_rule",
		"change": {"actions": ["create"], "after": {"cidr_ipv6": "fd00::/8"}},
	}]}}
}
