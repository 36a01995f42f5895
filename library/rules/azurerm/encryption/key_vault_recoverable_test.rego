package tfgate.rules.azurerm.encryption.key_vault_recoverable_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.key_vault_recoverable as rule
import data.tfgate.test

kv(after) := az("azurerm_key_vault", "kv", after)

test_no_purge_protection_denied if {
	rule.deny == {{"resource": "azurerm_key_vault.kv", "message": "azurerm_key_vault.kv can be purged before its retention ends: purge_protection_enabled is false or unset", "attribute": ""}} with input as test.doc([kv({})])
	some d in rule.deny with input as test.doc([kv({"purge_protection_enabled": false})])
	d.attribute == "purge_protection_enabled"
}

test_protected_passes if {
	count(rule.deny) == 0 with input as test.doc([kv({"purge_protection_enabled": true, "soft_delete_retention_days": 90})])
}

test_soft_delete_off_denied if {
	count(rule.deny) == 2 with input as test.doc([kv({"soft_delete_enabled": false})])
}

test_retention_below_minimum if {
	count(rule.deny) == 0 with input as test.doc([kv({"purge_protection_enabled": true, "soft_delete_retention_days": 7})])
	rule.deny == {{"resource": "azurerm_key_vault.kv", "message": "azurerm_key_vault.kv keeps deleted objects 7 days, less than the required 30 (soft_delete_retention_days)", "attribute": "soft_delete_retention_days"}} with input as test.doc([kv({"purge_protection_enabled": true, "soft_delete_retention_days": 7})]) with data.tfgate.params.min_soft_delete_retention_days as 30
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(kv({}), {"purge_protection_enabled": true}), {"references": {"purge_protection_enabled": ["var.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(kv({}))])
}
