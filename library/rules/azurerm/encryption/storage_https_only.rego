# METADATA
# title: Storage accounts must accept only HTTPS
# description: |
#   An azurerm_storage_account must require secure transfer: requests over
#   plain HTTP (and SMB without encryption) are refused.
#   `https_traffic_only_enabled` (azurerm 4.x; `enable_https_traffic_only`
#   in 2.x and 3.x) defaults to true, so an account passes unless it sets
#   the attribute to false. An azapi_resource of type
#   Microsoft.Storage/storageAccounts fails when its body sets
#   `supportsHttpsTrafficOnly` to false (the API's default is true).
#   Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-001
#   severity: high
#   family: encryption
#   resource_types: [azurerm_storage_account, azapi_resource]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.1"]
#     nist-800-53: ["SC-8", "SC-8(1)"]
#   remediation: |
#     Remove `https_traffic_only_enabled = false` (the default is true) or
#     set it to true.
package tfgate.rules.azurerm.encryption.storage_https_only

import data.tfgate.lib

# The attribute's name in the provider version that made the document.
_attr(r) := "enable_https_traffic_only" if {
	not "https_traffic_only_enabled" in object.keys(lib.after(r))
	"enable_https_traffic_only" in object.keys(lib.after(r))
} else := "https_traffic_only_enabled"

deny contains lib.entry(r, msg, a) if {
	some r in lib.resources_of_type("azurerm_storage_account")
	a := _attr(r)
	lib.azure_setting(r, [a], true) == false
	msg := sprintf("%s allows plain HTTP: %s is false", [r.address, a])
}

unknown contains lib.entry(r, msg, a) if {
	some r in lib.resources_of_type("azurerm_storage_account")
	a := _attr(r)
	lib.azure_undetermined(r, [a])
	msg := sprintf("%s: whether it accepts only HTTPS (%s) is known only after apply", [r.address, a])
}

# azapi_resource (Microsoft.Storage/storageAccounts).
deny contains lib.entry(r, msg, "body") if {
	some [r, props] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	object.get(props, "supportsHttpsTrafficOnly", null) == false
	msg := sprintf("%s allows plain HTTP: supportsHttpsTrafficOnly is false", [r.address])
}

unknown contains lib.entry(r, msg, "body") if {
	some [r, _] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	lib.azure_azapi_unknown(r, "supportsHttpsTrafficOnly")
	msg := sprintf("%s: whether it accepts only HTTPS (supportsHttpsTrafficOnly) is known only after apply", [r.address])
}
