package tfgate.rules.azurerm.exposure.storage_network_access_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.exposure.storage_network_access as rule
import data.tfgate.test

sa(name, after) := az("azurerm_storage_account", name, after)

nr(action, refs) := object.union(az("azurerm_storage_account_network_rules", "nr", {"default_action": action}), {"references": {"storage_account_id": refs}})

test_no_rules_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.a", "message": "azurerm_storage_account.a accepts traffic from every network: it has no network rules (Azure's default action is Allow)", "attribute": ""}} with input as test.doc([sa("a", {})])
}

test_inline_allow_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.a", "message": "azurerm_storage_account.a accepts traffic from every network: network_rules default_action is Allow", "attribute": "network_rules[0].default_action"}} with input as test.doc([sa("a", {"network_rules": [{"default_action": "Allow"}]})])
}

test_inline_deny_and_private_pass if {
	count(rule.deny) == 0 with input as test.doc([sa("a", {"network_rules": [{"default_action": "Deny"}]})])
	count(rule.deny) == 0 with input as test.doc([sa("a", {"public_network_access_enabled": false})])
}

test_joined_rules if {
	count(rule.deny) == 0 with input as test.doc([sa("a", {}), nr("Deny", ["azurerm_storage_account.a"])])
	count(rule.deny) == 1 with input as test.doc([sa("a", {}), nr("Allow", ["azurerm_storage_account.a"])])
	count(rule.deny) == 1 with input as test.doc([sa("a", {}), sa("b", {"public_network_access_enabled": false}), nr("Deny", ["azurerm_storage_account.b"])])
}

test_joined_by_name_legacy if {
	c := az("azurerm_storage_account_network_rules", "nr", {"default_action": "Deny", "storage_account_name": "acct"})
	count(rule.deny) == 0 with input as test.doc([sa("a", {"name": "acct"}), c])
}

test_unlinked_rules_indeterminate if {
	c := test.with_unknown(az("azurerm_storage_account_network_rules", "nr", {"default_action": "Deny"}), {"storage_account_id": true})
	count(rule.deny) == 0 with input as test.doc([sa("a", {}), c])
	count(rule.unknown) == 1 with input as test.doc([sa("a", {}), c])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa("a", {}))])
}

test_inline_action_unknown_indeterminate if {
	r := object.union(test.with_unknown(sa("a", {"network_rules": [{"default_action": null}]}), {"network_rules": [{"default_action": true}]}), {"references": {"network_rules.default_action": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "azurerm_storage_account.a", "message": "azurerm_storage_account.a: whether it accepts traffic from every network is known only after apply", "attribute": ""}} with input as test.doc([r])
}
