package tfgate.rules.aws.egress.network_acl_test

import data.tfgate.rules.aws.egress.network_acl as rule
import data.tfgate.test

block(no, action, proto, from, to, cidr) := {"rule_no": no, "action": action, "protocol": proto, "from_port": from, "to_port": to, "cidr_block": cidr, "ipv6_cidr_block": "", "icmp_code": null, "icmp_type": null}

block6(no, action, proto, from, to, cidr) := object.union(block(no, action, proto, from, to, ""), {"ipv6_cidr_block": cidr})

nacl(egress) := test.res("aws_network_acl", "n", {"vpc_id": "vpc-1", "ingress": [], "egress": egress})

acl_rule(name, values) := r if {
	base := test.res("aws_network_acl_rule", name, object.union({"egress": true, "rule_action": "allow", "cidr_block": null, "ipv6_cidr_block": null}, values))
	r := object.union(base, {"references": {"network_acl_id": ["aws_network_acl.n"]}})
}

test_inline_egress_all_denied if {
	rule.deny == {{"resource": "aws_network_acl.n", "message": "aws_network_acl.n allows egress to the internet (0.0.0.0/0) on all protocols (rule 100)", "attribute": "egress[0].cidr_block"}} with input as test.doc([nacl([block(100, "allow", "-1", 0, 0, "0.0.0.0/0")])])
}

test_inline_egress_ipv6_denied if {
	some d in rule.deny with input as test.doc([nacl([block6(100, "allow", "tcp", 443, 443, "::/0")])])
	d.attribute == "egress[0].ipv6_cidr_block"
	contains(d.message, "tcp port 443")
}

test_inline_ingress_ignored if {
	n := test.res("aws_network_acl", "n", {"ingress": [block(100, "allow", "-1", 0, 0, "0.0.0.0/0")], "egress": []})
	count(rule.deny) == 0 with input as test.doc([n])
}

test_deny_entry_not_an_allow if {
	count(rule.deny) == 0 with input as test.doc([nacl([block(100, "deny", "-1", 0, 0, "0.0.0.0/0")])])
}

test_partner_and_private_pass if {
	count(rule.deny) == 0 with input as test.doc([nacl([block(100, "allow", "-1", 0, 0, "203.0.113.10/32"), block(110, "allow", "-1", 0, 0, "10.0.0.0/8")])])
}

test_split_halves_each_reported if {
	count(rule.deny) == 2 with input as test.doc([nacl([block(100, "allow", "-1", 0, 0, "0.0.0.0/1"), block(110, "allow", "-1", 0, 0, "128.0.0.0/1")])])
}

test_lower_deny_shadows_allow if {
	n := nacl([block(200, "allow", "tcp", 443, 443, "0.0.0.0/0"), block(100, "deny", "-1", 0, 0, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as test.doc([n])
	count(rule.unknown) == 0 with input as test.doc([n])
}

test_higher_deny_does_not_shadow if {
	n := nacl([block(100, "allow", "tcp", 443, 443, "0.0.0.0/0"), block(200, "deny", "-1", 0, 0, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_partial_port_deny_does_not_shadow if {
	n := nacl([block(200, "allow", "tcp", 0, 65535, "0.0.0.0/0"), block(100, "deny", "tcp", 0, 1023, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_port_denies_together_shadow if {
	n := nacl([
		block(200, "allow", "tcp", 0, 65535, "0.0.0.0/0"),
		block(100, "deny", "tcp", 0, 1023, "0.0.0.0/0"),
		block(110, "deny", "tcp", 1024, 65535, "0.0.0.0/0"),
	])
	count(rule.deny) == 0 with input as test.doc([n])
}

test_tcp_deny_does_not_shadow_all_protocols if {
	n := nacl([block(200, "allow", "-1", 0, 0, "0.0.0.0/0"), block(100, "deny", "tcp", 0, 65535, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_narrow_deny_leaves_internet if {
	n := nacl([block(200, "allow", "-1", 0, 0, "0.0.0.0/0"), block(100, "deny", "-1", 0, 0, "203.0.113.0/24")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_ipv4_deny_does_not_shadow_ipv6 if {
	n := nacl([block6(200, "allow", "-1", 0, 0, "::/0"), block(100, "deny", "-1", 0, 0, "0.0.0.0/0")])
	count(rule.deny) == 1 with input as test.doc([n])
}

test_allowed_egress_cidrs_param if {
	n := nacl([block(100, "allow", "-1", 0, 0, "0.0.0.0/0")])
	count(rule.deny) == 0 with input as test.doc([n]) with data.tfgate.params.allowed_egress_cidrs as ["0.0.0.0/0"]
}

test_rule_resource_denied if {
	r := acl_rule("e", {"rule_number": 100, "protocol": "-1", "ipv6_cidr_block": "::/0"})
	rule.deny == {{"resource": "aws_network_acl_rule.e", "message": "aws_network_acl_rule.e allows egress to the internet (::/0) on all protocols (rule 100)", "attribute": "ipv6_cidr_block"}} with input as test.doc([r])
}

test_rule_resource_ingress_ignored if {
	r := acl_rule("i", {"egress": false, "rule_number": 100, "protocol": "-1", "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_rule_resources_same_acl_shadow if {
	d := acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"})
	a := acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([d, a])
}

test_rule_resources_other_acl_do_not_shadow if {
	d := object.union(acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {"network_acl_id": ["aws_network_acl.other"]}})
	a := acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 1 with input as test.doc([d, a])
}

test_rule_resource_joins_inline_acl if {
	n := nacl([block(100, "deny", "-1", 0, 0, "0.0.0.0/0")])
	a := acl_rule("a", {"rule_number": 200, "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([n, a])
}

test_rule_resource_joins_acl_by_known_id if {
	n := test.res("aws_network_acl", "n", {"id": "acl-0123", "ingress": [], "egress": [block(100, "deny", "-1", 0, 0, "0.0.0.0/0")]})
	a := object.union(acl_rule("a", {"network_acl_id": "acl-0123", "rule_number": 200, "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {}})
	count(rule.deny) == 0 with input as test.doc([n, a])
}

test_unknown_range_is_indeterminate if {
	r := test.with_unknown(acl_rule("e", {"rule_number": 100, "protocol": "tcp", "from_port": 443, "to_port": 443}), {"cidr_block": true})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_network_acl_rule.e", "message": "aws_network_acl_rule.e: the range, protocol, ports or number of its egress allow entry are known only after apply", "attribute": "cidr_block"}} with input as test.doc([r])
}

test_unknown_deny_before_makes_allow_indeterminate if {
	d := test.with_unknown(acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "-1"}), {"cidr_block": true})
	a := acl_rule("a", {"rule_number": 200, "protocol": "-1", "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([d, a])
	count(rule.unknown) == 1 with input as test.doc([d, a])
}

test_undetermined_acl_deny_makes_allow_indeterminate if {
	d := object.union(acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {"network_acl_id": ["aws_network_acl.n[*]"]}})
	a := acl_rule("a", {"rule_number": 200, "protocol": "-1", "cidr_block": "0.0.0.0/0"})
	count(rule.deny) == 0 with input as test.doc([d, a])
	count(rule.unknown) == 1 with input as test.doc([d, a])
}

test_unknown_inline_egress_list_silent if {
	n := test.with_unknown(test.res("aws_network_acl", "n", {"vpc_id": "vpc-1"}), {"egress": true, "ingress": true})
	count(rule.deny) == 0 with input as test.doc([n])
	count(rule.unknown) == 0 with input as test.doc([n])
}

test_default_network_acl_checked if {
	n := test.res("aws_default_network_acl", "d", {"egress": [block(100, "allow", "-1", 0, 0, "0.0.0.0/0")]})
	count(rule.deny) == 1 with input as test.doc([n])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(nacl([block(100, "allow", "-1", 0, 0, "0.0.0.0/0")]))])
}

test_deny_naming_acl_through_data_source_is_indeterminate if {
	d := object.union(acl_rule("d", {"rule_number": 100, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {"network_acl_id": ["data.aws_network_acls.x"]}})
	a := object.union(acl_rule("a", {"network_acl_id": "acl-0123", "rule_number": 200, "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {}})
	count(rule.deny) == 0 with input as test.doc([d, a])
	count(rule.unknown) == 1 with input as test.doc([d, a])
}

test_literal_ids_of_other_acls_do_not_shadow if {
	d := object.union(acl_rule("d", {"network_acl_id": "acl-0999", "rule_number": 100, "rule_action": "deny", "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {}})
	a := object.union(acl_rule("a", {"network_acl_id": "acl-0123", "rule_number": 200, "protocol": "-1", "cidr_block": "0.0.0.0/0"}), {"references": {}})
	count(rule.deny) == 1 with input as test.doc([d, a])
	same := object.union(d, {"after": object.union(d.after, {"network_acl_id": "acl-0123"})})
	count(rule.deny) == 0 with input as test.doc([same, a])
}
