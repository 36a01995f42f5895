package tfgate.rules.azurerm.exposure.network_security_rule_ingress_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.exposure.network_security_rule_ingress as rule
import data.tfgate.test

sr(src, srcs, port, ports) := {
	"name": "r", "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
	"source_address_prefix": src, "source_address_prefixes": srcs, "source_port_range": "*",
	"destination_address_prefix": "*", "destination_address_prefixes": [],
	"destination_port_range": port, "destination_port_ranges": ports,
}

nsg(rules) := az("azurerm_network_security_group", "nsg", {"security_rule": rules})

test_ssh_from_any_denied if {
	rule.deny == {{"resource": "azurerm_network_security_group.nsg", "message": "azurerm_network_security_group.nsg allows ingress from the internet (*) to restricted port(s) 22", "attribute": "security_rule[0].source_address_prefix"}} with input as test.doc([nsg([sr("*", [], "22", [])])])
}

test_port_range_and_list_denied if {
	some d in rule.deny with input as test.doc([nsg([sr("Internet", [], "", ["80", "3380-3390"])])])
	contains(d.message, "3389")
	r := az("azurerm_network_security_rule", "rdp", sr("", ["0.0.0.0/1", "128.0.0.0/1"], "*", []))
	some e in rule.deny with input as test.doc([r])
	e.attribute == "source_address_prefixes"
	contains(e.message, "20, 21, 22, 23, 135 and 32 more")
}

test_safe_rules_pass if {
	count(rule.deny) == 0 with input as test.doc([nsg([sr("*", [], "443", [])])])
	count(rule.deny) == 0 with input as test.doc([nsg([sr("VirtualNetwork", [], "22", [])])])
	count(rule.deny) == 0 with input as test.doc([nsg([sr("203.0.113.10/32", [], "22", [])])])
	count(rule.deny) == 0 with input as test.doc([nsg([object.union(sr("*", [], "22", []), {"access": "Deny"})])])
	count(rule.deny) == 0 with input as test.doc([nsg([object.union(sr("*", [], "22", []), {"protocol": "Icmp"})])])
}

test_restricted_ports_param if {
	count(rule.deny) == 1 with input as test.doc([nsg([sr("*", [], "443", [])])]) with data.tfgate.params.restricted_ingress_ports as [443]
}

test_unknown_source_indeterminate if {
	r := test.with_unknown(nsg([sr(null, [], "22", [])]), {"security_rule": [{"source_address_prefix": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_ports_indeterminate if {
	r := test.with_unknown(nsg([sr("*", [], null, [])]), {"security_rule": [{"destination_port_range": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(nsg([sr("*", [], "22", [])]))])
}
