# METADATA
# title: App Service and Function Apps must require TLS 1.2 or later
# description: |
#   Web apps and function apps must not accept TLS 1.0 or 1.1, on the app
#   or on its deployment (SCM/Kudu) endpoint: `site_config`
#   `minimum_tls_version` and `scm_minimum_tls_version` (azurerm 3.x/4.x
#   types), `min_tls_version` and `scm_min_tls_version` (legacy
#   azurerm_app_service / azurerm_function_app), "1.0" or "1.1", fail. All
#   default to "1.2", so unset passes. Covered: the types of
#   TFG-AZURE-ENC-013. Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-014
#   severity: high
#   family: encryption
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_function_app_flex_consumption, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["9.3"]
#     nist-800-53: ["SC-8", "SC-13"]
#   remediation: |
#     Remove the setting (the default is "1.2") or set it to "1.2" or "1.3".
package tfgate.rules.azurerm.encryption.app_service_min_tls

import data.tfgate.lib
import data.tfgate.rules.azurerm.encryption.app_service_https_only as apps

attrs := ["minimum_tls_version", "scm_minimum_tls_version", "min_tls_version", "scm_min_tls_version"]

weak := {"1.0", "1.1"}

deny contains lib.entry(r, msg, lib.attr_path(path)) if {
	some r in lib.azure_resources(apps.types)
	some a in attrs
	path := ["site_config", 0, a]
	v := lib.azure_setting(r, path, "1.2")
	v in weak
	msg := sprintf("%s accepts TLS %s: site_config %s must be 1.2 or later", [r.address, v, a])
}

unknown contains lib.entry(r, msg, lib.attr_path(path)) if {
	some r in lib.azure_resources(apps.types)
	some a in attrs
	path := ["site_config", 0, a]
	lib.azure_undetermined(r, path)
	msg := sprintf("%s: site_config %s is known only after apply", [r.address, a])
}
