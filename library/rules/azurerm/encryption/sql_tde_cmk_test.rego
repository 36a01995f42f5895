package tfgate.rules.azurerm.encryption.sql_tde_cmk_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.sql_tde_cmk as rule
import data.tfgate.test

params := {"require_customer_managed_keys": true}

srv(name) := az("azurerm_mssql_server", name, {})

tde(refs, key) := object.union(az("azurerm_mssql_server_transparent_data_encryption", "t", {"key_vault_key_id": key}), {"references": {"server_id": refs}})

test_no_cmk_denied if {
	rule.deny == {{"resource": "azurerm_mssql_server.s", "message": "azurerm_mssql_server.s protects transparent data encryption with a service-managed key: no customer-managed key (azurerm_mssql_server_transparent_data_encryption with key_vault_key_id) names it", "attribute": ""}} with input as test.doc([srv("s")]) with data.tfgate.params as params
}

test_tde_without_key_denied if {
	count(rule.deny) == 1 with input as test.doc([srv("s"), tde(["azurerm_mssql_server.s"], null)]) with data.tfgate.params as params
}

test_tde_with_key_passes if {
	count(rule.deny) == 0 with input as test.doc([srv("s"), tde(["azurerm_mssql_server.s"], "https://kv/keys/k")]) with data.tfgate.params as params
}

test_not_required_silent if {
	count(rule.deny) == 0 with input as test.doc([srv("s")]) with data.tfgate.params as {"require_customer_managed_keys": false}
}

test_unlinked_indeterminate if {
	t := test.with_unknown(tde([], "k"), {"server_id": true})
	count(rule.deny) == 0 with input as test.doc([srv("s"), t]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([srv("s"), t]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(srv("s"))]) with data.tfgate.params as params
}
