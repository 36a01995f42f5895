# METADATA
# title: Azure SQL databases must keep transparent data encryption on
# description: |
#   An azurerm_mssql_database must not turn transparent data encryption off:
#   `transparent_data_encryption_enabled = false` fails (Azure allows it
#   only for data warehouse SKUs). The attribute defaults to true, so unset
#   passes. Indeterminate: a value known only after apply. Whether the TDE
#   protector is a customer-managed key is TFG-AZURE-ENC-008's question.
# custom:
#   id: TFG-AZURE-ENC-007
#   severity: high
#   family: encryption
#   resource_types: [azurerm_mssql_database]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["4.1.5"]
#     nist-800-53: ["SC-28"]
#   remediation: |
#     Remove `transparent_data_encryption_enabled = false`.
package tfgate.rules.azurerm.encryption.sql_database_tde

import data.tfgate.lib

deny contains lib.entry(r, msg, "transparent_data_encryption_enabled") if {
	some r in lib.resources_of_type("azurerm_mssql_database")
	lib.azure_setting(r, ["transparent_data_encryption_enabled"], true) == false
	msg := sprintf("%s turns transparent data encryption off (transparent_data_encryption_enabled is false)", [r.address])
}

unknown contains lib.entry(r, msg, "transparent_data_encryption_enabled") if {
	some r in lib.resources_of_type("azurerm_mssql_database")
	lib.azure_undetermined(r, ["transparent_data_encryption_enabled"])
	msg := sprintf("%s: whether transparent data encryption is on is known only after apply", [r.address])
}
