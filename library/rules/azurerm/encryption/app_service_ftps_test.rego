package tfgate.rules.azurerm.encryption.app_service_ftps_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.app_service_ftps as rule
import data.tfgate.test

app(sc) := az("azurerm_linux_function_app", "f", {"site_config": [sc]})

test_all_allowed_denied if {
	rule.deny == {{"resource": "azurerm_linux_function_app.f", "message": "azurerm_linux_function_app.f allows plain FTP deployments: site_config ftps_state is AllAllowed", "attribute": "site_config[0].ftps_state"}} with input as test.doc([app({"ftps_state": "AllAllowed"})])
}

test_default_and_ftps_only_pass if {
	count(rule.deny) == 0 with input as test.doc([app({})])
	count(rule.deny) == 0 with input as test.doc([app({"ftps_state": "FtpsOnly"})])
}

test_legacy_computed_is_silent if {
	r := test.with_unknown(az("azurerm_app_service", "a", {"site_config": [{}]}), {"site_config": [{"ftps_state": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(app({}), {"site_config": [{"ftps_state": true}]}), {"references": {"site_config.ftps_state": ["var.f"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(app({"ftps_state": "AllAllowed"}))])
}
