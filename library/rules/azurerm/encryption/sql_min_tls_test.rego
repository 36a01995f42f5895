package tfgate.rules.azurerm.encryption.sql_min_tls_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.sql_min_tls as rule
import data.tfgate.test

srv(after) := az("azurerm_mssql_server", "s", after)

test_disabled_denied if {
	rule.deny == {{"resource": "azurerm_mssql_server.s", "message": "azurerm_mssql_server.s accepts connections below TLS 1.2: minimum_tls_version is \"Disabled\"", "attribute": "minimum_tls_version"}} with input as test.doc([srv({"minimum_tls_version": "Disabled"})])
	count(rule.deny) == 1 with input as test.doc([srv({"minimum_tls_version": "1.1"})])
}

test_default_passes if {
	count(rule.deny) == 0 with input as test.doc([srv({})])
	count(rule.deny) == 0 with input as test.doc([srv({"minimum_tls_version": "1.2"})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(srv({}), {"minimum_tls_version": true}), {"references": {"minimum_tls_version": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(srv({"minimum_tls_version": "1.0"}))])
}
