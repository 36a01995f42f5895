# Azure (azurerm / azapi) helpers, shared by library/rules/azurerm. Every
# name starts with azure_ so nothing collides with the other clouds.
#
#   - azure_setting / azure_undetermined: an attribute's effective value,
#     with the provider's documented default for an unset attribute (a
#     configuration leaves it absent or null; a plan shows the default).
#   - azure_location: a location as Azure names it ("West Europe" ->
#     "westeurope"), for comparing with the allowed_regions parameter.
#   - azure_nsg_rules: every network security rule of the document (inline
#     `security_rule` blocks and azurerm_network_security_rule), built once,
#     with its prefixes and port ranges parsed; azure_internet_prefixes and
#     azure_covers_port read them.
#   - azure_range_cidrs: an IPv4 start-end range (firewall rules) as CIDRs,
#     so the lib CIDR helpers can tell whether it is the internet.
package tfgate.lib

# azure_resources(types): the checked resources of every type in types.
azure_resources(types) := [r |
	some t in types
	some r in resources_of_type(t)
]

# azure_setting(r, path, default): the effective value of the attribute at
# path (an array of keys and indices): its known value; the default when it
# is unset (absent or null), or when it is known only after apply but the
# configuration does not write it (a computed attribute takes the
# provider's or the service's value); undefined when the configuration
# writes it and its value is known only after apply (azure_undetermined).
azure_setting(r, path, dflt) := v if {
	not is_unknown(r, path)
	v := object.get(after(r), path, null)
	v != null
} else := dflt if {
	not azure_undetermined(r, path)
}

# azure_undetermined(r, path): the configuration writes the attribute at
# path and its value is known only after apply.
azure_undetermined(r, path) if {
	is_unknown(r, path)
	written(r, path)
}

# azure_is_set(r, path): the attribute at path names something: a known
# non-empty value, or an expression that refers to another resource (an id
# known only after apply).
azure_is_set(r, path) if {
	v := object.get(after(r), path, null)
	v != null
	v != ""
	v != []
}

azure_is_set(r, path) if {
	is_unknown(r, path)
	count(references(r, concat(".", [p | some p in path; is_string(p)]))) > 0
}

# azure_location(s): s as Azure names a location: lower case, without
# spaces ("West Europe", "westeurope" and "WestEurope" are "westeurope").
azure_location(s) := lower(replace(trim_space(s), " ", ""))

# ---------------------------------------------------------------------
# Network security rules.

# The fields of a rule that decide what it allows.
_azure_nsg_fields := [
	"direction", "access", "protocol",
	"source_address_prefix", "source_address_prefixes",
	"destination_address_prefix", "destination_address_prefixes",
	"destination_port_range", "destination_port_ranges",
]

# azure_nsg_rules: every security rule, built once: {"r": resource, "path":
# path of the rule in the resource ([] for azurerm_network_security_rule,
# ["security_rule", i] for an inline block), "direction", "access",
# "protocol" (lower case, null when known only after apply), "sources",
# "destinations" ([[attribute, [prefixes]]]), "ports" ([[from, to]]),
# "unknown" (the fields known only after apply)}.
azure_nsg_rules := array.concat(_azure_inline_rules, _azure_rule_resources)

_azure_inline_rules := [x |
	some r in resources_of_type("azurerm_network_security_group")
	blocks := object.get(after(r), "security_rule", [])
	is_array(blocks)
	some i, b in blocks
	is_object(b)
	x := _azure_nsg_rule(r, ["security_rule", i], b)
]

_azure_rule_resources := [x |
	some r in resources_of_type("azurerm_network_security_rule")
	x := _azure_nsg_rule(r, [], after(r))
]

_azure_nsg_rule(r, path, v) := {
	"r": r,
	"path": path,
	"direction": _azure_lower(object.get(v, "direction", null)),
	"access": _azure_lower(object.get(v, "access", null)),
	"protocol": _azure_lower(object.get(v, "protocol", null)),
	"sources": [
		["source_address_prefix", _azure_list(object.get(v, "source_address_prefix", null))],
		["source_address_prefixes", _azure_list(object.get(v, "source_address_prefixes", null))],
	],
	"destinations": [
		["destination_address_prefix", _azure_list(object.get(v, "destination_address_prefix", null))],
		["destination_address_prefixes", _azure_list(object.get(v, "destination_address_prefixes", null))],
	],
	"ports": [p |
		some spec in array.concat(
			_azure_list(object.get(v, "destination_port_range", null)),
			_azure_list(object.get(v, "destination_port_ranges", null)),
		)
		p := azure_port_range(spec)
	],
	"unknown": _azure_unknown_fields(r, path),
}

_azure_lower(v) := lower(v) if is_string(v)

else := null

_azure_list(v) := [x | some x in v; is_string(x); x != ""] if is_array(v)

else := [v] if {
	is_string(v)
	v != ""
} else := []

# _azure_unknown_fields(r, path): the fields of the rule at path known only
# after apply ({"*"}: all of them).
_azure_unknown_fields(r, path) := {"*"} if {
	count(path) > 0
	is_unknown(r, path)
} else := {"*"} if {
	count(path) == 0
	r.unknown == true
} else := {a |
	some a in _azure_nsg_fields
	unknown_within(r, array.concat(path, [a]))
}

# azure_port_range(spec): [from, to] of a port range as NSG rules write
# it: "22", "22-25" or "*" (every port); undefined for anything else.
azure_port_range("*") := [0, 65535]

azure_port_range(spec) := [n, n] if {
	regex.match(`^\s*[0-9]+\s*$`, spec)
	n := to_number(trim_space(spec))
}

azure_port_range(spec) := [a, b] if {
	parts := regex.find_all_string_submatch_n(`^\s*([0-9]+)\s*-\s*([0-9]+)\s*$`, spec, 1)
	count(parts) == 1
	a := to_number(parts[0][1])
	b := to_number(parts[0][2])
}

# azure_covers_port(x, p): the rule x opens port p (its protocol carries
# ports: *, Tcp or Udp; one of its port ranges contains p).
azure_covers_port(x, p) if {
	x.protocol in {"*", "tcp", "udp"}
	some [from, to] in x.ports
	from <= p
	p <= to
}

# Prefixes that mean any address. Azure accepts "*", the service tag
# "Internet" and (as documented for NSGs) "Any"; "0.0.0.0/0" is a CIDR.
_azure_any := {"*", "internet", "any"}

# azure_prefix_cidrs(prefix): the ranges a prefix stands for: the whole
# IPv4 and IPv6 space for "*", "Internet" and "Any"; the prefix itself for
# an address or CIDR; nothing for another service tag (VirtualNetwork,
# AzureLoadBalancer, Storage.WestEurope, ...: Azure's own or private
# address space, not the internet).
azure_prefix_cidrs(prefix) := ["0.0.0.0/0", "::/0"] if lower(trim_space(prefix)) in _azure_any

else := [n] if n := normalize_cidr(prefix)

else := []

# azure_internet_prefixes(prefixes, allowed): the entries of prefixes that
# make them the internet once the CIDRs in allowed are taken out (an entry
# contained in an allowed CIDR does not count); empty when they are not
# the internet.
azure_internet_prefixes(prefixes, allowed) := {p |
	kept := [p2 |
		some p2 in prefixes
		not _azure_prefix_allowed(p2, allowed)
	]
	cidrs := [c | some p3 in kept; some c in azure_prefix_cidrs(p3)]
	is_internet(cidrs)
	some p in kept
	_azure_public_prefix(p)
}

_azure_public_prefix(p) if lower(trim_space(p)) in _azure_any

_azure_public_prefix(p) if {
	n := normalize_cidr(p)
	public_size(family(n), n) > 0
}

_azure_prefix_allowed(p, allowed) if {
	cidrs := azure_prefix_cidrs(p)
	count(cidrs) > 0
	every c in cidrs {
		some a in allowed
		na := normalize_cidr(a)
		family(na) == family(c)
		net.cidr_contains(na, c)
	}
}

# ---------------------------------------------------------------------
# IPv4 ranges (firewall rules give a start and an end address).

# azure_ip_number(ip): an IPv4 address as a number; undefined when not one.
azure_ip_number(ip) := n if {
	is_string(ip)
	regex.match(`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`, trim_space(ip))
	parts := [to_number(p) | some p in split(trim_space(ip), ".")]
	every p in parts {
		p <= 255
	}
	n := (((parts[0] * 256) + parts[1]) * 256 + parts[2]) * 256 + parts[3]
}

_azure_ip_text(n) := sprintf("%d.%d.%d.%d", [
	bits.and(bits.rsh(n, 24), 255),
	bits.and(bits.rsh(n, 16), 255),
	bits.and(bits.rsh(n, 8), 255),
	bits.and(n, 255),
])

# azure_range_cidrs(start, end): the fewest CIDRs that cover the IPv4 range
# start-end exactly (at each prefix length at most two maximal blocks: the
# first and the last aligned block inside the range); empty when either
# end is not an address or start > end.
azure_range_cidrs(start, end) := {sprintf("%s/%d", [_azure_ip_text(x), p]) |
	s := azure_ip_number(start)
	e := azure_ip_number(end)
	s <= e
	some p in numbers.range(0, 32)
	k := 32 - p
	size := bits.lsh(1, k)
	some x in {bits.lsh(bits.rsh((s + size) - 1, k), k), bits.lsh(bits.rsh(e + 1, k), k) - size}
	x >= s
	(x + size) - 1 <= e
	parent := bits.lsh(bits.rsh(x, k + 1), k + 1)
	not _azure_inside(parent, bits.lsh(1, k + 1), s, e)
}

_azure_inside(x, size, s, e) if {
	x >= s
	(x + size) - 1 <= e
}

# ---------------------------------------------------------------------
# azapi resources.

# azure_azapi(arm_type): [resource, properties] of the azapi_resource
# instances of an ARM resource type ("Microsoft.Storage/storageAccounts",
# any API version, compared without regard to case): properties is the
# `properties` object of `body`, written as an object (azapi 2.x) or as
# JSON text (jsonencode, azapi 1.x); {} when not known.
azure_azapi(arm_type) := [[r, props] |
	some r in resources_of_type("azapi_resource")
	t := object.get(after(r), "type", "")
	is_string(t)
	lower(split(t, "@")[0]) == lower(arm_type)
	props := _azure_azapi_properties(r)
]

_azure_azapi_properties(r) := p if {
	body := object.get(after(r), "body", null)
	is_object(body)
	p := object.get(body, "properties", {})
	is_object(p)
} else := p if {
	body := object.get(after(r), "body", null)
	is_string(body)
	json.is_valid(body)
	doc := json.unmarshal(body)
	is_object(doc)
	p := object.get(doc, "properties", {})
	is_object(p)
} else := {}

# azure_azapi_unknown(r, name): the body property name of the azapi
# resource r is known only after apply.
azure_azapi_unknown(r, name) if is_unknown(r, ["body", "properties", name])
