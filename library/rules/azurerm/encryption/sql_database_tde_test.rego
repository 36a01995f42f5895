package tfgate.rules.azurerm.encryption.sql_database_tde_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.sql_database_tde as rule
import data.tfgate.test

db(after) := az("azurerm_mssql_database", "db", after)

test_tde_off_denied if {
	rule.deny == {{"resource": "azurerm_mssql_database.db", "message": "azurerm_mssql_database.db turns transparent data encryption off (transparent_data_encryption_enabled is false)", "attribute": "transparent_data_encryption_enabled"}} with input as test.doc([db({"transparent_data_encryption_enabled": false})])
}

test_default_passes if {
	count(rule.deny) == 0 with input as test.doc([db({})])
	count(rule.deny) == 0 with input as test.doc([db({"transparent_data_encryption_enabled": true})])
}

test_unknown_indeterminate if {
	r := object.union(test.with_unknown(db({}), {"transparent_data_encryption_enabled": true}), {"references": {"transparent_data_encryption_enabled": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(db({"transparent_data_encryption_enabled": false}))])
}
