# METADATA
# title: Azure SQL servers must require TLS 1.2 or later
# description: |
#   An azurerm_mssql_server or azurerm_mssql_managed_instance must not
#   accept TLS 1.0 or 1.1 and must not turn the minimum off:
#   `minimum_tls_version` "1.0", "1.1" or "Disabled" fails. The attribute
#   defaults to "1.2" (azurerm 3.x and 4.x), so unset passes.
#   Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-006
#   severity: high
#   family: encryption
#   resource_types: [azurerm_mssql_server, azurerm_mssql_managed_instance]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-13"]
#   remediation: |
#     Remove `minimum_tls_version` (the default is "1.2") or set it to "1.2".
package tfgate.rules.azurerm.encryption.sql_min_tls

import data.tfgate.lib

types := ["azurerm_mssql_server", "azurerm_mssql_managed_instance"]

weak := {"1.0", "1.1", "Disabled", "None"}

deny contains lib.entry(r, msg, "minimum_tls_version") if {
	some r in lib.azure_resources(types)
	v := lib.azure_setting(r, ["minimum_tls_version"], "1.2")
	v in weak
	msg := sprintf("%s accepts connections below TLS 1.2: minimum_tls_version is %s", [r.address, json.marshal(v)])
}

unknown contains lib.entry(r, msg, "minimum_tls_version") if {
	some r in lib.azure_resources(types)
	lib.azure_undetermined(r, ["minimum_tls_version"])
	msg := sprintf("%s: its minimum TLS version is known only after apply", [r.address])
}
