# METADATA
# title: VPC firewall rules must not allow egress to the internet
# description: |
#   A google_compute_firewall with `direction = "EGRESS"` that allows
#   traffic (`allow` blocks; deny rules pass) must not do so to the
#   internet. Its destination is `destination_ranges`; an egress rule with
#   no destination ranges applies to every destination, 0.0.0.0/0 (the
#   API's default, shown in a plan as known only after apply when not
#   written), and fails. "The internet" is any set of ranges covering a
#   wide part of public address space (lib CIDR helpers: 0.0.0.0/0, ::/0,
#   0.0.0.0/1 with 128.0.0.0/1; a partner's /32 and private ranges are
#   not). Ranges listed in the `allowed_egress_cidrs` parameter (list of
#   CIDRs, default none) are removed first. Disabled rules (`disabled =
#   true`) are not checked.
#
#   Every VPC network also has an implied allow-all egress rule at the
#   lowest priority that Terraform cannot see or remove: this rule judges
#   what the configuration adds. To restrict egress, add an EGRESS deny
#   rule for 0.0.0.0/0 at a low priority and allow the destinations the
#   workload needs above it.
#
#   Indeterminate: destination ranges, allow blocks or `disabled` written
#   as values known only after apply.
# custom:
#   id: TFG-GCP-EGRESS-001
#   severity: high
#   family: egress
#   resource_types: [google_compute_firewall]
#   frameworks:
#     nist-800-53: ["SC-7", "SC-7(5)"]
#   remediation: |
#     Allow egress only to the ranges the workload needs (Private Google
#     Access ranges, a proxy, partners), list deliberate ranges in
#     allowed_egress_cidrs, and deny the rest with a low-priority EGRESS
#     deny rule for 0.0.0.0/0.
package tfgate.rules.google.egress.firewall_egress

import data.tfgate.lib

_allowed := {c | some c in object.get(data.tfgate.params, "allowed_egress_cidrs", [])}

_exposed(cidrs) := [c |
	some c in cidrs
	not _is_allowed(c)
]

_is_allowed(c) if {
	n := lib.normalize_cidr(c)
	some a in _allowed
	net.cidr_contains(lib.normalize_cidr(a), n)
}

_egress := [r |
	some r in lib.resources_of_type("google_compute_firewall")
	lib.google_firewall_enabled(r)
	lib.google_firewall_direction(r) == "EGRESS"
]

# _dest(r): [destination ranges, attribute] when known: the written ranges,
# or 0.0.0.0/0 when there are none.
_dest(r) := [ds, "destination_ranges"] if {
	ds := object.get(lib.after(r), "destination_ranges", null)
	is_array(ds)
	count(ds) > 0
	not lib.unknown_within(r, ["destination_ranges"])
} else := [["0.0.0.0/0"], _direction_attr(r)] if {
	object.get(lib.after(r), "destination_ranges", null) in {null, []}
	not _open(r, "destination_ranges")
}

_direction_attr(r) := "direction" if is_string(object.get(lib.after(r), "direction", null))

else := ""

_open(r, attr) if {
	lib.unknown_within(r, [attr])
	lib.written(r, [attr])
}

_allows(r) if count(lib.google_firewall_allows(r)) > 0

# _internet(r): the exposed destination ranges of an allowing rule, when
# they are the internet.
_internet(r) := cidrs if {
	_allows(r)
	not _open(r, "allow")
	[ds, _] := _dest(r)
	cidrs := _exposed(ds)
	lib.is_internet(cidrs)
}

_message(r, cidrs) := sprintf("%s allows egress to the internet (%s) on %s%s", [
	r.address,
	concat(", ", sort(lib.internet_cidrs(cidrs))),
	lib.google_firewall_allow_text(r),
	_default_note(r),
])

_default_note(r) := " (no destination_ranges: every destination)" if _dest(r)[1] != "destination_ranges"

else := ""

deny contains lib.entry(r, _message(r, cidrs), _dest(r)[1]) if {
	some r in _egress
	cidrs := _internet(r)
	not lib.google_firewall_maybe_disabled(r)
}

unknown contains lib.entry(r, msg, _dest(r)[1]) if {
	some r in _egress
	cidrs := _internet(r)
	lib.google_firewall_maybe_disabled(r)
	msg := sprintf("%s: whether its egress to the internet (%s) is enabled is known only after apply", [r.address, concat(", ", sort(lib.internet_cidrs(cidrs)))])
}

unknown contains lib.entry(r, msg, "destination_ranges") if {
	some r in _egress
	_allows(r)
	_open(r, "destination_ranges")
	msg := sprintf("%s: the destination ranges of its egress rule are known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "allow") if {
	some r in _egress
	_open(r, "allow")
	[ds, _] := _dest(r)
	lib.is_internet(_exposed(ds))
	msg := sprintf("%s: what its egress rule to the internet allows is known only after apply", [r.address])
}
