package tfgate.rules.azurerm.encryption.app_service_https_only_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.app_service_https_only as rule
import data.tfgate.test

app(after) := az("azurerm_linux_web_app", "app", after)

test_unset_denied if {
	rule.deny == {{"resource": "azurerm_linux_web_app.app", "message": "azurerm_linux_web_app.app accepts plain HTTP: https_only is false or unset", "attribute": ""}} with input as test.doc([app({})])
	some d in rule.deny with input as test.doc([app({"https_only": false})])
	d.attribute == "https_only"
}

test_legacy_denied if {
	count(rule.deny) == 1 with input as test.doc([az("azurerm_app_service", "a", {"https_only": false})])
}

test_https_only_passes if {
	count(rule.deny) == 0 with input as test.doc([app({"https_only": true})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(app({}), {"https_only": true}), {"references": {"https_only": ["var.h"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(app({}))])
}
