# METADATA
# title: Storage accounts must require TLS 1.2 or later
# description: |
#   An azurerm_storage_account's `min_tls_version` must not allow TLS 1.0 or
#   1.1. The attribute defaults to TLS1_2 (azurerm 3.x and 4.x), so an
#   account passes unless it sets TLS1_0 or TLS1_1. Indeterminate: a value
#   known only after apply. A plan made by an azurerm 2.x provider without
#   the attribute is read with today's default (TLS1_2).
#   An azapi_resource of type Microsoft.Storage/storageAccounts fails when
#   its body sets `minimumTlsVersion` to TLS1_0 or TLS1_1 (unset, the API's
#   default depends on its version and is not reported).
# custom:
#   id: TFG-AZURE-ENC-002
#   severity: high
#   family: encryption
#   resource_types: [azurerm_storage_account, azapi_resource]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.15"]
#     nist-800-53: ["SC-8", "SC-13"]
#   remediation: |
#     Remove `min_tls_version` (the default is TLS1_2) or set it to
#     "TLS1_2".
package tfgate.rules.azurerm.encryption.storage_min_tls

import data.tfgate.lib

weak := {"TLS1_0", "TLS1_1"}

deny contains lib.entry(r, msg, "min_tls_version") if {
	some r in lib.resources_of_type("azurerm_storage_account")
	v := lib.azure_setting(r, ["min_tls_version"], "TLS1_2")
	v in weak
	msg := sprintf("%s accepts %s: min_tls_version must be TLS1_2 or later", [r.address, v])
}

unknown contains lib.entry(r, msg, "min_tls_version") if {
	some r in lib.resources_of_type("azurerm_storage_account")
	lib.azure_undetermined(r, ["min_tls_version"])
	msg := sprintf("%s: its minimum TLS version is known only after apply", [r.address])
}

# azapi_resource (Microsoft.Storage/storageAccounts).
deny contains lib.entry(r, msg, "body") if {
	some [r, props] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	v := object.get(props, "minimumTlsVersion", null)
	v in weak
	msg := sprintf("%s accepts %s: minimumTlsVersion must be TLS1_2 or later", [r.address, v])
}

unknown contains lib.entry(r, msg, "body") if {
	some [r, _] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	lib.azure_azapi_unknown(r, "minimumTlsVersion")
	msg := sprintf("%s: its minimum TLS version is known only after apply", [r.address])
}
