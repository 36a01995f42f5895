package tfgate.rules.azurerm.encryption.database_min_tls_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.database_min_tls as rule
import data.tfgate.test

test_mysql_tls_version_list_denied if {
	c := az("azurerm_mysql_flexible_server_configuration", "c", {"name": "tls_version", "value": "TLSv1,TLSv1.1,TLSv1.2"})
	rule.deny == {{"resource": "azurerm_mysql_flexible_server_configuration.c", "message": "azurerm_mysql_flexible_server_configuration.c sets tls_version to TLSv1,TLSv1.1,TLSv1.2: the server accepts TLSv1, TLSv1.1", "attribute": "value"}} with input as test.doc([c])
}

test_postgres_min_protocol_denied if {
	c := az("azurerm_postgresql_flexible_server_configuration", "c", {"name": "ssl_min_protocol_version", "value": "TLSv1.1"})
	count(rule.deny) == 1 with input as test.doc([c])
}

test_tls12_passes if {
	c := az("azurerm_mysql_flexible_server_configuration", "c", {"name": "tls_version", "value": "TLSv1.2,TLSv1.3"})
	count(rule.deny) == 0 with input as test.doc([c])
}

test_single_server_denied if {
	s := az("azurerm_postgresql_server", "s", {"ssl_minimal_tls_version_enforced": "TLSEnforcementDisabled"})
	rule.deny == {{"resource": "azurerm_postgresql_server.s", "message": "azurerm_postgresql_server.s accepts connections below TLS 1.2: ssl_minimal_tls_version_enforced is TLSEnforcementDisabled", "attribute": "ssl_minimal_tls_version_enforced"}} with input as test.doc([s])
}

test_single_server_default_passes if {
	count(rule.deny) == 0 with input as test.doc([az("azurerm_mysql_server", "s", {})])
}

test_unknown_indeterminate if {
	s := object.union(test.with_unknown(az("azurerm_mysql_server", "s", {}), {"ssl_minimal_tls_version_enforced": true}), {"references": {"ssl_minimal_tls_version_enforced": ["var.v"]}})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 1 with input as test.doc([s])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(az("azurerm_postgresql_server", "s", {"ssl_minimal_tls_version_enforced": "TLS1_0"}))])
}
