package tfgate.rules.aws.exposure.ingress_all_ports_test

import data.tfgate.rules.aws.exposure.ingress_all_ports as rule
import data.tfgate.test

ingress(proto, from, to, v4, v6) := {"protocol": proto, "from_port": from, "to_port": to, "cidr_blocks": v4, "ipv6_cidr_blocks": v6, "prefix_list_ids": [], "security_groups": [], "self": false}

sg(blocks) := test.res("aws_security_group", "sg", {"ingress": blocks})

test_all_protocols_denied if {
	rule.deny == {{"resource": "aws_security_group.sg", "message": "aws_security_group.sg allows ingress from the internet (0.0.0.0/0) on all protocols and ports", "attribute": "ingress[0].cidr_blocks"}} with input as test.doc([sg([ingress("-1", 0, 0, ["0.0.0.0/0"], [])])])
}

test_full_tcp_range_denied if {
	count(rule.deny) == 1 with input as test.doc([sg([ingress("tcp", 0, 65535, [], ["::/0"])])])
	count(rule.deny) == 1 with input as test.doc([sg([ingress("udp", 1, 65535, ["0.0.0.0/0"], [])])])
}

test_partial_range_passes if {
	count(rule.deny) == 0 with input as test.doc([sg([ingress("tcp", 1024, 65535, ["0.0.0.0/0"], [])])])
	count(rule.deny) == 0 with input as test.doc([sg([ingress("tcp", 22, 22, ["0.0.0.0/0"], [])])])
}

test_not_internet_passes if {
	count(rule.deny) == 0 with input as test.doc([sg([ingress("-1", 0, 0, ["10.0.0.0/8", "203.0.113.10/32"], [])])])
}

test_rule_resources_denied if {
	a := test.res("aws_security_group_rule", "a", {"type": "ingress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/1", "128.0.0.0/1"]})
	b := test.res("aws_vpc_security_group_ingress_rule", "b", {"ip_protocol": "-1", "cidr_ipv6": "::/0"})
	count(rule.deny) == 2 with input as test.doc([a, b])
}

test_unknown_range_is_indeterminate if {
	r := test.with_unknown(test.res("aws_vpc_security_group_ingress_rule", "r", {"ip_protocol": "-1", "cidr_ipv4": null}), {"cidr_ipv4": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sg([ingress("-1", 0, 0, ["0.0.0.0/0"], [])]))])
}
