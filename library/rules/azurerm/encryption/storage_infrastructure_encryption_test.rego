package tfgate.rules.azurerm.encryption.storage_infrastructure_encryption_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.storage_infrastructure_encryption as rule
import data.tfgate.test

sa(after) := az("azurerm_storage_account", "sa", after)

test_unset_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa does not use infrastructure encryption (infrastructure_encryption_enabled is false or unset)", "attribute": ""}} with input as test.doc([sa({})])
}

test_false_denied_on_attribute if {
	some d in rule.deny with input as test.doc([sa({"infrastructure_encryption_enabled": false})])
	d.attribute == "infrastructure_encryption_enabled"
}

test_enabled_passes if {
	count(rule.deny) == 0 with input as test.doc([sa({"infrastructure_encryption_enabled": true})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(sa({}), {"infrastructure_encryption_enabled": true}), {"references": {"infrastructure_encryption_enabled": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa({}))])
}
