# METADATA
# title: Key vaults must be recoverable (purge protection and soft delete)
# description: |
#   A deleted key vault, or a deleted key, secret or certificate in it, must
#   be recoverable for the whole retention period: azurerm_key_vault and
#   azurerm_key_vault_managed_hardware_security_module must set
#   `purge_protection_enabled = true` (default false), must not turn soft
#   delete off (`soft_delete_enabled = false`, azurerm 2.x; soft delete is
#   always on since), and must keep deleted objects at least
#   `min_soft_delete_retention_days` days (optional parameter, number,
#   default 7, Azure's minimum; `soft_delete_retention_days` defaults to 90).
#
#   Fails: purge protection false or unset; soft delete off; a retention
#   below the minimum. Indeterminate: a value known only after apply.
# custom:
#   id: TFG-AZURE-ENC-011
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_key_vault, azurerm_key_vault_managed_hardware_security_module]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["8.5"]
#     nist-800-53: ["SC-12", "CP-9"]
#   remediation: |
#     Set `purge_protection_enabled = true` (it cannot be turned off again)
#     and keep `soft_delete_retention_days` at 90 or at least the minimum.
package tfgate.rules.azurerm.encryption.key_vault_recoverable

import data.tfgate.lib

types := ["azurerm_key_vault", "azurerm_key_vault_managed_hardware_security_module"]

min_days := n if {
	n := data.tfgate.params.min_soft_delete_retention_days
	is_number(n)
} else := 7

_vaults := lib.azure_resources(types)

_attr_or_block(r, a) := a if object.get(lib.after(r), a, null) != null

else := ""

deny contains lib.entry(r, msg, _attr_or_block(r, "purge_protection_enabled")) if {
	some r in _vaults
	lib.azure_setting(r, ["purge_protection_enabled"], false) == false
	msg := sprintf("%s can be purged before its retention ends: purge_protection_enabled is false or unset", [r.address])
}

deny contains lib.entry(r, msg, "soft_delete_enabled") if {
	some r in _vaults
	lib.is_false(r, ["soft_delete_enabled"])
	msg := sprintf("%s turns soft delete off (soft_delete_enabled is false)", [r.address])
}

deny contains lib.entry(r, msg, "soft_delete_retention_days") if {
	some r in _vaults
	days := lib.azure_setting(r, ["soft_delete_retention_days"], 90)
	is_number(days)
	days < min_days
	msg := sprintf("%s keeps deleted objects %d days, less than the required %d (soft_delete_retention_days)", [r.address, days, min_days])
}

unknown contains lib.entry(r, msg, a) if {
	some r in _vaults
	some a in ["purge_protection_enabled", "soft_delete_enabled", "soft_delete_retention_days"]
	lib.azure_undetermined(r, [a])
	msg := sprintf("%s: %s is known only after apply", [r.address, a])
}
