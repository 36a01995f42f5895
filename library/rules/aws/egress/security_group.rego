# METADATA
# title: Security groups must not allow egress to the internet
# description: |
#   No security group may allow outbound traffic to the internet, in any of
#   the three ways Terraform can say it: an inline `egress` block of
#   aws_security_group (or aws_default_security_group), an
#   aws_security_group_rule of type "egress", or an
#   aws_vpc_security_group_egress_rule; IPv4 and IPv6. "The internet" is
#   not only 0.0.0.0/0 and ::/0 but any set of ranges covering a wide part
#   of public address space (see the lib CIDR helpers: 0.0.0.0/1 with
#   128.0.0.0/1 is the internet, a partner's /32 is not, private ranges never
#   are). Ranges listed in the `allowed_egress_cidrs` parameter are removed
#   first. Prefix lists and security-group references are not the internet.
#   Ranges known only after apply are indeterminate.
# custom:
#   id: TFG-AWS-EGRESS-001
#   severity: high
#   family: egress
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_egress_rule]
#   frameworks:
#     nist-800-53: ["SC-7", "SC-7(5)"]
#   remediation: |
#     Restrict egress to the destinations the workload needs (VPC ranges,
#     VPC endpoints or prefix lists, a proxy), or list a deliberate range in
#     allowed_egress_cidrs.
package tfgate.rules.aws.egress.security_group

import data.tfgate.lib

_allowed := {c | some c in object.get(data.tfgate.params, "allowed_egress_cidrs", [])}

# _exposed(cidrs): the entries of cidrs that are not explicitly allowed.
_exposed(cidrs) := [c |
	some c in cidrs
	not _is_allowed(c)
]

_is_allowed(c) if {
	n := lib.normalize_cidr(c)
	some a in _allowed
	na := lib.normalize_cidr(a)
	net.cidr_contains(na, n)
}

_ports(rule) := "all ports" if {
	object.get(rule, "protocol", object.get(rule, "ip_protocol", "-1")) in {"-1", "all"}
} else := sprintf("%s port %v", [object.get(rule, "protocol", object.get(rule, "ip_protocol", "")), object.get(rule, "from_port", "")]) if {
	object.get(rule, "from_port", null) == object.get(rule, "to_port", null)
} else := sprintf("%s ports %v-%v", [object.get(rule, "protocol", object.get(rule, "ip_protocol", "")), object.get(rule, "from_port", ""), object.get(rule, "to_port", "")])

_list(v) := v if is_array(v)

_list(v) := [] if not is_array(v)

_message(r, cidrs, rule) := sprintf("%s allows egress to the internet (%s) on %s", [
	r.address,
	concat(", ", sort(lib.internet_cidrs(cidrs))),
	_ports(rule),
])

# Inline egress blocks of aws_security_group and aws_default_security_group.
_groups := array.concat(lib.resources_of_type("aws_security_group"), lib.resources_of_type("aws_default_security_group"))

_inline_cidrs(e) := array.concat(_list(object.get(e, "cidr_blocks", [])), _list(object.get(e, "ipv6_cidr_blocks", [])))

_cidr_attr(e) := "cidr_blocks" if lib.is_internet(_exposed(_list(object.get(e, "cidr_blocks", []))))

_cidr_attr(e) := "ipv6_cidr_blocks" if not lib.is_internet(_exposed(_list(object.get(e, "cidr_blocks", []))))

# The egress lists of the groups, each distinct one once (groups are made
# from a few modules: their lists repeat).
_egress_lists := {x | some r in _groups; x := r.after.egress}

# _open_lists: {egress list: [[attribute path, message after the address]]}
# for each distinct egress list with a block that allows egress to the
# internet, decided once per list: a group then costs one lookup.
_open_lists := {x: hits |
	some x in _egress_lists
	is_array(x)
	hits := [[path, text] |
		some i, e in x
		cidrs := _exposed(_inline_cidrs(e))
		lib.is_internet(cidrs)
		path := lib.attr_path(["egress", i, _cidr_attr(e)])
		text := sprintf(" allows egress to the internet (%s) on %s", [concat(", ", sort(lib.internet_cidrs(cidrs))), _ports(e)])
	]
	count(hits) > 0
}

# (The entry is lib.entry's, written out; the message is _message's.)
deny contains {"resource": r.address, "message": concat("", [r.address, text]), "attribute": path} if {
	count(_open_lists) > 0
	open := _open_lists
	some r in _groups
	some [path, text] in open[r.after.egress]
}

# An egress list that is unknown as a whole means the group has no inline
# egress blocks (Terraform then removes AWS's default allow-all rule and the
# group gets whatever separate rules add, which are checked on their own):
# silent. A block whose ranges are unknown is indeterminate.
#
# The unknown egress trees of the groups, each distinct one once, and those
# with a block whose ranges are known only after apply: only the groups
# with one of these are looked at.
_unknown_lists := {x | some r in _groups; x := r.unknown.egress}

_open_unknown := {x |
	some x in _unknown_lists
	is_array(x)
	some ub in x
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	_has_true(object.get(ub, attr, false))
}

unknown contains lib.entry(r, msg, lib.attr_path(["egress", i])) if {
	count(_open_unknown) > 0
	some r in _groups
	_open_unknown[r.unknown.egress]
	some i, ub in r.unknown.egress
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	_has_true(object.get(ub, attr, false))
	not _any_inline_internet(r)
	msg := sprintf("%s: the ranges of its egress block are known only after apply", [r.address])
}

# _any_inline_internet(r): an inline egress block of r allows egress to the
# internet (a lookup: see _open_lists).
_any_inline_internet(r) if _open_lists[r.after.egress]

_has_true(v) if v == true

_has_true(v) if {
	is_array(v)
	some x in v
	x == true
}

# aws_security_group_rule of type egress.
deny contains lib.entry(r, _message(r, cidrs, lib.after(r)), _rule_attr(r)) if {
	some r in lib.resources_of_type("aws_security_group_rule")
	object.get(lib.after(r), "type", "") == "egress"
	cidrs := _exposed(array.concat(_list(object.get(lib.after(r), "cidr_blocks", [])), _list(object.get(lib.after(r), "ipv6_cidr_blocks", []))))
	lib.is_internet(cidrs)
}

_rule_attr(r) := "cidr_blocks" if lib.is_internet(_exposed(_list(object.get(lib.after(r), "cidr_blocks", []))))

_rule_attr(r) := "ipv6_cidr_blocks" if not lib.is_internet(_exposed(_list(object.get(lib.after(r), "cidr_blocks", []))))

unknown contains lib.entry(r, msg, "cidr_blocks") if {
	some r in lib.resources_of_type("aws_security_group_rule")
	object.get(lib.after(r), "type", "") == "egress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	lib.unknown_within(r, [attr])
	msg := sprintf("%s: its egress ranges are known only after apply", [r.address])
}

# aws_vpc_security_group_egress_rule (one range per rule).
deny contains lib.entry(r, _message(r, cidrs, lib.after(r)), attr) if {
	some r in lib.resources_of_type("aws_vpc_security_group_egress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	c := object.get(lib.after(r), attr, null)
	is_string(c)
	cidrs := _exposed([c])
	lib.is_internet(cidrs)
}

unknown contains lib.entry(r, msg, attr) if {
	some r in lib.resources_of_type("aws_vpc_security_group_egress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	lib.is_unknown(r, [attr])
	msg := sprintf("%s: its egress range is known only after apply", [r.address])
}
