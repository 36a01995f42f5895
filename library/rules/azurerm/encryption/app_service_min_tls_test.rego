package tfgate.rules.azurerm.encryption.app_service_min_tls_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.app_service_min_tls as rule
import data.tfgate.test

app(sc) := az("azurerm_windows_web_app", "app", {"site_config": [sc]})

test_tls11_denied if {
	rule.deny == {{"resource": "azurerm_windows_web_app.app", "message": "azurerm_windows_web_app.app accepts TLS 1.1: site_config minimum_tls_version must be 1.2 or later", "attribute": "site_config[0].minimum_tls_version"}} with input as test.doc([app({"minimum_tls_version": "1.1"})])
}

test_scm_and_legacy_denied if {
	count(rule.deny) == 1 with input as test.doc([app({"scm_minimum_tls_version": "1.0"})])
	count(rule.deny) == 1 with input as test.doc([az("azurerm_app_service", "a", {"site_config": [{"min_tls_version": "1.0"}]})])
}

test_default_passes if {
	count(rule.deny) == 0 with input as test.doc([app({})])
	count(rule.deny) == 0 with input as test.doc([az("azurerm_linux_function_app", "f", {})])
	count(rule.deny) == 0 with input as test.doc([app({"minimum_tls_version": "1.3"})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(app({}), {"site_config": [{"minimum_tls_version": true}]}), {"references": {"site_config.minimum_tls_version": ["var.t"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(app({"minimum_tls_version": "1.0"}))])
}
