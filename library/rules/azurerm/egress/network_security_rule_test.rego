package tfgate.rules.azurerm.egress.network_security_rule_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.egress.network_security_rule as rule
import data.tfgate.test

sr(direction, dest, dests) := {
	"name": "r", "priority": 100, "direction": direction, "access": "Allow", "protocol": "*",
	"source_address_prefix": "*", "source_address_prefixes": [], "source_port_range": "*",
	"destination_address_prefix": dest, "destination_address_prefixes": dests,
	"destination_port_range": "*", "destination_port_ranges": [],
}

nsg(rules) := az("azurerm_network_security_group", "nsg", {"security_rule": rules})

test_inline_outbound_any_denied if {
	rule.deny == {{"resource": "azurerm_network_security_group.nsg", "message": "azurerm_network_security_group.nsg allows egress to the internet (*) on all ports", "attribute": "security_rule[0].destination_address_prefix"}} with input as test.doc([nsg([sr("Outbound", "*", [])])])
}

test_internet_tag_and_prefixes_denied if {
	count(rule.deny) == 1 with input as test.doc([nsg([sr("Outbound", "Internet", [])])])
	some d in rule.deny with input as test.doc([nsg([sr("Outbound", "", ["0.0.0.0/1", "128.0.0.0/1"])])])
	d.attribute == "security_rule[0].destination_address_prefixes"
}

test_rule_resource_denied if {
	r := az("azurerm_network_security_rule", "out", object.union(sr("Outbound", "0.0.0.0/0", []), {"protocol": "Tcp", "destination_port_range": "443"}))
	rule.deny == {{"resource": "azurerm_network_security_rule.out", "message": "azurerm_network_security_rule.out allows egress to the internet (0.0.0.0/0) on tcp port(s) 443", "attribute": "destination_address_prefix"}} with input as test.doc([r])
}

test_inbound_deny_and_private_pass if {
	count(rule.deny) == 0 with input as test.doc([nsg([sr("Inbound", "*", [])])])
	count(rule.deny) == 0 with input as test.doc([nsg([object.union(sr("Outbound", "*", []), {"access": "Deny"})])])
	count(rule.deny) == 0 with input as test.doc([nsg([sr("Outbound", "VirtualNetwork", ["10.0.0.0/8"])])])
	count(rule.deny) == 0 with input as test.doc([nsg([sr("Outbound", "203.0.113.10/32", [])])])
}

test_allowed_egress_cidrs if {
	count(rule.deny) == 0 with input as test.doc([nsg([sr("Outbound", "*", [])])]) with data.tfgate.params.allowed_egress_cidrs as ["0.0.0.0/0", "::/0"]
}

test_unknown_destination_indeterminate if {
	r := test.with_unknown(nsg([sr("Outbound", null, [])]), {"security_rule": [{"destination_address_prefix": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(nsg([sr("Outbound", "*", [])]))])
}
