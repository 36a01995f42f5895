# METADATA
# title: Cloud SQL instances should not have a public IP address
# description: |
#   A google_sql_database_instance should be reached over a private IP
#   (`settings { ip_configuration { ipv4_enabled = false  private_network =
#   ... } }`) rather than a public IPv4 address. `ipv4_enabled` defaults to
#   true: an instance that does not set it false (no ip_configuration block,
#   or the attribute unset) gets a public address. A public IP is reachable
#   only through the Cloud SQL connectors or from authorized networks, so
#   this is a defence-in-depth rule (medium); an authorized network that is
#   the internet is TFG-GCP-EXPOSURE-004's finding. Read replicas are
#   judged like any instance.
#
#   Fails: ipv4_enabled true or unset. Indeterminate: ipv4_enabled (or the
#   ip_configuration block) written as a value known only after apply.
# custom:
#   id: TFG-GCP-EXPOSURE-008
#   severity: medium
#   family: exposure
#   resource_types: [google_sql_database_instance]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["6.6"]
#     nist-800-53: ["SC-7", "AC-4"]
#   remediation: |
#     Set `ipv4_enabled = false` and `private_network` (with private
#     services access, google_service_networking_connection), or Private
#     Service Connect, and connect from inside the VPC.
package tfgate.rules.google.exposure.sql_public_ip

import data.tfgate.lib

_ip := ["settings", 0, "ip_configuration", 0]

_flag := array.concat(_ip, ["ipv4_enabled"])

_written_unknown(r, path) if {
	lib.is_unknown(r, path)
	lib.written(r, path)
}

_open(r) if _written_unknown(r, _flag)

_open(r) if _written_unknown(r, ["settings", 0, "ip_configuration"])

_open(r) if _written_unknown(r, ["settings"])

_attr(r) := lib.attr_path(_flag) if {
	is_boolean(object.get(lib.after(r), _flag, null))
} else := lib.attr_path(_ip) if {
	is_object(object.get(lib.after(r), _ip, null))
} else := "settings[0]" if {
	is_object(object.get(lib.after(r), ["settings", 0], null))
} else := ""

deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	not lib.is_false(r, _flag)
	not _open(r)
	msg := sprintf("%s has a public IP address (%s)", [r.address, _why(r)])
}

_why(r) := "ipv4_enabled = true" if lib.is_true(r, _flag)

else := "ipv4_enabled is not set false; it defaults to true"

unknown contains lib.entry(r, msg, lib.attr_path(_flag)) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	not lib.is_false(r, _flag)
	_open(r)
	msg := sprintf("%s: whether it has a public IP address is known only after apply", [r.address])
}
