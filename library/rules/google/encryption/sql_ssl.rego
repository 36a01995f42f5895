# METADATA
# title: Cloud SQL instances must require encrypted connections
# description: |
#   A google_sql_database_instance must refuse unencrypted connections:
#   `settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } }` or
#   `"TRUSTED_CLIENT_CERTIFICATE_REQUIRED" }`, or, with google provider
#   versions before 6 (where `ssl_mode` may be unset), `require_ssl = true`.
#   A known `ssl_mode` decides; when it is not written, `require_ssl`
#   decides; when neither is written the instance takes Cloud SQL's
#   default, ALLOW_UNENCRYPTED_AND_ENCRYPTED, and fails. This applies to
#   private-IP-only instances too: traffic inside the VPC is not
#   encrypted by the network.
#
#   Fails: ssl_mode ALLOW_UNENCRYPTED_AND_ENCRYPTED; ssl_mode unset and
#   require_ssl false or unset. Indeterminate: ssl_mode or require_ssl
#   written as a value known only after apply.
# custom:
#   id: TFG-GCP-ENC-005
#   severity: high
#   family: encryption
#   resource_types: [google_sql_database_instance]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["6.4"]
#     nist-800-53: ["SC-8", "SC-8(1)"]
#   remediation: |
#     Set `settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } }`
#     (or TRUSTED_CLIENT_CERTIFICATE_REQUIRED to also require client
#     certificates), and connect with the Cloud SQL connectors or TLS.
package tfgate.rules.google.encryption.sql_ssl

import data.tfgate.lib

_ip := ["settings", 0, "ip_configuration", 0]

_mode_path := array.concat(_ip, ["ssl_mode"])

_ssl_path := array.concat(_ip, ["require_ssl"])

_encrypted_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

# _state(r, path): "value" (known), "open" (written, known only after
# apply) or "unset" (null, or computed and not written).
_state(r, path) := "value" if {
	v := object.get(lib.after(r), path, null)
	v != null
	v != ""
} else := "open" if {
	lib.is_unknown(r, path)
	lib.written(r, path)
} else := "unset"

_mode(r) := object.get(lib.after(r), _mode_path, null)

# _verdict(r): "pass", "fail" with [attribute, what was seen], or "open".
_verdict(r) := ["pass"] if {
	_state(r, _mode_path) == "value"
	_mode(r) in _encrypted_modes
} else := ["fail", lib.attr_path(_mode_path), sprintf("ssl_mode = %s", [json.marshal(_mode(r))])] if {
	_state(r, _mode_path) == "value"
} else := ["open", lib.attr_path(_mode_path)] if {
	_state(r, _mode_path) == "open"
} else := ["pass"] if {
	lib.is_true(r, _ssl_path)
} else := ["fail", lib.attr_path(_ssl_path), "require_ssl = false and no ssl_mode"] if {
	lib.is_false(r, _ssl_path)
} else := ["open", lib.attr_path(_ssl_path)] if {
	_state(r, _ssl_path) == "open"
} else := ["fail", _block_attr(r), "neither ssl_mode nor require_ssl is set: Cloud SQL's default ALLOW_UNENCRYPTED_AND_ENCRYPTED"]

# The innermost block that is written (for the missing setting's line).
_block_attr(r) := lib.attr_path(_ip) if {
	is_object(object.get(lib.after(r), _ip, null))
} else := "settings[0]" if {
	is_object(object.get(lib.after(r), ["settings", 0], null))
} else := ""

deny contains lib.entry(r, msg, v[1]) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	v := _verdict(r)
	v[0] == "fail"
	msg := sprintf("%s accepts unencrypted connections (%s)", [r.address, v[2]])
}

unknown contains lib.entry(r, msg, v[1]) if {
	some r in lib.resources_of_type("google_sql_database_instance")
	v := _verdict(r)
	v[0] == "open"
	msg := sprintf("%s: whether it requires encrypted connections is known only after apply", [r.address])
}
