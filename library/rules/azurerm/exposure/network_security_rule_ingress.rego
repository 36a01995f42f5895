# METADATA
# title: Network security groups must not allow inbound traffic from the internet to administrative or database ports
# description: |
#   No network security rule may allow inbound traffic from the internet to
#   a restricted port, in either form Terraform can say it: an inline
#   `security_rule` block of azurerm_network_security_group, or an
#   azurerm_network_security_rule. A rule is reported when its direction is
#   Inbound, its access Allow, its source (`source_address_prefix` or
#   `source_address_prefixes`) the internet ("*", "Internet", "Any", or
#   CIDRs covering a wide part of public address space: 0.0.0.0/0,
#   0.0.0.0/1 with 128.0.0.0/1; a partner's /32, private ranges, other
#   service tags and application security groups are not), its protocol
#   "*", Tcp or Udp, and one of its destination port ranges
#   (`destination_port_range` / `destination_port_ranges`: "22",
#   "3380-3390", "*") contains a restricted port.
#
#   Restricted ports: the optional parameter `restricted_ingress_ports`
#   (list of numbers; shared with the AWS rules); default remote
#   administration, file sharing and database ports: 20, 21, 22, 23, 135,
#   137-139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 2379, 2380, 3306, 3389,
#   4333, 5432, 5601, 5984, 5985, 5986, 6379, 7001, 8020, 9042, 9092, 9200,
#   9300, 10250, 11211, 27017, 27018, 50070.
#
#   Indeterminate: a rule from the internet whose direction, access,
#   protocol or ports are known only after apply; a rule covering a
#   restricted port whose source is known only after apply; inline rules
#   known only after apply as a whole. Each rule is judged on its own: a
#   higher-priority Deny rule is not taken into account (as in trivy and
#   checkov). Unlike them, every restricted port is checked, not only 22
#   and 3389, and wide public ranges count as the internet.
# custom:
#   id: TFG-AZURE-EXPOSURE-001
#   severity: high
#   family: exposure
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["6.1", "6.2"]
#     nist-800-53: ["SC-7", "AC-17", "CM-7"]
#   remediation: |
#     Allow administrative and database ports only from the ranges that need
#     them (a VPN or a jump host's address, VirtualNetwork), or use Azure
#     Bastion / just-in-time VM access instead of opening SSH or RDP.
package tfgate.rules.azurerm.exposure.network_security_rule_ingress

import data.tfgate.lib

default_ports := [
	20, 21, 22, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376,
	2379, 2380, 3306, 3389, 4333, 5432, 5601, 5984, 5985, 5986, 6379, 7001, 8020,
	9042, 9092, 9200, 9300, 10250, 11211, 27017, 27018, 50070,
]

restricted := {p | some p in _ports_param; is_number(p)}

_ports_param := ps if {
	ps := data.tfgate.params.restricted_ingress_ports
	is_array(ps)
} else := default_ports

_open(x, _) if "*" in x.unknown

_open(x, field) if field in x.unknown

_may_be(x, field, v) if x[field] == v

_may_be(x, field, _) if _open(x, field)

_inbound_allow(x) if {
	x.direction == "inbound"
	x.access == "allow"
}

_ports_open(x) if {
	some f in ["protocol", "destination_port_range", "destination_port_ranges"]
	_open(x, f)
}

_internet(x) := [[a, sort(open)] |
	some [a, prefixes] in x.sources
	open := lib.azure_internet_prefixes(prefixes, [])
	count(open) > 0
]

_exposed(x) := sort([p | some p in restricted; lib.azure_covers_port(x, p)])

_ports_list(ps) := concat(", ", [sprintf("%d", [p]) | some p in ps]) if count(ps) <= 6

else := sprintf("%s and %d more", [concat(", ", [sprintf("%d", [p]) | some p in array.slice(ps, 0, 5)]), count(ps) - 5])

deny contains lib.entry(x.r, msg, lib.attr_path(array.concat(x.path, [a]))) if {
	some x in lib.azure_nsg_rules
	_inbound_allow(x)
	not _ports_open(x)
	ps := _exposed(x)
	count(ps) > 0
	some [a, open] in _internet(x)
	not _open(x, a)
	msg := sprintf("%s allows ingress from the internet (%s) to restricted port(s) %s", [x.r.address, concat(", ", open), _ports_list(ps)])
}

# From the internet, but direction, access, protocol or ports known only
# after apply.
unknown contains lib.entry(x.r, msg, lib.attr_path(x.path)) if {
	some x in lib.azure_nsg_rules
	count(_internet(x)) > 0
	_may_be(x, "direction", "inbound")
	_may_be(x, "access", "allow")
	_undecided(x)
	msg := sprintf("%s: whether its rule from the internet opens a restricted port is known only after apply", [x.r.address])
}

_undecided(x) if _ports_open(x)

_undecided(x) if {
	not _inbound_allow(x)
	count(_exposed(x)) > 0
}

# An inbound Allow rule to a restricted port whose source is known only
# after apply.
unknown contains lib.entry(x.r, msg, lib.attr_path(array.concat(x.path, [a]))) if {
	some x in lib.azure_nsg_rules
	count(_internet(x)) == 0
	_may_be(x, "direction", "inbound")
	_may_be(x, "access", "allow")
	not _ports_open(x)
	count(_exposed(x)) > 0
	a := _first_open(x, ["source_address_prefix", "source_address_prefixes"])
	msg := sprintf("%s: the source of its inbound rule to restricted port(s) %s is known only after apply", [x.r.address, _ports_list(_exposed(x))])
}

# _first_open(x, attrs): the first of attrs known only after apply.
_first_open(x, attrs) := [a | some a in attrs; _open(x, a)][0]

unknown contains lib.entry(r, msg, "security_rule") if {
	some r in lib.resources_of_type("azurerm_network_security_group")
	lib.azure_undetermined(r, ["security_rule"])
	msg := sprintf("%s: its security rules are known only after apply", [r.address])
}
