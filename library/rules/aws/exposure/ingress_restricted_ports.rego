# METADATA
# title: Security groups must not allow ingress from the internet to administrative or database ports
# description: |
#   No security group may allow inbound traffic from the internet to a
#   restricted port, in any of the forms Terraform can say it: an inline
#   `ingress` block (also written with `dynamic "ingress"`) of
#   aws_security_group or aws_default_security_group, an
#   aws_security_group_rule of type "ingress", or an
#   aws_vpc_security_group_ingress_rule; IPv4 and IPv6. A rule covers a port
#   when its protocol is tcp, udp (or 6, 17) and its port range contains the
#   port, or when its protocol is -1 / "all" (every port). "The internet" is
#   any set of ranges covering a wide part of public address space (lib CIDR
#   helpers: 0.0.0.0/1 with 128.0.0.0/1 is the internet, a partner's /32 is
#   not); prefix lists and security-group references are not the internet.
#
#   Restricted ports: the optional parameter `restricted_ingress_ports`
#   (list of numbers); default remote administration, file sharing and
#   database ports: 20, 21 (FTP), 22 (SSH), 23 (Telnet), 135, 137-139, 445
#   (Windows RPC, NetBIOS, SMB), 1433, 1434 (SQL Server), 1521 (Oracle),
#   2049 (NFS), 2375, 2376 (Docker API), 2379, 2380 (etcd), 3306 (MySQL),
#   3389 (RDP), 4333 (mSQL), 5432 (PostgreSQL), 5601 (Kibana), 5984
#   (CouchDB), 5985, 5986 (WinRM), 6379 (Redis), 7001 (Cassandra), 8020
#   (HDFS), 9042 (Cassandra CQL), 9092 (Kafka), 9200, 9300
#   (Elasticsearch/OpenSearch), 10250 (kubelet), 11211 (Memcached), 27017,
#   27018 (MongoDB), 50070 (HDFS web).
#
#   Indeterminate: a rule covering a restricted port whose ranges are known
#   only after apply, or an internet rule whose protocol or ports are. An
#   inline ingress list that is unknown as a whole (no inline blocks, or a
#   dynamic block over values known only after apply) is not checked.
#   Unlike trivy and checkov, every restricted port is checked (not only 22
#   and 3389) and wide ranges that are not 0.0.0.0/0 count as the internet.
# custom:
#   id: TFG-AWS-EXPOSURE-001
#   severity: high
#   family: exposure
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#   frameworks:
#     cis-aws-foundations-v3.0: ["5.2", "5.3"]
#     aws-fsbp: ["EC2.13", "EC2.14", "EC2.19", "EC2.53", "EC2.54"]
#     nist-800-53: ["SC-7", "AC-17", "CM-7"]
#   remediation: |
#     Allow administrative and database ports only from the ranges that need
#     them (a VPN, a bastion's security group, a prefix list), or reach the
#     hosts through AWS Systems Manager Session Manager instead of SSH/RDP.
package tfgate.rules.aws.exposure.ingress_restricted_ports

import data.tfgate.lib

# The ingress model below (ingress, covers, internet_cidrs, ...) is shared
# with tfgate.rules.aws.exposure.ingress_all_ports, which imports this
# package: it is built once per evaluation.

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

_list(v) := v if is_array(v)

else := [v] if is_string(v)

else := []

_num(v) := v if is_number(v)

else := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+$`, v)
} else := null

_proto(v) := lower(v) if is_string(v)

else := sprintf("%d", [v]) if is_number(v)

else := null

# _rule(r, path, cidr_attrs, proto_attr): one ingress permission: the
# resource, the path of its block ([] for a rule resource), its range
# attributes [[name, [ranges]]], protocol and ports, and whether ranges or
# ports are known only after apply.
_rule(r, path, values, cidr_attrs, proto_attr) := {
	"r": r,
	"path": path,
	"cidrs": [[a, _list(object.get(values, a, []))] | some a in cidr_attrs],
	# The range attributes that are the internet, in order.
	"open": [a | some a in cidr_attrs; lib.is_internet(_list(object.get(values, a, [])))],
	"proto": _proto(object.get(values, proto_attr, null)),
	"from": _num(object.get(values, "from_port", null)),
	"to": _num(object.get(values, "to_port", null)),
	"cidrs_unknown": _some_unknown(_unknown_fields(r, path), cidr_attrs),
	"ports_unknown": _some_unknown(_unknown_fields(r, path), [proto_attr, "from_port", "to_port"]),
}

# _unknown_fields(r, path): the attributes of the permission at path with
# something known only after apply ({"*"}: all of them). One look at the
# unknown tree per permission.
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

_some_unknown(unk, attrs) if "*" in unk

else if {
	some a in attrs
	a in unk
} else := false

# Inline ingress blocks of aws_security_group / aws_default_security_group
# (dynamic blocks arrive expanded).
_inline := [x |
	some t in ["aws_security_group", "aws_default_security_group"]
	some r in lib.resources_of_type(t)
	blocks := object.get(lib.after(r), "ingress", [])
	is_array(blocks)
	some i, b in blocks
	is_object(b)
	x := _rule(r, ["ingress", i], b, ["cidr_blocks", "ipv6_cidr_blocks"], "protocol")
]

# aws_security_group_rule of type ingress.
_sg_rules := [x |
	some r in lib.resources_of_type("aws_security_group_rule")
	object.get(lib.after(r), "type", "") == "ingress"
	x := _rule(r, [], lib.after(r), ["cidr_blocks", "ipv6_cidr_blocks"], "protocol")
]

# aws_vpc_security_group_ingress_rule: one range per rule.
_vpc_rules := [x |
	some r in lib.resources_of_type("aws_vpc_security_group_ingress_rule")
	x := _rule(r, [], lib.after(r), ["cidr_ipv4", "cidr_ipv6"], "ip_protocol")
]

# ingress: every ingress permission of every security group.
ingress := array.concat(array.concat(_inline, _sg_rules), _vpc_rules)

# all_protocols(x): the permission covers every protocol and port.
all_protocols(x) if x.proto in {"-1", "all"}

# covers(x, p): the permission opens port p.
covers(x, _) if all_protocols(x)

covers(x, p) if {
	x.proto in {"tcp", "udp", "6", "17"}
	is_number(x.from)
	is_number(x.to)
	x.from <= p
	p <= x.to
}

# internet_attr(x): the first range attribute of x that is the internet.
internet_attr(x) := x.open[0]

# internet(x): the ranges of x that make it the internet (for messages).
internet(x) := sort([c | some pair in x.cidrs; pair[0] in x.open; some c in lib.internet_cidrs(pair[1])])

attribute(x) := lib.attr_path(array.concat(x.path, [internet_attr(x)]))

# unknown_attribute(x): the first range attribute of x known only after apply.
unknown_attribute(x) := lib.attr_path(array.concat(x.path, [a])) if {
	unknowns := [pair[0] | some pair in x.cidrs; lib.unknown_within(x.r, array.concat(x.path, [pair[0]]))]
	count(unknowns) > 0
	a := unknowns[0]
} else := lib.attr_path(x.path)

ports_text(x) := "all protocols and ports" if all_protocols(x)

else := sprintf("%s port %v", [x.proto, x.from]) if x.from == x.to

else := sprintf("%s ports %v-%v", [x.proto, x.from, x.to])

_exposed(x) := sort([p | some p in restricted; covers(x, p)])

_ports_list(ps) := concat(", ", [sprintf("%d", [p]) | some p in ps]) if count(ps) <= 6

else := sprintf("%s and %d more", [concat(", ", [sprintf("%d", [p]) | some p in array.slice(ps, 0, 5)]), count(ps) - 5])

deny contains lib.entry(x.r, msg, attribute(x)) if {
	some x in ingress
	internet_attr(x)
	not x.ports_unknown
	ps := _exposed(x)
	count(ps) > 0
	msg := sprintf("%s allows ingress from the internet (%s) to restricted port%s %s (%s)", [
		x.r.address, concat(", ", internet(x)), _plural(ps), _ports_list(ps), ports_text(x),
	])
}

_plural(ps) := "s" if count(ps) > 1

else := ""

# Ranges known only after apply on a rule that covers a restricted port.
unknown contains lib.entry(x.r, msg, unknown_attribute(x)) if {
	some x in ingress
	x.cidrs_unknown
	not internet_attr(x)
	not x.ports_unknown
	count(_exposed(x)) > 0
	msg := sprintf("%s: the source ranges of its ingress to %s are known only after apply", [x.r.address, ports_text(x)])
}

# Internet ranges whose protocol or ports are known only after apply.
unknown contains lib.entry(x.r, msg, attribute(x)) if {
	some x in ingress
	internet_attr(x)
	x.ports_unknown
	msg := sprintf("%s: the ports of its ingress from the internet (%s) are known only after apply", [x.r.address, concat(", ", internet(x))])
}
