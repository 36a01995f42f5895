# METADATA
# title: App Service and Function Apps must accept only HTTPS
# description: |
#   Web apps and function apps must redirect plain HTTP to HTTPS:
#   `https_only = true`. The attribute defaults to false, so an app that
#   does not set it fails. Covered: azurerm_linux_web_app,
#   azurerm_windows_web_app, azurerm_linux_function_app,
#   azurerm_windows_function_app, azurerm_function_app_flex_consumption,
#   their deployment slots (…_slot), and the legacy azurerm_app_service,
#   azurerm_app_service_slot, azurerm_function_app and
#   azurerm_function_app_slot. Indeterminate: a value known only after
#   apply.
# custom:
#   id: TFG-AZURE-ENC-013
#   severity: high
#   family: encryption
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_function_app_flex_consumption, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["9.2"]
#     nist-800-53: ["SC-8", "SC-8(1)"]
#   remediation: |
#     Set `https_only = true`.
package tfgate.rules.azurerm.encryption.app_service_https_only

import data.tfgate.lib

types := [
	"azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_linux_function_app",
	"azurerm_windows_function_app", "azurerm_function_app_flex_consumption",
	"azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot",
	"azurerm_linux_function_app_slot", "azurerm_windows_function_app_slot",
	"azurerm_app_service", "azurerm_app_service_slot", "azurerm_function_app", "azurerm_function_app_slot",
]

_attribute(r) := "https_only" if object.get(lib.after(r), "https_only", null) != null

else := ""

deny contains lib.entry(r, msg, _attribute(r)) if {
	some r in lib.azure_resources(types)
	lib.azure_setting(r, ["https_only"], false) == false
	msg := sprintf("%s accepts plain HTTP: https_only is false or unset", [r.address])
}

unknown contains lib.entry(r, msg, "https_only") if {
	some r in lib.azure_resources(types)
	lib.azure_undetermined(r, ["https_only"])
	msg := sprintf("%s: whether it accepts only HTTPS is known only after apply", [r.address])
}
