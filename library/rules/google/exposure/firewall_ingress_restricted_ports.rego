# METADATA
# title: VPC firewall rules must not allow ingress from the internet to administrative or database ports
# description: |
#   A google_compute_firewall with direction INGRESS (the default) that is
#   not disabled must not allow traffic from the internet to a restricted
#   port. Its sources are `source_ranges` (IPv4 and IPv6); "the internet"
#   is any set of ranges covering a wide part of public address space (lib
#   CIDR helpers: 0.0.0.0/0, ::/0, 0.0.0.0/1 with 128.0.0.0/1; a partner's
#   /32 and private ranges are not). Source tags and service accounts
#   never are: a rule with only those passes (with source_ranges too, the
#   rule matches either, so internet ranges still fail). An `allow` block
#   covers a port when its protocol is "all", or tcp / udp / sctp (or 6,
#   17, 132) and its `ports` contain the port ("22", a range "20-30") or are
#   empty (every port). Deny rules pass.
#
#   Restricted ports: the optional parameter `restricted_ingress_ports`
#   (list of numbers, as for AWS); default remote administration, file
#   sharing and database ports: 20, 21, 22, 23, 135, 137-139, 445, 1433,
#   1434, 1521, 2049, 2375, 2376, 2379, 2380, 3306, 3389, 4333, 5432, 5601,
#   5984, 5985, 5986, 6379, 7001, 8020, 9042, 9092, 9200, 9300, 10250,
#   11211, 27017, 27018, 50070.
#
#   Indeterminate: an ingress rule that names no source at all (no
#   source_ranges, source_tags or source_service_accounts, or only empty
#   lists): Google applies such a rule to 0.0.0.0/0, but google provider
#   releases since late 2022 refuse to plan it unless a source attribute is
#   set (an explicit empty list may get through), so whether it will exist
#   depends on the provider; source ranges, ports or `disabled` written as
#   values known only after apply.
#   Unlike trivy and checkov, every restricted port is checked (not only
#   22 and 3389), and wide ranges that are not 0.0.0.0/0 count as the
#   internet.
# custom:
#   id: TFG-GCP-EXPOSURE-001
#   severity: high
#   family: exposure
#   resource_types: [google_compute_firewall]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["3.6", "3.7"]
#     nist-800-53: ["SC-7", "AC-17", "CM-7"]
#   remediation: |
#     Allow administrative and database ports only from the ranges that
#     need them (a VPN, a bastion, Identity-Aware Proxy's 35.235.240.0/20
#     for SSH/RDP tunnelling), or use IAP TCP forwarding instead of opening
#     SSH/RDP to the internet.
package tfgate.rules.google.exposure.firewall_ingress_restricted_ports

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

_ingress := [r |
	some r in lib.resources_of_type("google_compute_firewall")
	lib.google_firewall_enabled(r)
	lib.google_firewall_direction(r) == "INGRESS"
]

_open(r, attr) if {
	lib.unknown_within(r, [attr])
	lib.written(r, [attr])
}

# _listed(r, attr): attr holds a non-empty list, or is written.
_listed(r, attr) if {
	v := object.get(lib.after(r), attr, [])
	is_array(v)
	count(v) > 0
}

_listed(r, attr) if _open(r, attr)

# _source(r): "ranges" (known source_ranges), "open" (known only after
# apply), "other" (tags or service accounts only), "none" (no source).
_source(r) := "ranges" if {
	_listed(r, "source_ranges")
	not _open(r, "source_ranges")
} else := "open" if {
	_open(r, "source_ranges")
} else := "other" if {
	some a in ["source_tags", "source_service_accounts"]
	_listed(r, a)
} else := "none"

_ranges(r) := [c | some c in object.get(lib.after(r), "source_ranges", []); is_string(c)]

# _exposed(r): the restricted ports the allow blocks open (known blocks).
_exposed(r) := sort({p |
	some b in lib.google_firewall_allows(r)
	some p in _block_ports(b)
})

_block_ports(b) := restricted if {
	lib.google_protocol(b) == "all"
} else := {p |
	lib.google_protocol(b) in lib.google_port_protocols
	some p in restricted
	lib.google_ports_cover(object.get(b, "ports", []), p)
}

_ports_open(r) if _open(r, "allow")

_ports_list(ps) := concat(", ", [sprintf("%d", [p]) | some p in ps]) if count(ps) <= 6

else := sprintf("%s and %d more", [concat(", ", [sprintf("%d", [p]) | some p in array.slice(ps, 0, 5)]), count(ps) - 5])

_plural(ps) := "s" if count(ps) > 1

else := ""

_finding(r) := [ps, cidrs] if {
	_source(r) == "ranges"
	cidrs := lib.internet_cidrs(_ranges(r))
	count(cidrs) > 0
	not _ports_open(r)
	ps := _exposed(r)
	count(ps) > 0
}

_message(r, ps, cidrs) := sprintf("%s allows ingress from the internet (%s) to restricted port%s %s (%s)", [
	r.address, concat(", ", sort(cidrs)), _plural(ps), _ports_list(ps), lib.google_firewall_allow_text(r),
])

deny contains lib.entry(r, _message(r, ps, cidrs), "source_ranges") if {
	some r in _ingress
	[ps, cidrs] := _finding(r)
	not lib.google_firewall_maybe_disabled(r)
}

unknown contains lib.entry(r, msg, "disabled") if {
	some r in _ingress
	[ps, cidrs] := _finding(r)
	lib.google_firewall_maybe_disabled(r)
	msg := sprintf("%s: whether its ingress from the internet to restricted ports is enabled is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "source_ranges") if {
	some r in _ingress
	_source(r) == "open"
	count(_exposed(r)) > 0
	msg := sprintf("%s: the source ranges of its ingress to restricted ports are known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "") if {
	some r in _ingress
	_source(r) == "none"
	ps := _exposed(r)
	count(ps) > 0
	msg := sprintf("%s allows ingress to restricted port%s %s and names no source: Google applies such a rule to 0.0.0.0/0 (recent providers refuse to plan it)", [r.address, _plural(ps), _ports_list(ps)])
}

unknown contains lib.entry(r, msg, "allow") if {
	some r in _ingress
	_source(r) == "ranges"
	count(lib.internet_cidrs(_ranges(r))) > 0
	_ports_open(r)
	msg := sprintf("%s: the ports of its ingress from the internet are known only after apply", [r.address])
}
