package tfgate.rules.azurerm.encryption.storage_https_only_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.storage_https_only as rule
import data.tfgate.test

sa(after) := az("azurerm_storage_account", "sa", after)

test_https_disabled_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa allows plain HTTP: https_traffic_only_enabled is false", "attribute": "https_traffic_only_enabled"}} with input as test.doc([sa({"https_traffic_only_enabled": false})])
}

test_legacy_attribute_denied if {
	some d in rule.deny with input as test.doc([sa({"enable_https_traffic_only": false})])
	d.attribute == "enable_https_traffic_only"
}

test_default_passes if {
	count(rule.deny) == 0 with input as test.doc([sa({})])
	count(rule.deny) == 0 with input as test.doc([sa({"https_traffic_only_enabled": true})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(sa({}), {"https_traffic_only_enabled": true}), {"references": {"https_traffic_only_enabled": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa({"https_traffic_only_enabled": false}))])
}

azapi_sa(props) := object.union(az("azapi_resource", "sa", {"type": "Microsoft.Storage/storageAccounts@2023-05-01", "body": {"properties": props}}), {"provider": {"name": "azapi", "source": "registry.terraform.io/azure/azapi", "alias": "", "config_key": "azapi", "region": null, "default_tags": null}})

test_azapi_https_disabled_denied if {
	rule.deny == {{"resource": "azapi_resource.sa", "message": "azapi_resource.sa allows plain HTTP: supportsHttpsTrafficOnly is false", "attribute": "body"}} with input as test.doc([azapi_sa({"supportsHttpsTrafficOnly": false})])
	count(rule.deny) == 0 with input as test.doc([azapi_sa({})])
}
