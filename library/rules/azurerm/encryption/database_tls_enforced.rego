# METADATA
# title: PostgreSQL and MySQL servers must require TLS connections
# description: |
#   Azure Database for PostgreSQL and MySQL must refuse unencrypted
#   connections.
#
#   - Flexible servers: an azurerm_postgresql_flexible_server_configuration
#     or azurerm_mysql_flexible_server_configuration named
#     `require_secure_transport` with the value "off" (any case) fails. The
#     server parameter defaults to on, so a flexible server without such a
#     configuration passes.
#   - Single servers (azurerm_postgresql_server, azurerm_mysql_server,
#     azurerm_mariadb_server; retired by Azure, still found in plans):
#     `ssl_enforcement_enabled = false`, or in azurerm 2.x `ssl_enforcement
#     = "Disabled"`, fails.
#
#   Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-009
#   severity: high
#   family: encryption
#   resource_types: [azurerm_postgresql_flexible_server_configuration, azurerm_mysql_flexible_server_configuration, azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["4.3.1", "4.4.1"]
#     nist-800-53: ["SC-8", "SC-8(1)"]
#   remediation: |
#     Remove the require_secure_transport configuration (or set its value to
#     "on"); on single servers set `ssl_enforcement_enabled = true`.
package tfgate.rules.azurerm.encryption.database_tls_enforced

import data.tfgate.lib

config_types := ["azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server_configuration"]

single_types := ["azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"]

_secure_transport := [c |
	some c in lib.azure_resources(config_types)
	lower(object.get(lib.after(c), "name", "")) == "require_secure_transport"
]

deny contains lib.entry(c, msg, "value") if {
	some c in _secure_transport
	v := lib.azure_setting(c, ["value"], "on")
	is_string(v)
	lower(v) in {"off", "0"}
	msg := sprintf("%s turns require_secure_transport off: the server accepts unencrypted connections", [c.address])
}

unknown contains lib.entry(c, msg, "value") if {
	some c in _secure_transport
	lib.azure_undetermined(c, ["value"])
	msg := sprintf("%s: the value of require_secure_transport is known only after apply", [c.address])
}

_single := lib.azure_resources(single_types)

# azurerm 3.x: ssl_enforcement_enabled; 2.x: ssl_enforcement (computed and
# deprecated once ssl_enforcement_enabled arrived).
_has_bool(r) if "ssl_enforcement_enabled" in object.keys(lib.after(r))

_has_bool(r) if lib.unknown_within(r, ["ssl_enforcement_enabled"])

deny contains lib.entry(r, msg, "ssl_enforcement_enabled") if {
	some r in _single
	_has_bool(r)
	lib.azure_setting(r, ["ssl_enforcement_enabled"], true) == false
	msg := sprintf("%s does not enforce SSL connections (ssl_enforcement_enabled is false)", [r.address])
}

deny contains lib.entry(r, msg, "ssl_enforcement") if {
	some r in _single
	not _has_bool(r)
	v := lib.azure_setting(r, ["ssl_enforcement"], "Enabled")
	is_string(v)
	lower(v) == "disabled"
	msg := sprintf("%s does not enforce SSL connections (ssl_enforcement is Disabled)", [r.address])
}

unknown contains lib.entry(r, msg, a) if {
	some r in _single
	some a in ["ssl_enforcement_enabled", "ssl_enforcement"]
	lib.azure_undetermined(r, [a])
	msg := sprintf("%s: whether it enforces SSL connections is known only after apply", [r.address])
}
