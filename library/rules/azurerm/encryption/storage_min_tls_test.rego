package tfgate.rules.azurerm.encryption.storage_min_tls_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.storage_min_tls as rule
import data.tfgate.test

sa(after) := az("azurerm_storage_account", "sa", after)

test_tls10_denied if {
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa accepts TLS1_0: min_tls_version must be TLS1_2 or later", "attribute": "min_tls_version"}} with input as test.doc([sa({"min_tls_version": "TLS1_0"})])
}

test_default_and_tls12_pass if {
	count(rule.deny) == 0 with input as test.doc([sa({})])
	count(rule.deny) == 0 with input as test.doc([sa({"min_tls_version": null})])
	count(rule.deny) == 0 with input as test.doc([sa({"min_tls_version": "TLS1_2"})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(sa({}), {"min_tls_version": true}), {"references": {"min_tls_version": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sa({"min_tls_version": "TLS1_1"}))])
}

azapi_sa(props) := object.union(az("azapi_resource", "sa", {"type": "Microsoft.Storage/storageAccounts@2023-05-01", "body": {"properties": props}}), {"provider": {"name": "azapi", "source": "registry.terraform.io/azure/azapi", "alias": "", "config_key": "azapi", "region": null, "default_tags": null}})

test_azapi_tls10_denied if {
	count(rule.deny) == 1 with input as test.doc([azapi_sa({"minimumTlsVersion": "TLS1_0"})])
	count(rule.deny) == 0 with input as test.doc([azapi_sa({"minimumTlsVersion": "TLS1_2"})])
	r := test.with_unknown(azapi_sa({}), {"body": {"properties": {"minimumTlsVersion": true}}})
	count(rule.unknown) == 1 with input as test.doc([r])
}
