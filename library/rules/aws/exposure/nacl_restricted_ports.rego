# METADATA
# title: Network ACLs must not allow ingress from the internet to administrative or database ports
# description: |
#   No network ACL may allow inbound traffic from the internet to a
#   restricted port: inline `ingress` blocks of aws_network_acl and
#   aws_default_network_acl, and aws_network_acl_rule with `egress = false`;
#   IPv4 `cidr_block` and IPv6 `ipv6_cidr_block`; tcp, udp and all
#   protocols (-1). Restricted ports are those of TFG-AWS-EXPOSURE-001 (the
#   optional parameter `restricted_ingress_ports`, list of numbers, or its
#   default list of administrative, file sharing and database ports).
#
#   Rule order counts: a network ACL applies the entry with the lowest rule
#   number that matches, so a `deny` numbered before an allow removes its
#   ranges for the protocol and ports it covers. This is worked out within
#   one network ACL (its inline blocks and the aws_network_acl_rule
#   resources naming it by reference or known id, see TFG-AWS-EGRESS-002).
#   "The internet" is any set of ranges covering a wide part of public
#   address space (lib CIDR helpers).
#
#   Indeterminate: an allow whose range, protocol or ports are known only
#   after apply and that may cover a restricted port, and an allow that
#   would fail unless an entry known only after apply (or an
#   aws_network_acl_rule whose ACL cannot be told before apply) shadows it.
#   Unlike trivy (AVD-AWS-0105, 22 and 3389) and checkov (one check per
#   port), lower-numbered deny rules are taken into account and every
#   restricted port is checked.
# custom:
#   id: TFG-AWS-EXPOSURE-003
#   severity: medium
#   family: exposure
#   resource_types: [aws_network_acl, aws_default_network_acl, aws_network_acl_rule]
#   frameworks:
#     cis-aws-foundations-v3.0: ["5.1"]
#     aws-fsbp: ["EC2.21"]
#     nist-800-53: ["SC-7", "AC-17"]
#   remediation: |
#     Allow administrative and database ports only from the ranges that
#     need them, or deny them from 0.0.0.0/0 and ::/0 with a rule numbered
#     before the broad allow.
package tfgate.rules.aws.exposure.nacl_restricted_ports

import data.tfgate.lib
import data.tfgate.rules.aws.egress.network_acl as acl
import data.tfgate.rules.aws.exposure.ingress_restricted_ports as sg

# _open_ports(e, denies): the restricted ports e still lets in from the
# internet once the denies that may come before it have matched (e's own
# range is known to be the internet). Ports matched by the same denies
# share one CIDR computation.
_open_ports(e, denies) := {p |
	some p in sg.restricted
	some proto in ["6", "17"]
	_allows(e, proto, p)
} if {
	count([d | some d in denies; _port_relevant(d)]) == 0
} else := {x[1] |
	relevant := [d | some d in denies; _port_relevant(d)]
	pairs := [[proto, p, key] |
		some proto in ["6", "17"]
		some p in sg.restricted
		_allows(e, proto, p)
		key := [i | some i, d in relevant; acl.applies_at(d, proto, p)]
	]
	keys := {x[2] | some x in pairs}
	open := {k | some k in keys; acl.open_with(e, [relevant[i] | some i in k], [])}
	some x in pairs
	x[2] in open
}

# _port_relevant(d): d can match tcp or udp traffic.
_port_relevant(d) if d.uncertain

_port_relevant(d) if d.proto in {"-1", "6", "17"}

_allows(e, _, _) if e.proto == "-1"

_allows(e, proto, p) if {
	e.proto == proto
	is_number(e.from)
	is_number(e.to)
	e.from <= p
	p <= e.to
}

_judgeable(e) if {
	not e.egress
	e.action == "allow"
	not e.uncertain
	is_string(e.cidr)
}

_ports_list(ps) := concat(", ", [sprintf("%d", [p]) | some p in ps]) if count(ps) <= 6

else := sprintf("%s and %d more", [concat(", ", [sprintf("%d", [p]) | some p in array.slice(ps, 0, 5)]), count(ps) - 5])

_plural(ps) := "s" if count(ps) > 1

else := ""

# _judged: [entry, ports open whatever the uncertain entries do, ports open
# unless an uncertain entry denies them first], once per judgeable allow.
_judged := [[e, definite, possible] |
	some e in acl.entries
	_judgeable(e)
	acl.open_with(e, [], [])
	s := acl.shadows(e)
	definite := sort(_open_ports(e, s[1]))
	possible := _possible(e, s, definite)
]

_possible(e, s, definite) := definite if count(s[0]) == count(s[1])

else := sort(_open_ports(e, s[0])) if count(definite) == 0

else := definite

deny contains lib.entry(e.r, msg, acl.attribute(e)) if {
	some j in _judged
	e := j[0]
	ps := j[1]
	count(ps) > 0
	msg := sprintf("%s allows ingress from the internet (%s) to restricted port%s %s on %s", [e.r.address, e.cidr, _plural(ps), _ports_list(ps), acl.describe(e)])
}

unknown contains lib.entry(e.r, msg, acl.attribute(e)) if {
	some j in _judged
	e := j[0]
	count(j[1]) == 0
	ps := j[2]
	count(ps) > 0
	msg := sprintf("%s allows ingress from the internet (%s) to restricted port%s %s on %s unless an entry known only after apply denies it first", [e.r.address, e.cidr, _plural(ps), _ports_list(ps), acl.describe(e)])
}

unknown contains lib.entry(e.r, msg, acl.uncertain_attribute(e)) if {
	some e in acl.entries
	not e.egress
	e.action == "allow"
	e.uncertain
	_may_cover(e)
	msg := sprintf("%s: the range, protocol, ports or number of its ingress allow entry are known only after apply", [e.r.address])
}

# _may_cover(e): e's protocol and ports, as far as they are known, may
# cover a restricted port.
_may_cover(e) if not e.proto in {"6", "17"}

_may_cover(e) if {
	e.proto in {"6", "17"}
	not is_number(e.from)
}

_may_cover(e) if {
	e.proto in {"6", "17"}
	not is_number(e.to)
}

_may_cover(e) if {
	some p in sg.restricted
	_allows(e, e.proto, p)
}
