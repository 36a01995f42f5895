# METADATA
# title: App Service and Function Apps must not allow plain FTP
# description: |
#   Web apps and function apps must not accept deployments over plain FTP:
#   `site_config` `ftps_state` "AllAllowed" fails; "FtpsOnly" and
#   "Disabled" pass. For the azurerm 3.x/4.x types the attribute defaults to
#   "Disabled", so unset passes. For the legacy azurerm_app_service,
#   azurerm_app_service_slot, azurerm_function_app and
#   azurerm_function_app_slot the value is computed by Azure when unset, so
#   only an explicit "AllAllowed" fails there (checkov also fails an unset
#   legacy `ftps_state`). Covered: the types of TFG-AZURE-ENC-013.
#   Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-015
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_linux_web_app, azurerm_windows_web_app, azurerm_linux_function_app, azurerm_windows_function_app, azurerm_function_app_flex_consumption, azurerm_linux_web_app_slot, azurerm_windows_web_app_slot, azurerm_linux_function_app_slot, azurerm_windows_function_app_slot, azurerm_app_service, azurerm_app_service_slot, azurerm_function_app, azurerm_function_app_slot]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["9.9"]
#     nist-800-53: ["SC-8", "CM-7"]
#   remediation: |
#     Set `site_config { ftps_state = "Disabled" }` (or "FtpsOnly" if FTP
#     deployment is still needed).
package tfgate.rules.azurerm.encryption.app_service_ftps

import data.tfgate.lib
import data.tfgate.rules.azurerm.encryption.app_service_https_only as apps

_path := ["site_config", 0, "ftps_state"]

deny contains lib.entry(r, msg, "site_config[0].ftps_state") if {
	some r in lib.azure_resources(apps.types)
	lib.azure_setting(r, _path, "Disabled") == "AllAllowed"
	msg := sprintf("%s allows plain FTP deployments: site_config ftps_state is AllAllowed", [r.address])
}

unknown contains lib.entry(r, msg, "site_config[0].ftps_state") if {
	some r in lib.azure_resources(apps.types)
	lib.azure_undetermined(r, _path)
	msg := sprintf("%s: site_config ftps_state is known only after apply", [r.address])
}
