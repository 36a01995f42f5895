# Google Cloud helpers, shared by the rules under library/rules/google.
# Every name starts with google_ so nothing collides with the other clouds'
# helpers in package tfgate.lib.
package tfgate.lib

# google_providers: the provider names whose resources the Google rules
# check (both providers share the resource types).
google_providers := {"google", "google-beta"}

# google_resources: every checked resource of a Google type (google_*),
# built once.
google_resources := [r |
	some t, rs in by_type
	startswith(t, "google_")
	some r in rs
]

# google_resources_of_types(ts): the checked resources of the types ts.
# Cost: one lookup per type.
google_resources_of_types(ts) := [r |
	some t in ts
	some r in resources_of_type(t)
]

# google_location(v): a Google location in the form the document's
# `region` uses and rules compare: regions lower-case ("US-CENTRAL1" ->
# "us-central1"), a zone as its region ("us-central1-a" -> "us-central1"),
# "global" as is, and multi-regions and dual-regions ("us", "EU", "nam4",
# "EUR4") upper-case. Entries of allowed_regions are normalised the same way
# before comparing, so one list can name AWS, Azure and Google locations
# (an AWS or Azure name never equals a Google one).
google_location(v) := region if {
	l := lower(trim_space(v))
	m := regex.find_all_string_submatch_n(`^([a-z]+-[a-z]+[0-9]+)-[a-z]$`, l, 1)
	count(m) == 1
	region := m[0][1]
} else := l if {
	l := lower(trim_space(v))
	regex.match(`^[a-z]+-[a-z]+[0-9]+$`, l)
} else := "global" if {
	lower(trim_space(v)) == "global"
} else := upper(trim_space(v)) if is_string(v)

# google_require_cmek: the parameter require_customer_managed_keys (shared
# with Azure) is the boolean true. The customer-managed-key rules need it
# set; set to false they report nothing.
google_require_cmek if data.tfgate.params.require_customer_managed_keys == true

# google_public_member(m): an IAM member that means everyone: allUsers
# (anyone on the internet), allAuthenticatedUsers (anyone with a Google
# account), or the IAM v2 principal set of all public identities.
google_public_member(m) if m in {"allUsers", "allAuthenticatedUsers"}

google_public_member(m) if {
	is_string(m)
	startswith(m, "principalSet://goog/public:all")
}

# google_key_named(r, path): the attribute at path (an array) names a
# customer-managed key: a known non-empty string, or a value known only
# after apply whose expression refers to a resource (a key created in the
# same change).
google_key_named(r, path) if {
	v := object.get(after(r), path, null)
	is_string(v)
	v != ""
	not is_redacted(v)
}

google_key_named(r, path) if {
	is_unknown(r, path)
	count(references(r, concat(".", [p | some p in path; is_string(p)]))) > 0
}

google_key_named(r, path) if {
	v := object.get(after(r), path, null)
	is_redacted(v)
}

# google_key_open(r, path): the attribute at path is written as a value
# known only after apply that refers to no resource (in configuration
# input, a variable given no value): whether a key is named is
# indeterminate.
google_key_open(r, path) if {
	is_unknown(r, path)
	count(references(r, concat(".", [p | some p in path; is_string(p)]))) == 0
	written(r, path)
}

# google_ports_cover(ports, p): a firewall `ports` list (strings "22",
# "20-30", or numbers) opens port p; an empty or absent list opens every
# port of its protocol.
google_ports_cover(ports, _) if not _google_has_ports(ports)

google_ports_cover(ports, p) if {
	some x in ports
	[lo, hi] := google_port_range(x)
	lo <= p
	p <= hi
}

_google_has_ports(ports) if {
	is_array(ports)
	count(ports) > 0
}

# google_port_range(x): [low, high] of one firewall port entry ("22" ->
# [22, 22], "20-30" -> [20, 30]); undefined when it is not a port.
google_port_range(x) := [x, x] if is_number(x)

google_port_range(x) := [n, n] if {
	is_string(x)
	regex.match(`^[0-9]+$`, trim_space(x))
	n := to_number(trim_space(x))
}

google_port_range(x) := [to_number(m[0][1]), to_number(m[0][2])] if {
	is_string(x)
	m := regex.find_all_string_submatch_n(`^\s*([0-9]+)\s*-\s*([0-9]+)\s*$`, x, 1)
	count(m) == 1
}

# google_port_protocols: firewall protocols that have ports ("all" opens
# every protocol and port).
google_port_protocols := {"tcp", "udp", "sctp", "6", "17", "132"}

# google_protocol(block): the protocol of a firewall allow/deny block,
# lower-case ("TCP" -> "tcp", 6 -> "6").
google_protocol(block) := lower(p) if {
	p := object.get(block, "protocol", null)
	is_string(p)
} else := sprintf("%d", [p]) if {
	p := object.get(block, "protocol", null)
	is_number(p)
}

# google_firewall_direction(r): "INGRESS" or "EGRESS"; undefined when
# written as a value known only after apply. Unset (null in configuration
# input, computed and unknown in a plan), the API's default INGRESS.
google_firewall_direction(r) := upper(d) if {
	d := object.get(after(r), "direction", null)
	is_string(d)
} else := "INGRESS" if {
	not is_unknown(r, ["direction"])
	object.get(after(r), "direction", null) == null
} else := "INGRESS" if {
	is_unknown(r, ["direction"])
	not written(r, ["direction"])
}

# google_firewall_enabled(r): the firewall rule is enforced (`disabled` is
# not true; written as a value known only after apply counts as enabled:
# see google_firewall_maybe_disabled).
google_firewall_enabled(r) if not is_true(r, ["disabled"])

# google_firewall_maybe_disabled(r): `disabled` is known only after apply
# (what the rule would fail is then indeterminate).
google_firewall_maybe_disabled(r) if {
	is_unknown(r, ["disabled"])
	written(r, ["disabled"])
}

# google_firewall_allows(r): the allow blocks of a firewall rule ([] for a
# deny rule).
google_firewall_allows(r) := bs if {
	bs := object.get(after(r), "allow", [])
	is_array(bs)
} else := []

# google_firewall_allow_text(r): the allowed protocols and ports for
# messages: "tcp:22,80-90; icmp", "all protocols".
google_firewall_allow_text(r) := "all protocols and ports" if {
	some b in google_firewall_allows(r)
	google_protocol(b) == "all"
} else := concat("; ", [_google_allow_text(b) | some b in google_firewall_allows(r)])

_google_allow_text(b) := sprintf("%s:%s", [google_protocol(b), concat(",", [sprintf("%v", [p]) | some p in b.ports])]) if {
	is_array(object.get(b, "ports", null))
	count(b.ports) > 0
} else := sprintf("%s (all ports)", [google_protocol(b)]) if {
	google_protocol(b) in google_port_protocols
} else := google_protocol(b)

# google_iam_public_grants(r): [attribute, member, role] of every grant of
# a *_iam_member / *_iam_binding / *_iam_policy resource r to a public
# member (google_public_member). A policy's `policy_data` is read as JSON
# when known, else from the data.google_iam_policy it refers to (its
# binding blocks). Members known only after apply are not judged (public
# members are written as literals).
google_iam_public_grants(r) := {[a, m, role] |
	some [a, m, role] in _google_iam_grants(r)
	google_public_member(m)
}

_google_iam_grants(r) := {["member", m, object.get(after(r), "role", "")] |
	m := object.get(after(r), "member", null)
	is_string(m)
} | {["members", m, object.get(after(r), "role", "")] |
	ms := object.get(after(r), "members", null)
	is_array(ms)
	some m in ms
	is_string(m)
} | {[_google_policy_attribute(r), m, object.get(b, "role", "")] |
	some b in _google_policy_bindings(r)
	some m in _google_members(b)
}

# _google_policy_attribute(r): where a policy grant is written: its
# policy_data when that is known, else (a data.google_iam_policy read only
# at apply, in configuration input) the resource as a whole: the verdict
# rests on the data source's binding blocks, not on the unknown value.
_google_policy_attribute(r) := "policy_data" if {
	is_string(object.get(after(r), "policy_data", null))
} else := ""

_google_members(b) := ms if {
	ms := object.get(b, "members", [])
	is_array(ms)
} else := []

# _google_policy_bindings(r): the bindings of r's policy_data: the JSON
# when known, else the binding blocks of the google_iam_policy data
# sources it refers to.
_google_policy_bindings(r) := bs if {
	text := object.get(after(r), "policy_data", null)
	is_string(text)
	json.is_valid(text)
	doc := json.unmarshal(text)
	is_object(doc)
	bs := object.get(doc, "bindings", [])
	is_array(bs)
} else := [b |
	not is_string(object.get(after(r), "policy_data", null))
	some ref in references(r, "policy_data")
	some d in _google_policy_documents(ref)
	some b in object.get(after(d), "binding", [])
	is_object(b)
]

# _google_policy_documents(ref): the google_iam_policy data sources a
# reference names (the address, or every instance of it).
_google_policy_documents(ref) := [d |
	some addr in {ref, regex.replace(ref, `\.policy_data$`, "")}
	some d in _google_policy_docs[addr]
]

_google_policy_docs := {a: [d |
	some d in _google_iam_policy_data
	a in {d.address, base_address(d.address)}
] |
	some x in _google_iam_policy_data
	some a in {x.address, base_address(x.address)}
}

_google_iam_policy_data := [d |
	some d in by_address
	d.type == "google_iam_policy"
]

# google_iam_type(t): t is an IAM binding type: *_iam_member,
# *_iam_binding or *_iam_policy.
google_iam_type(t) if regex.match(`^google_.+_iam_(member|binding|policy)$`, t)
