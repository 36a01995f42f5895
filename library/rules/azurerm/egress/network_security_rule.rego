# METADATA
# title: Network security groups must not allow outbound traffic to the internet
# description: |
#   No network security rule may allow outbound traffic to the internet, in
#   either form Terraform can say it: an inline `security_rule` block of
#   azurerm_network_security_group, or an azurerm_network_security_rule. A
#   rule is reported when its direction is Outbound, its access Allow and
#   its destination (`destination_address_prefix` or
#   `destination_address_prefixes`) is the internet: "*", the service tag
#   "Internet", "Any", or CIDRs that together cover a wide part of public
#   address space (the lib CIDR helpers: 0.0.0.0/0, ::/0, 0.0.0.0/1 with
#   128.0.0.0/1; a partner's /32 and private ranges are not). Other service
#   tags (AzureCloud, Storage.WestEurope, VirtualNetwork, ...) and
#   application security groups are not the internet. Ranges listed in the
#   `allowed_egress_cidrs` parameter (list of CIDRs, optional) are taken out
#   first; "*" and "Internet" stand for 0.0.0.0/0 and ::/0 there.
#
#   Indeterminate: a destination, direction or access known only after
#   apply, or inline rules known only after apply as a whole (a dynamic
#   block over such values). Each rule is judged on its own, as trivy and
#   checkov do: a higher-priority Deny rule is not taken into account. The
#   default rule AllowInternetOutBound that Azure adds to every group (at
#   priority 65001) is not part of the configuration and is not reported:
#   override it with an explicit Deny rule.
# custom:
#   id: TFG-AZURE-EGRESS-001
#   severity: high
#   family: egress
#   resource_types: [azurerm_network_security_group, azurerm_network_security_rule]
#   frameworks:
#     nist-800-53: ["SC-7", "SC-7(5)"]
#   remediation: |
#     Restrict outbound rules to the destinations the workload needs (a
#     service tag such as Storage.WestEurope, a firewall's or proxy's
#     address), or list a deliberate range in allowed_egress_cidrs.
package tfgate.rules.azurerm.egress.network_security_rule

import data.tfgate.lib

_allowed := [c | some c in object.get(data.tfgate.params, "allowed_egress_cidrs", []); is_string(c)]

_open(x, _) if "*" in x.unknown

_open(x, field) if field in x.unknown

_may_be(x, field, v) if x[field] == v

_may_be(x, field, _) if _open(x, field)

_outbound_allow(x) if {
	x.direction == "outbound"
	x.access == "allow"
}

_ports(x) := "all ports" if {
	x.protocol == "*"
	some [0, 65535] in x.ports
} else := "all protocols" if {
	x.protocol == "*"
	count(x.ports) == 0
} else := sprintf("%s port(s) %s", [x.protocol, concat(", ", [_range(p) | some p in x.ports])])

_range([a, a]) := sprintf("%d", [a])

_range([a, b]) := sprintf("%d-%d", [a, b]) if a != b

_internet(x) := [[a, sort(open)] |
	some [a, prefixes] in x.destinations
	open := lib.azure_internet_prefixes(prefixes, _allowed)
	count(open) > 0
]

deny contains lib.entry(x.r, msg, lib.attr_path(array.concat(x.path, [a]))) if {
	some x in lib.azure_nsg_rules
	_outbound_allow(x)
	some [a, open] in _internet(x)
	not _open(x, a)
	msg := sprintf("%s allows egress to the internet (%s) on %s", [x.r.address, concat(", ", open), _ports(x)])
}

# An internet destination whose direction or access is known only after
# apply, or an outbound Allow rule whose destination is.
unknown contains lib.entry(x.r, msg, lib.attr_path(x.path)) if {
	some x in lib.azure_nsg_rules
	not _outbound_allow(x)
	_may_be(x, "direction", "outbound")
	_may_be(x, "access", "allow")
	count(_internet(x)) > 0
	msg := sprintf("%s: whether its rule to the internet is an outbound Allow is known only after apply", [x.r.address])
}

unknown contains lib.entry(x.r, msg, lib.attr_path(array.concat(x.path, [a]))) if {
	some x in lib.azure_nsg_rules
	_may_be(x, "direction", "outbound")
	_may_be(x, "access", "allow")
	count(_internet(x)) == 0
	a := [d | some d in ["destination_address_prefix", "destination_address_prefixes"]; _open(x, d)][0]
	msg := sprintf("%s: the destination of its outbound rule is known only after apply", [x.r.address])
}

unknown contains lib.entry(r, msg, "security_rule") if {
	some r in lib.resources_of_type("azurerm_network_security_group")
	lib.azure_undetermined(r, ["security_rule"])
	msg := sprintf("%s: its security rules are known only after apply", [r.address])
}
