package tfgate.rules.aws.exposure.nacl_restricted_ports_test

import data.tfgate.rules.aws.exposure.nacl_restricted_ports as rule
import data.tfgate.test

block(no, action, proto, from, to, cidr) := {"rule_no": no, "action": action, "protocol": proto, "from_port": from, "to_port": to, "cidr_block": cidr, "ipv6_cidr_block": "", "icmp_code": null, "icmp_type": null}

block6(no, action, proto, from, to, cidr) := object.union(block(no, action, proto, from, to, ""), {"ipv6_cidr_block": cidr})

nacl(ingress) := test.res("aws_network_acl", "n", {"vpc_id": "vpc-1", "ingress": ingress, "egress": []})

acl_rule(name, values) := r if {
	base := test.res("aws_network_acl_rule", name, object.union({"egress": false, "rule_action": "allow", "cidr_block": null, "ipv6_cidr_block": null}, values))
	r := object.union(base, {"references": {"network_acl_id": ["aws_network_acl.n"]}})
}

test_inline_ssh_denied if {
	rule.deny == {{"resource": "aws_network_acl.n", "message": "aws_network_acl.n allows ingress from the internet (0.0.0.0/0) to restricted port 22 on tcp port 22 (rule 100)", "attribute": "ingress[0].cidr_block"}} with input as test.doc([nacl([block(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])])
}

test_all_protocols_denied if {
	some d in rule.deny with input as test.doc([nacl([block6(100, "allow", "-1", 0, 0, "::/0")])])
	d.attribute == "ingress[0].ipv6_cidr_block"
	contains(d.message, "and 32 more on all protocols (rule 100)")
}

test_unrestricted_port_passes if {
	count(rule.deny) == 0 with input as test.doc([nacl([block(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), block(110, "allow", "tcp", 1024, 1432, "0.0.0.0/0")])])
}

test_egress_block_ignored if {
	n := test.res("aws_network_acl", "n", {"ingress": [], "egress": [block(100, "allow", "tcp", 22, 22, "0.0.0.0/0")]})
	count(rule.deny) == 0 with input as test.doc([n])
}

test_not_internet_passes if {
	count(rule.deny) == 0 with input as test.doc([nacl([block(100, "allow", "-1", 0, 0, "10.0.0.0/8"), block(110, "allow", "tcp", 22, 22, "203.0.113.10/32")])])
}

test_lower_deny_shadows if {
	n := nacl([block(200, "allow", "tcp", 22, 22, "0.0.0.0/0"), block(100, "deny", "tcp", 22, 22, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as test.doc([n])
	count(rule.unknown) == 0 with input as test.doc([n])
}

test_partial_shadow_reports_remaining_ports if {
	n := nacl([block(200, "allow", "tcp", 0, 3400, "0.0.0.0/0"), block(100, "deny", "-1", 0, 0, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as test.doc([n])
	m := nacl([block(200, "allow", "tcp", 3300, 3400, "0.0.0.0/0"), block(100, "deny", "tcp", 3389, 3389, "0.0.0.0/0")])
	some d in rule.deny with input as test.doc([m])
	contains(d.message, "restricted port 3306 on")
}

test_deny_after_allow_does_not_shadow if {
	n := nacl([block(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), block(200, "deny", "tcp", 22, 22, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_tcp_deny_leaves_udp_of_all_protocols if {
	n := nacl([block(200, "allow", "-1", 0, 0, "0.0.0.0/0"), block(100, "deny", "tcp", 0, 65535, "0.0.0.0/0")])
	some d in rule.deny with input as test.doc([n])
	contains(d.message, "restricted ports 20, 21, 22, 23, 135 and 32 more")
}

test_rule_resources_shadow if {
	d := acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_block": "0.0.0.0/0"})
	a := acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_block": "0.0.0.0/0"})
	b := acl_rule("b", {"rule_number": 210, "protocol": "tcp", "from_port": 3306, "to_port": 3306, "ipv6_cidr_block": "::/0"})
	rule.deny == {{"resource": "aws_network_acl_rule.b", "message": "aws_network_acl_rule.b allows ingress from the internet (::/0) to restricted port 3306 on tcp port 3306 (rule 210)", "attribute": "ipv6_cidr_block"}} with input as test.doc([d, a, b])
}

test_unknown_range_is_indeterminate if {
	r := test.with_unknown(acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 22, "to_port": 22}), {"cidr_block": true})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_network_acl_rule.a", "message": "aws_network_acl_rule.a: the range, protocol, ports or number of its ingress allow entry are known only after apply", "attribute": "cidr_block"}} with input as test.doc([r])
}

test_unknown_range_on_unrestricted_port_silent if {
	r := test.with_unknown(acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 443, "to_port": 443}), {"cidr_block": true})
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_deny_before_is_indeterminate if {
	d := test.with_unknown(acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "tcp", "from_port": 22, "to_port": 22}), {"cidr_block": true})
	a := acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([d, a])
	some u in rule.unknown with input as test.doc([d, a])
	u.resource == "aws_network_acl_rule.a"
}

test_param_ports if {
	n := nacl([block(100, "allow", "tcp", 22, 22, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as test.doc([n]) with data.tfgate.params.restricted_ingress_ports as [8443]
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(nacl([block(100, "allow", "-1", 0, 0, "0.0.0.0/0")]))])
}
