# METADATA
# title: PostgreSQL and MySQL servers must require TLS 1.2 or later
# description: |
#   Azure Database for PostgreSQL and MySQL must not accept TLS 1.0 or 1.1.
#
#   - Flexible servers: an azurerm_postgresql_flexible_server_configuration
#     named `ssl_min_protocol_version` with "TLSv1" or "TLSv1.1", or an
#     azurerm_mysql_flexible_server_configuration named `tls_version` whose
#     list ("TLSv1,TLSv1.1,TLSv1.2") includes TLSv1 or TLSv1.1, fails. A
#     server without such a configuration keeps Azure's default (TLS 1.2)
#     and passes.
#   - Single servers (azurerm_postgresql_server, azurerm_mysql_server,
#     azurerm_mariadb_server): `ssl_minimal_tls_version_enforced` "TLS1_0",
#     "TLS1_1" or "TLSEnforcementDisabled" fails (default "TLS1_2").
#
#   Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-010
#   severity: high
#   family: encryption
#   resource_types: [azurerm_postgresql_flexible_server_configuration, azurerm_mysql_flexible_server_configuration, azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["4.4.2"]
#     nist-800-53: ["SC-8", "SC-13"]
#   remediation: |
#     Set the server parameter to TLSv1.2 (PostgreSQL ssl_min_protocol_version,
#     MySQL tls_version), or remove the configuration; on single servers set
#     `ssl_minimal_tls_version_enforced = "TLS1_2"`.
package tfgate.rules.azurerm.encryption.database_min_tls

import data.tfgate.lib

single_types := ["azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"]

_weak_versions := {"tlsv1", "tlsv1.0", "tlsv1.1"}

# [resource, parameter] of the flexible configurations that set a minimum.
_tls_configs := [[c, n] |
	some t in ["azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"]
	some c in lib.resources_of_type(t)
	n := lower(object.get(lib.after(c), "name", ""))
	n in {"ssl_min_protocol_version", "tls_version"}
]

_weak(v) := {trim_space(x) |
	is_string(v)
	some x in split(v, ",")
	lower(trim_space(x)) in _weak_versions
}

deny contains lib.entry(c, msg, "value") if {
	some [c, n] in _tls_configs
	v := lib.azure_setting(c, ["value"], "TLSv1.2")
	weak := _weak(v)
	count(weak) > 0
	msg := sprintf("%s sets %s to %s: the server accepts %s", [c.address, n, v, concat(", ", sort(weak))])
}

unknown contains lib.entry(c, msg, "value") if {
	some [c, n] in _tls_configs
	lib.azure_undetermined(c, ["value"])
	msg := sprintf("%s: the value of %s is known only after apply", [c.address, n])
}

_single_weak := {"TLS1_0", "TLS1_1", "TLSEnforcementDisabled"}

deny contains lib.entry(r, msg, "ssl_minimal_tls_version_enforced") if {
	some r in lib.azure_resources(single_types)
	v := lib.azure_setting(r, ["ssl_minimal_tls_version_enforced"], "TLS1_2")
	v in _single_weak
	msg := sprintf("%s accepts connections below TLS 1.2: ssl_minimal_tls_version_enforced is %s", [r.address, v])
}

unknown contains lib.entry(r, msg, "ssl_minimal_tls_version_enforced") if {
	some r in lib.azure_resources(single_types)
	lib.azure_undetermined(r, ["ssl_minimal_tls_version_enforced"])
	msg := sprintf("%s: its minimum TLS version is known only after apply", [r.address])
}
