# METADATA
# title: Cloud SQL instances must not accept connections from the whole internet
# description: |
#   A google_sql_database_instance with a public IPv4 address
#   (`settings.ip_configuration.ipv4_enabled`, default true) must not list
#   the internet among its `authorized_networks`: 0.0.0.0/0, or any set of
#   entries that together cover a wide part of public address space (lib
#   CIDR helpers: 0.0.0.0/1 with 128.0.0.0/1 is the internet, an office's
#   /28 is not). Instances without a public IP (ipv4_enabled = false) pass
#   whatever they list.
#
#   Indeterminate: authorized network values, or ipv4_enabled, written as
#   values known only after apply (when what is known would fail).
# custom:
#   id: TFG-GCP-EXPOSURE-004
#   severity: critical
#   family: exposure
#   resource_types: [google_sql_database_instance]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["6.5"]
#     nist-800-53: ["SC-7", "AC-4"]
#   remediation: |
#     Authorize only the ranges that need the database, connect through the
#     Cloud SQL Auth Proxy or connectors (which need no authorized
#     networks), or use a private IP (`ipv4_enabled = false` with
#     `private_network`).
package tfgate.rules.google.exposure.sql_authorized_networks

import data.tfgate.lib

_ip := ["settings", 0, "ip_configuration", 0]

_nets_path := array.concat(_ip, ["authorized_networks"])

_values(r) := [v |
	some n in _list(object.get(lib.after(r), _nets_path, []))
	v := object.get(n, "value", null)
	is_string(v)
]

_list(v) := v if is_array(v)

else := []

# _public(r): "yes", "no", or "open" (ipv4_enabled known only after apply).
_public(r) := "no" if {
	lib.is_false(r, array.concat(_ip, ["ipv4_enabled"]))
} else := "open" if {
	p := array.concat(_ip, ["ipv4_enabled"])
	lib.is_unknown(r, p)
	lib.written(r, p)
} else := "yes"

_internet(r) := cidrs if {
	cidrs := lib.internet_cidrs(_values(r))
	count(cidrs) > 0
}

deny contains lib.entry(r, msg, lib.attr_path(_nets_path)) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	_public(r) == "yes"
	cidrs := _internet(r)
	msg := sprintf("%s accepts connections from the internet (authorized_networks %s) on its public IP", [r.address, concat(", ", sort(cidrs))])
}

unknown contains lib.entry(r, msg, lib.attr_path(array.concat(_ip, ["ipv4_enabled"]))) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	_public(r) == "open"
	cidrs := _internet(r)
	msg := sprintf("%s authorizes the internet (%s); whether it has a public IP is known only after apply", [r.address, concat(", ", sort(cidrs))])
}

unknown contains lib.entry(r, msg, lib.attr_path(_nets_path)) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	_public(r) != "no"
	not _internet(r)
	_nets_open(r)
	msg := sprintf("%s: its authorized networks are known only after apply", [r.address])
}

_nets_open(r) if {
	some i, _ in _list(object.get(lib.after(r), _nets_path, []))
	p := array.concat(_nets_path, [i, "value"])
	lib.is_unknown(r, p)
	lib.written(r, p)
}

_nets_open(r) if {
	lib.is_unknown(r, _nets_path)
	lib.written(r, _nets_path)
}
