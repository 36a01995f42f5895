package tfgate.rules.azurerm.exposure.storage_public_blob_access_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.exposure.storage_public_blob_access as rule
import data.tfgate.test

sa(after) := az("azurerm_storage_account", "sa", after)

test_default_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa allows anonymous public access to its blobs and containers (allow_nested_items_to_be_public is true by default)", "attribute": ""}} with input as test.doc([sa({})])
}

test_explicit_true_denied if {
	some d in rule.deny with input as test.doc([sa({"allow_nested_items_to_be_public": true})])
	d.attribute == "allow_nested_items_to_be_public"
}

test_false_passes if {
	count(rule.deny) == 0 with input as test.doc([sa({"allow_nested_items_to_be_public": false})])
}

test_legacy_attribute if {
	count(rule.deny) == 0 with input as test.doc([sa({"allow_blob_public_access": false})])
	count(rule.deny) == 1 with input as test.doc([sa({"allow_blob_public_access": true})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(sa({}), {"allow_nested_items_to_be_public": true}), {"references": {"allow_nested_items_to_be_public": ["var.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa({}))])
}

test_provider_older_than_attribute_silent if {
	count(rule.deny) == 0 with input as test.doc([sa({"enable_https_traffic_only": true})])
}

azapi_sa(props) := object.union(az("azapi_resource", "sa", {"type": "Microsoft.Storage/storageAccounts@2023-05-01", "body": {"properties": props}}), {"provider": {"name": "azapi", "source": "registry.terraform.io/azure/azapi", "alias": "", "config_key": "azapi", "region": null, "default_tags": null}})

test_azapi_public_blob_denied if {
	count(rule.deny) == 1 with input as test.doc([azapi_sa({"allowBlobPublicAccess": true})])
	count(rule.deny) == 0 with input as test.doc([azapi_sa({"allowBlobPublicAccess": false})])
	count(rule.deny) == 0 with input as test.doc([azapi_sa({})])
}
