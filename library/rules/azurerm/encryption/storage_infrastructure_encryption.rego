# METADATA
# title: Storage accounts must use infrastructure (double) encryption
# description: |
#   An azurerm_storage_account must set `infrastructure_encryption_enabled
#   = true`, so data is encrypted a second time at the infrastructure level
#   with a different algorithm and key. The attribute defaults to false and
#   can only be set when the account is created (changing it replaces the
#   account). Fails: false or unset. Indeterminate: a value known only after
#   apply.
# custom:
#   id: TFG-AZURE-ENC-003
#   severity: low
#   family: encryption
#   resource_types: [azurerm_storage_account]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.2"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#   remediation: |
#     Set `infrastructure_encryption_enabled = true` on new accounts
#     (existing accounts must be recreated).
package tfgate.rules.azurerm.encryption.storage_infrastructure_encryption

import data.tfgate.lib

_attribute(r) := "infrastructure_encryption_enabled" if object.get(lib.after(r), "infrastructure_encryption_enabled", null) != null

else := ""

deny contains lib.entry(r, msg, _attribute(r)) if {
	some r in lib.resources_of_type("azurerm_storage_account")
	lib.azure_setting(r, ["infrastructure_encryption_enabled"], false) == false
	msg := sprintf("%s does not use infrastructure encryption (infrastructure_encryption_enabled is false or unset)", [r.address])
}

unknown contains lib.entry(r, msg, "infrastructure_encryption_enabled") if {
	some r in lib.resources_of_type("azurerm_storage_account")
	lib.azure_undetermined(r, ["infrastructure_encryption_enabled"])
	msg := sprintf("%s: whether it uses infrastructure encryption is known only after apply", [r.address])
}
