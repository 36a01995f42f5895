package tfgate.rules.aws.exposure.ingress_restricted_ports_test

import data.tfgate.rules.aws.exposure.ingress_restricted_ports as rule
import data.tfgate.test

ingress(proto, from, to, v4, v6) := {"protocol": proto, "from_port": from, "to_port": to, "cidr_blocks": v4, "ipv6_cidr_blocks": v6, "prefix_list_ids": [], "security_groups": [], "self": false}

sg(blocks) := test.res("aws_security_group", "sg", {"ingress": blocks})

test_inline_ssh_ipv4_denied if {
	rule.deny == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg allows ingress from the internet (0.0.0.0/0) to restricted port 22 (tcp port 22)", "attribute": "ingress[0].cidr_blocks"}} with input as test.doc([sg([ingress("tcp", 22, 22, ["0.0.0.0/0"], [])])])
}

test_inline_ipv6_denied if {
	some d in rule.deny with input as test.doc([sg([ingress("tcp", 443, 443, ["0.0.0.0/0"], []), ingress("tcp", 5432, 5432, [], ["::/0"])])])
	d.attribute == "ingress[1].ipv6_cidr_blocks"
}

test_range_containing_port_denied if {
	some d in rule.deny with input as test.doc([sg([ingress("tcp", 3000, 3400, ["0.0.0.0/0"], [])])])
	contains(d.message, "restricted ports 3306, 3389 (tcp ports 3000-3400)")
}

test_udp_and_numeric_protocol if {
	count(rule.deny) == 1 with input as test.doc([sg([ingress("17", 11211, 11211, ["0.0.0.0/0"], [])])])
	count(rule.deny) == 1 with input as test.doc([sg([ingress("6", 22, 22, ["0.0.0.0/0"], [])])])
}

test_all_protocols_denied if {
	count(rule.deny) == 1 with input as test.doc([sg([ingress("-1", 0, 0, ["0.0.0.0/0"], [])])])
	count(rule.deny) == 1 with input as test.doc([sg([ingress("all", 0, 0, [], ["::/0"])])])
}

test_icmp_not_a_port if {
	count(rule.deny) == 0 with input as test.doc([sg([ingress("icmp", -1, -1, ["0.0.0.0/0"], [])])])
}

test_unrestricted_port_passes if {
	count(rule.deny) == 0 with input as test.doc([sg([ingress("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])])
}

test_split_halves_denied if {
	some d in rule.deny with input as test.doc([sg([ingress("tcp", 22, 22, ["0.0.0.0/1", "128.0.0.0/1"], [])])])
	contains(d.message, "(0.0.0.0/1, 128.0.0.0/1)")
}

test_partner_private_prefix_list_pass if {
	b := object.union(ingress("tcp", 22, 22, ["203.0.113.10/32", "10.0.0.0/8"], ["fd00::/8"]), {"prefix_list_ids": ["pl-1"], "security_groups": ["sg-1"]})
	count(rule.deny) == 0 with input as test.doc([sg([b])])
}

test_param_replaces_default_ports if {
	count(rule.deny) == 0 with input as test.doc([sg([ingress("tcp", 22, 22, ["0.0.0.0/0"], [])])]) with data.tfgate.params.restricted_ingress_ports as [8443]
	count(rule.deny) == 1 with input as test.doc([sg([ingress("tcp", 8443, 8443, ["0.0.0.0/0"], [])])]) with data.tfgate.params.restricted_ingress_ports as [8443]
}

test_default_security_group_checked if {
	d := test.res("aws_default_security_group", "d", {"ingress": [ingress("tcp", 3389, 3389, ["0.0.0.0/0"], [])]})
	count(rule.deny) == 1 with input as test.doc([d])
}

test_security_group_rule_denied if {
	r := test.res("aws_security_group_rule", "r", {"type": "ingress", "protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_blocks": null, "ipv6_cidr_blocks": ["::/0"]})
	rule.deny == {{"resource": "aws_security_group_rule.r", "message": "aws_security_group_rule.r allows ingress from the internet (::/0) to restricted port 3389 (tcp port 3389)", "attribute": "ipv6_cidr_blocks"}} with input as test.doc([r])
}

test_egress_rule_ignored if {
	r := test.res("aws_security_group_rule", "r", {"type": "egress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_vpc_ingress_rule_all_protocols if {
	r := test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0", "cidr_ipv6": null, "from_port": null, "to_port": null})
	some d in rule.deny with input as test.doc([r])
	d.attribute == "cidr_ipv4"
	contains(d.message, "and 32 more (all protocols and ports)")
}

test_vpc_ingress_rule_reference_passes if {
	r := test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": null, "referenced_security_group_id": "sg-1"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_range_is_indeterminate if {
	r := test.with_unknown(test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": null}), {"cidr_ipv4": true})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_vpc_security_group_ingress_rule.r", "message": "aws_vpc_security_group_ingress_rule.r: the source ranges of its ingress to tcp port 22 are known only after apply", "attribute": "cidr_ipv4"}} with input as test.doc([r])
}

test_unknown_range_on_unrestricted_port_silent if {
	r := test.with_unknown(test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": null}), {"cidr_ipv4": true})
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_port_is_indeterminate if {
	s := test.with_unknown(sg([ingress("tcp", null, null, ["0.0.0.0/0"], [])]), {"ingress": [{"from_port": true, "to_port": true}]})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 1 with input as test.doc([s])
}

test_inline_block_unknown_range if {
	s := test.with_unknown(sg([ingress("tcp", 22, 22, [null], [])]), {"ingress": [{"cidr_blocks": [true]}]})
	count(rule.deny) == 0 with input as test.doc([s])
	some u in rule.unknown with input as test.doc([s])
	u.attribute == "ingress[0].cidr_blocks"
}

test_group_without_inline_ingress_silent if {
	s := test.with_unknown(test.res("aws_security_group", "sg", {"ingress": null}), {"ingress": true})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 0 with input as test.doc([s])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sg([ingress("tcp", 22, 22, ["0.0.0.0/0"], [])]))])
}
