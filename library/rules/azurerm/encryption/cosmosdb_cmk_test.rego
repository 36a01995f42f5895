package tfgate.rules.azurerm.encryption.cosmosdb_cmk_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.cosmosdb_cmk as rule
import data.tfgate.test

params := {"require_customer_managed_keys": true}

acct(after) := az("azurerm_cosmosdb_account", "db", after)

test_no_key_denied if {
	rule.deny == {{"resource": "azurerm_cosmosdb_account.db", "message": "azurerm_cosmosdb_account.db is not encrypted with a customer-managed key (key_vault_key_id is unset)", "attribute": ""}} with input as test.doc([acct({"key_vault_key_id": null})]) with data.tfgate.params as params
}

test_key_passes if {
	count(rule.deny) == 0 with input as test.doc([acct({"key_vault_key_id": "https://kv/keys/k"})]) with data.tfgate.params as params
	r := object.union(test.with_unknown(acct({}), {"key_vault_key_id": true}), {"references": {"key_vault_key_id": ["azurerm_key_vault_key.k"]}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_not_required_silent if {
	count(rule.deny) == 0 with input as test.doc([acct({})]) with data.tfgate.params as {"require_customer_managed_keys": false}
}

test_unknown_variable_indeterminate if {
	r := object.union(test.with_unknown(acct({}), {"key_vault_key_id": true}), {"location": {"attributes": {"key_vault_key_id": {"start_line": 3}}}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(acct({}))]) with data.tfgate.params as params
}
