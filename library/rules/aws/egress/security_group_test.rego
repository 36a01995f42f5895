package tfgate.rules.aws.egress.security_group_test

import data.tfgate.rules.aws.egress.security_group as rule
import data.tfgate.test

egress(cidrs, v6) := {"cidr_blocks": cidrs, "ipv6_cidr_blocks": v6, "from_port": 0, "to_port": 0, "protocol": "-1"}

sg(blocks) := test.res("aws_security_group", "sg", {"egress": blocks})

test_inline_ipv4_internet_denied if {
	rule.deny == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg allows egress to the internet (0.0.0.0/0) on all ports", "attribute": "egress[0].cidr_blocks"}} with input as test.doc([sg([egress(["0.0.0.0/0"], [])])])
}

test_inline_ipv6_internet_denied if {
	some d in rule.deny with input as test.doc([sg([egress(["10.0.0.0/8"], []), egress([], ["::/0"])])])
	d.attribute == "egress[1].ipv6_cidr_blocks"
}

test_split_halves_denied if {
	count(rule.deny) == 1 with input as test.doc([sg([egress(["0.0.0.0/1", "128.0.0.0/1"], [])])])
}

test_partner_and_private_allowed if {
	count(rule.deny) == 0 with input as test.doc([sg([egress(["203.0.113.10/32", "10.0.0.0/8"], ["fd00::/8"])])])
}

test_allowed_egress_cidrs_param if {
	count(rule.deny) == 0 with input as test.doc([sg([egress(["0.0.0.0/0"], [])])]) with data.tfgate.params.allowed_egress_cidrs as ["0.0.0.0/0"]
}

test_security_group_rule_denied if {
	r := test.res("aws_security_group_rule", "r", {"type": "egress", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": null, "from_port": 443, "to_port": 443, "protocol": "tcp"})
	rule.deny == {{"resource": "aws_security_group_rule.r", "message": "aws_security_group_rule.r allows egress to the internet (0.0.0.0/0) on tcp port 443", "attribute": "cidr_blocks"}} with input as test.doc([r])
}

test_ingress_rule_ignored if {
	r := test.res("aws_security_group_rule", "r", {"type": "ingress", "cidr_blocks": ["0.0.0.0/0"]})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_vpc_egress_rule_ipv6_denied if {
	r := test.res("aws_vpc_security_group_egress_rule", "r", {"cidr_ipv4": null, "cidr_ipv6": "::/0", "ip_protocol": "-1"})
	some d in rule.deny with input as test.doc([r])
	d.attribute == "cidr_ipv6"
}

test_unknown_ranges_are_silent if {
	s := test.with_unknown(sg([egress(null, [])]), {"egress": [{"cidr_blocks": true}]})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 1 with input as test.doc([s])
	r := test.with_unknown(test.res("aws_vpc_security_group_egress_rule", "r", {"cidr_ipv4": null}), {"cidr_ipv4": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_group_without_inline_egress_is_silent if {
	s := test.with_unknown(test.res("aws_security_group", "sg", {"egress": null}), {"egress": true})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 0 with input as test.doc([s])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sg([egress(["0.0.0.0/0"], [])]))])
}

test_default_security_group_egress_denied if {
	d := test.res("aws_default_security_group", "default", {"egress": [egress(["0.0.0.0/0"], [])]})
	rule.deny == {{"resource": "aws_default_security_group.default", "message": "aws_default_security_group.default allows egress to the internet (0.0.0.0/0) on all ports", "attribute": "egress[0].cidr_blocks"}} with input as test.doc([d])
}
