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

# Groups with the same egress blocks are each reported (the blocks are
# decided once per distinct list); a group with several open blocks has one
# finding per block.
test_groups_sharing_blocks_each_denied if {
	blocks := [egress(["0.0.0.0/0"], []), egress(["10.0.0.0/8"], []), egress(["10.0.0.0/8"], ["::/0"])]
	a := test.res("aws_security_group", "a", {"egress": blocks})
	b := test.res("aws_security_group", "b", {"egress": blocks})
	c := test.res("aws_security_group", "c", {"egress": [egress(["10.0.0.0/8"], [])]})
	rule.deny == {
		{"resource": "aws_security_group.a", "message": "aws_security_group.a allows egress to the internet (0.0.0.0/0) on all ports", "attribute": "egress[0].cidr_blocks"},
		{"resource": "aws_security_group.a", "message": "aws_security_group.a allows egress to the internet (::/0) on all ports", "attribute": "egress[2].ipv6_cidr_blocks"},
		{"resource": "aws_security_group.b", "message": "aws_security_group.b allows egress to the internet (0.0.0.0/0) on all ports", "attribute": "egress[0].cidr_blocks"},
		{"resource": "aws_security_group.b", "message": "aws_security_group.b allows egress to the internet (::/0) on all ports", "attribute": "egress[2].ipv6_cidr_blocks"},
	} with input as test.doc([a, b, c])
}

# The ports and the ranges of the message are the block's own.
test_inline_message_ports_and_ranges if {
	e := {"cidr_blocks": ["10.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1"], "ipv6_cidr_blocks": ["::/0"], "from_port": 443, "to_port": 443, "protocol": "tcp"}
	rule.deny == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg allows egress to the internet (0.0.0.0/1, 128.0.0.0/1, ::/0) on tcp port 443", "attribute": "egress[0].cidr_blocks"}} with input as test.doc([sg([e])])
}

# Unknown ranges are indeterminate only in a group none of whose blocks is
# open; each group is decided on its own blocks.
test_unknown_ranges_per_group if {
	open := test.with_unknown(sg([egress(null, []), egress(["0.0.0.0/0"], [])]), {"egress": [{"cidr_blocks": true}, {"cidr_blocks": [false]}]})
	closed := test.with_unknown(test.res("aws_security_group", "closed", {"egress": [egress(["10.0.0.0/8"], null)]}), {"egress": [{"cidr_blocks": [false], "ipv6_cidr_blocks": [true]}]})
	known := test.with_unknown(test.res("aws_security_group", "known", {"egress": [egress(["10.0.0.0/8"], [])]}), {"egress": [{"cidr_blocks": [false], "ipv6_cidr_blocks": []}]})
	rule.unknown == {{"resource": "aws_security_group.closed", "message": "aws_security_group.closed: the ranges of its egress block are known only after apply", "attribute": "egress[0]"}} with input as test.doc([open, closed, known])
	count(rule.deny) == 1 with input as test.doc([open, closed, known])
}

# Unknown ranges of a group whose planned values have no egress list at all
# are indeterminate.
test_unknown_ranges_without_planned_list if {
	s := test.with_unknown(test.res("aws_security_group", "sg", {}), {"egress": [{"cidr_blocks": true}]})
	rule.unknown == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg: the ranges of its egress block are known only after apply", "attribute": "egress[0]"}} with input as test.doc([s])
}

# Ranges the parameter allows are removed from each block before the test.
test_allowed_egress_cidrs_per_block if {
	blocks := [egress(["0.0.0.0/0"], []), egress([], ["::/0"])]
	rule.deny == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg allows egress to the internet (::/0) on all ports", "attribute": "egress[1].ipv6_cidr_blocks"}} with input as test.doc([sg(blocks)]) with data.tfgate.params.allowed_egress_cidrs as ["0.0.0.0/0"]
}
