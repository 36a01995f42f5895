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

deny contains lib.entry(r, _message(r, cidrs, e), lib.attr_path(["egress", i, _cidr_attr(e)])) if {
	some r in _groups
	some i, e in _list(object.get(lib.after(r), "egress", []))
	cidrs := _exposed(_inline_cidrs(e))
	lib.is_internet(cidrs)
}

_cidr_attr(e) := "cidr_blocks" if lib.is_internet(_exposed(_list(object.get(e, "cidr_blocks", []))))

_cidr_attr(e) := "ipv6_cidr_blocks" if not lib.is_internet(_exposed(_list(object.get(e, "cidr_blocks", []))))

# An egress list that is unknown as a whole means the group has no inline
# egress blocks (Terraform then removes AWS's default allow-all rule and the
# group gets whatever separate rules add, which are checked on their own):
# silent. A block whose ranges are unknown is indeterminate.
unknown contains lib.entry(r, msg, lib.attr_path(["egress", i])) if {
	some r in _groups
	unknown_blocks := object.get(r.unknown, "egress", [])
	is_array(unknown_blocks)
	some i, ub in unknown_blocks
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	_has_true(object.get(ub, attr, false))
	not _any_inline_internet(r)
	msg := sprintf("%s: the ranges of its egress block are known only after apply", [r.address])
}

_has_true(v) if v == true

_has_true(v) if {
	is_array(v)
	some x in v
	x == true
}

_any_inline_internet(r) if {
	some e in _list(object.get(lib.after(r), "egress", []))
	lib.is_internet(_exposed(_inline_cidrs(e)))
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
