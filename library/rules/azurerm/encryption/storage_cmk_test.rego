package tfgate.rules.azurerm.encryption.storage_cmk_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.storage_cmk as rule
import data.tfgate.test

params := {"require_customer_managed_keys": true}

sa(name, after) := az("azurerm_storage_account", name, after)

cmk(refs, id) := object.union(az("azurerm_storage_account_customer_managed_key", "k", {"storage_account_id": id, "key_vault_key_id": "kid"}), {"references": {"storage_account_id": refs}})

test_no_cmk_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.a", "message": "azurerm_storage_account.a is not encrypted with a customer-managed key (no customer_managed_key block or azurerm_storage_account_customer_managed_key names it)", "attribute": ""}} with input as test.doc([sa("a", {})]) with data.tfgate.params as params
}

test_not_required_silent if {
	count(rule.deny) == 0 with input as test.doc([sa("a", {})]) with data.tfgate.params as {"require_customer_managed_keys": false}
	count(rule.deny) == 0 with input as test.doc([sa("a", {})])
}

test_inline_block_passes if {
	count(rule.deny) == 0 with input as test.doc([sa("a", {"customer_managed_key": [{"key_vault_key_id": "kid"}]})]) with data.tfgate.params as params
}

test_joined_resource_passes if {
	count(rule.deny) == 0 with input as test.doc([sa("a", {}), cmk(["azurerm_storage_account.a"], null)]) with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([sa("a", {"id": "/x/a"}), cmk([], "/x/a")]) with data.tfgate.params as params
}

test_join_other_account_denied if {
	count(rule.deny) == 1 with input as test.doc([sa("a", {}), sa("b", {}), cmk(["azurerm_storage_account.b"], null)]) with data.tfgate.params as params
}

test_unlinked_cmk_indeterminate if {
	c := test.with_unknown(cmk([], null), {"storage_account_id": true})
	count(rule.deny) == 0 with input as test.doc([sa("a", {}), c]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([sa("a", {}), c]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa("a", {}))]) with data.tfgate.params as params
}
