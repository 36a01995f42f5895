# METADATA
# title: Network ACLs must not allow egress to the internet
# description: |
#   No network ACL may allow outbound traffic to the internet, in any of the
#   forms Terraform can say it: an inline `egress` block of aws_network_acl
#   or aws_default_network_acl, or an aws_network_acl_rule with
#   `egress = true`; IPv4 `cidr_block` and IPv6 `ipv6_cidr_block`; only
#   `allow` entries. "The internet" is any set of ranges covering a wide part
#   of public address space (see the lib CIDR helpers), after removing the
#   ranges of `allowed_egress_cidrs` (optional parameter, list of CIDRs,
#   default none).
#
#   Rule order counts: a network ACL applies the entry with the lowest rule
#   number that matches, so a `deny` entry numbered before an allow and
#   covering its protocol and ports removes its ranges from the allow. This
#   is worked out within one network ACL: its inline blocks together with
#   the aws_network_acl_rule resources whose `network_acl_id` names it (by
#   reference or by a known id), and among aws_network_acl_rule resources
#   naming the same ACL. ICMP type and code are not compared: a deny of a
#   protocol shadows an allow of the same protocol whatever its type.
#
#   Indeterminate: an allow whose range, protocol or ports are known only
#   after apply; an allow that would fail unless an entry of its ACL whose
#   number, action, range or ports are known only after apply (or an
#   aws_network_acl_rule whose ACL cannot be told before apply, or is named
#   through a data source) shadows it.
#   An entry whose action or direction is unknown is not checked itself.
#   Each allow entry is judged on its own (ranges are not added up across
#   entries).
# custom:
#   id: TFG-AWS-EGRESS-002
#   severity: medium
#   family: egress
#   resource_types: [aws_network_acl, aws_default_network_acl, aws_network_acl_rule]
#   frameworks:
#     nist-800-53: ["SC-7", "SC-7(5)"]
#   remediation: |
#     Allow egress only to the destinations the subnets need, put a lower
#     numbered deny before a broad allow, or list a deliberate range in
#     allowed_egress_cidrs.
package tfgate.rules.aws.egress.network_acl

import data.tfgate.lib

# The NACL model below (entries, shadowing) is shared with
# tfgate.rules.aws.exposure.nacl_restricted_ports, which imports this
# package: build it once per evaluation.

_acl_types := ["aws_network_acl", "aws_default_network_acl"]

_protocols := {"-1": "-1", "all": "-1", "tcp": "6", "6": "6", "udp": "17", "17": "17", "icmp": "1", "1": "1", "icmpv6": "58", "58": "58"}

# protocol(p): the protocol as its number string ("tcp" -> "6", "all" -> "-1").
protocol(p) := n if {
	is_string(p)
	n := _protocols[lower(p)]
} else := sprintf("%d", [p]) if is_number(p)

else := lower(p) if is_string(p)

else := null

_num(v) := v if is_number(v)

else := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+$`, v)
} else := null

_str(v) := v if {
	is_string(v)
	v != ""
}

# _cidr(values): [attribute, range] of an entry: its IPv4 cidr_block, else
# its IPv6 ipv6_cidr_block (an entry has one of them).
_cidr(values) := ["cidr_block", values.cidr_block] if _str(values.cidr_block)

else := ["ipv6_cidr_block", values.ipv6_cidr_block] if _str(values.ipv6_cidr_block)

else := ["cidr_block", null]

_lower_str(s) := lower(s) if is_string(s)

else := s

# _unknown_fields(r, path): the attributes of the entry at path known only
# after apply ({"*"} when the whole entry is). One look at the unknown tree
# per entry.
_unknown_fields(r, path) := {"*"} if {
	count(path) > 0
	lib.is_unknown(r, path)
} else := {"*"} if {
	count(path) == 0
	r.unknown == true
} else := {a |
	sub := object.get(r.unknown, path, {})
	is_object(sub)
	some a, v in sub
	_has_true(v)
}

_has_true(v) if v == true

_has_true(v) if {
	not is_boolean(v)
	walk(v, [_, true])
}

_decisive := {"protocol", "from_port", "to_port", "cidr_block", "ipv6_cidr_block", "rule_no", "rule_number", "rule_action", "action", "egress"}

_action_fields := {"rule_action", "action", "egress"}

_any_of(unk, _) if "*" in unk

_any_of(unk, attrs) if count(unk & attrs) > 0

_bool(unk, attrs) := true if _any_of(unk, attrs)

else := false

# _entry(r, path, values, egress, number, action, acl, maybe): one NACL
# entry. acl names its network ACL (an address, a reference or "=id"; null
# when it cannot be told); maybe: the reference names the ACL resource but
# not which instance.
_entry(r, path, values, egress, number, action, acl, maybe) := {
	"r": r,
	"path": path,
	"egress": egress,
	"number": number,
	"action": _lower_str(action),
	"proto": protocol(object.get(values, "protocol", null)),
	"from": _num(object.get(values, "from_port", null)),
	"to": _num(object.get(values, "to_port", null)),
	"cidr_attr": _cidr(values)[0],
	"cidr": _cidr(values)[1],
	"acl": acl,
	"maybe": maybe,
	# Attributes known only after apply.
	"unknown": _unknown_fields(r, path),
	# Something that decides what the entry matches is known only after apply.
	"uncertain": _bool(_unknown_fields(r, path), _decisive),
}

# Inline blocks: the ACL is the resource itself.
_inline := [e |
	some t in _acl_types
	some r in lib.resources_of_type(t)
	some dir in ["ingress", "egress"]
	blocks := object.get(lib.after(r), dir, [])
	is_array(blocks)
	some i, b in blocks
	is_object(b)
	e := _entry(r, [dir, i], b, dir == "egress", _num(object.get(b, "rule_no", null)), object.get(b, "action", null), r.address, false)
]

# Network ACLs by how a rule resource can name them: address, whole
# resource (no index) and "=id" when the id is known.
_acl_by_key := {k: r.address |
	some t in _acl_types
	some r in lib.resources_of_type(t)
	some k in {r.address, _id_key(r)}
	k != "="
}

_id_key(r) := concat("", ["=", id]) if {
	id := object.get(lib.after(r), "id", null)
	is_string(id)
} else := "="

# _rule_acl(r): [acl, maybe] for an aws_network_acl_rule.
_rule_acl(r) := [acl, false] if {
	keys := lib.link_keys(r, "network_acl_id")
	resolved := {a | some k in keys; a := _acl_by_key[k]}
	count(resolved) > 0
	acl := min(resolved)
} else := [acl, true] if {
	keys := lib.link_keys(r, "network_acl_id")
	undetermined := {trim_suffix(k, "[*]") | some k in keys; endswith(k, "[*]")}
	count(undetermined) > 0
	acl := min(undetermined)
} else := [acl, false] if {
	keys := lib.link_keys(r, "network_acl_id")
	count(keys) > 0
	acl := min(keys)
} else := [null, true]

_rules := [e |
	some r in lib.resources_of_type("aws_network_acl_rule")
	v := lib.after(r)
	ra := _rule_acl(r)
	e := _entry(r, [], v, object.get(v, "egress", false) == true, _num(object.get(v, "rule_number", null)), object.get(v, "rule_action", null), ra[0], ra[1])
]

# entries: every NACL entry of the document.
entries := array.concat(_inline, _rules)

# _by_acl: entries of each determined ACL (comprehension indexing keeps
# this one pass per ACL).
_acls := {e.acl | some e in entries; is_string(e.acl); not e.maybe}

_by_acl[acl] := group if {
	some acl in _acls
	group := [e | some e in entries; e.acl == acl; not e.maybe]
}

# Entries whose ACL is undetermined: candidates for every ACL (rare). An
# entry naming its ACL through a data source may name any existing ACL, or
# share one with another such entry: it floats too. (A managed aws_vpc
# reference, default_network_acl_id, is a group of its own.)
_floating := [e | some e in entries; _floats(e)]

_floats(e) if e.maybe

_floats(e) if {
	not e.maybe
	is_string(e.acl)
	regex.match(`(^|\.)data\.`, e.acl)
}

# _siblings(e): the entries that are, or may be, in e's ACL.
_siblings(e) := array.concat(object.get(_by_acl, e.acl, []), _floating) if not e.maybe

_siblings(e) := entries if e.maybe

# _candidate(e, d): d may come before e in the same direction and shadow it.
_candidate(e, d) if {
	d.r.address != e.r.address
	_before(e, d)
}

_candidate(e, d) if {
	d.r.address == e.r.address
	d.path != e.path
	_before(e, d)
}

_before(e, d) if {
	d.egress == e.egress
	not _known_allow(d)
	_lower(e, d)
}

_known_allow(d) if {
	d.action == "allow"
	not _any_of(d.unknown, _action_fields)
}

_lower(e, d) if d.number < e.number

_lower(e, d) if not is_number(d.number)

_lower(e, _) if not is_number(e.number)

# _certain(e, d): d is a deny known to be in e's ACL, numbered before e,
# with every matching field known.
_certain(e, d) if {
	not d.maybe
	not e.maybe
	d.acl == e.acl
	d.action == "deny"
	not d.uncertain
	is_number(d.number)
	is_number(e.number)
	d.number < e.number
}

# shadows(e): [certain denies, possible denies] that may come before e.
# Possible denies count unknown fields as matching everything.
shadows(e) := [certain, possible] if {
	cands := [d | some d in _siblings(e); _candidate(e, d)]
	certain := [d | some d in cands; _certain(e, d)]
	possible := cands
}

# _applies(d, proto, port): d matches traffic of protocol proto on port
# (port null: a protocol without ports, or "-1").
_applies(d, _, _) if d.uncertain

_applies(d, _, _) if d.proto == "-1"

_applies(d, proto, null) if d.proto == proto

_applies(d, proto, port) if {
	d.proto == proto
	is_number(port)
	proto in {"6", "17"}
	is_number(d.from)
	is_number(d.to)
	d.from <= port
	port <= d.to
}

_bits := {"v4": 32, "v6": 128}

_threshold(fam) := bits.lsh(1, _bits[fam] - lib.min_prefix(fam))

_intersect(c, d) := c if {
	lib.family(c) == lib.family(d)
	net.cidr_contains(d, c)
} else := d if {
	lib.family(c) == lib.family(d)
	net.cidr_contains(c, d)
}

# _deny_cidrs(d): the ranges d takes away (an unknown range: everything).
_deny_cidrs(d) := ["0.0.0.0/0", "::/0"] if d.uncertain

else := [n] if n := lib.normalize_cidr(d.cidr)

else := []

# open_at(e, denies, extra, proto, port): the range of e, minus the ranges
# of the denies applying to (proto, port) and the extra ranges, is still the
# internet.
open_at(e, denies, extra, proto, port) if open_with(e, [d | some d in denies; _applies(d, proto, port)], extra)

# applies_at(d, proto, port): exported _applies, for the ingress rule.
applies_at(d, proto, port) if _applies(d, proto, port)

# open_with(e, denies, extra): the range of e minus the ranges of every
# deny in denies and the extra ranges is still the internet.
open_with(e, denies, extra) if {
	c := lib.normalize_cidr(e.cidr)
	fam := lib.family(c)
	taken := [x |
		some d in denies
		some dc in _deny_cidrs(d)
		x := _intersect(c, dc)
	]
	gone := [x | some a in extra; na := lib.normalize_cidr(a); x := _intersect(c, na)]
	cut := array.concat(taken, gone)
	remaining := lib.public_size(fam, c) - _coverage(cut, fam)
	remaining >= _threshold(fam)
}

_coverage(cidrs, _) := 0 if count(cidrs) == 0

_coverage(cidrs, fam) := lib.public_coverage(cidrs, fam) if count(cidrs) > 0

# points(e, denies): the (protocol, port) points at which e can be open: a
# shadow is uniform between the ports where one of the denies of e's
# protocol starts or ends (a "-1" deny covers every port alike).
points(e, _) := [["-1", null]] if e.proto == "-1"

points(e, denies) := [[e.proto, p] | some p in _ports(e, denies)] if e.proto in {"6", "17"}

points(e, _) := [[e.proto, null]] if not e.proto in {"-1", "6", "17"}

_ports(e, denies) := {p |
	some p in array.concat([e.from], [q |
		some d in denies
		d.proto == e.proto
		is_number(d.from)
		is_number(d.to)
		some q in [d.from, d.to + 1]
	])
	is_number(p)
	is_number(e.to)
	e.from <= p
	p <= e.to
}

# _judgeable(e): an allow whose own range, protocol and ports are known.
_allow(e) if {
	e.action == "allow"
	not _any_of(e.unknown, _action_fields)
}

_judgeable(e) if {
	_allow(e)
	not e.uncertain
	is_string(e.cidr)
}

_allowed_egress := [c | some c in object.get(data.tfgate.params, "allowed_egress_cidrs", [])]

_egress_open(e, denies) if {
	some pt in points(e, denies)
	open_at(e, denies, _allowed_egress, pt[0], pt[1])
}

_ports_text(e) := "all protocols" if e.proto == "-1"

else := sprintf("%s port %v", [_proto_name(e.proto), e.from]) if {
	e.proto in {"6", "17"}
	e.from == e.to
} else := sprintf("%s ports %v-%v", [_proto_name(e.proto), e.from, e.to]) if {
	e.proto in {"6", "17"}
} else := sprintf("protocol %s", [_proto_name(e.proto)])

_names := {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}

_proto_name(p) := object.get(_names, p, p)

# describe(e): "all protocols (rule 100)".
describe(e) := sprintf("%s (rule %v)", [_ports_text(e), e.number])

# uncertain_attribute(e): the first attribute of e known only after apply.
uncertain_attribute(e) := lib.attr_path(array.concat(e.path, [a])) if {
	unknowns := [x | some x in ["cidr_block", "ipv6_cidr_block", "protocol", "from_port", "to_port", "rule_no", "rule_number"]; x in e.unknown]
	count(unknowns) > 0
	a := unknowns[0]
} else := lib.attr_path(e.path)

attribute(e) := lib.attr_path(array.concat(e.path, [e.cidr_attr]))

# _judged: [entry, open whatever the uncertain entries do, open unless an
# uncertain entry denies it first], once per judgeable egress allow.
_judged := [[e, definite, possible] |
	some e in entries
	e.egress
	_judgeable(e)
	open_with(e, [], _allowed_egress)
	s := shadows(e)
	definite := _bool_open(e, s[1])
	possible := _possible(e, s, definite)
]

_bool_open(e, denies) := true if _egress_open(e, denies)

else := false

_possible(e, s, definite) := definite if count(s[0]) == count(s[1])

else := true if definite

else := _bool_open(e, s[0])

deny contains lib.entry(e.r, msg, attribute(e)) if {
	some j in _judged
	e := j[0]
	j[1]
	msg := sprintf("%s allows egress to the internet (%s) on %s", [e.r.address, e.cidr, describe(e)])
}

unknown contains lib.entry(e.r, msg, attribute(e)) if {
	some j in _judged
	e := j[0]
	not j[1]
	j[2]
	msg := sprintf("%s allows egress to the internet (%s) on %s unless an entry known only after apply denies it first", [e.r.address, e.cidr, describe(e)])
}

unknown contains lib.entry(e.r, msg, uncertain_attribute(e)) if {
	some e in entries
	e.egress
	_allow(e)
	e.uncertain
	msg := sprintf("%s: the range, protocol, ports or number of its egress allow entry are known only after apply", [e.r.address])
}
