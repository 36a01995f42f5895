package tfgate.rules.azurerm.encryption.database_tls_enforced_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.database_tls_enforced as rule
import data.tfgate.test

cfg(name, value) := az("azurerm_postgresql_flexible_server_configuration", "c", {"name": name, "value": value})

test_secure_transport_off_denied if {
	rule.deny == {{"resource": "azurerm_postgresql_flexible_server_configuration.c", "message": "azurerm_postgresql_flexible_server_configuration.c turns require_secure_transport off: the server accepts unencrypted connections", "attribute": "value"}} with input as test.doc([cfg("require_secure_transport", "OFF")])
}

test_other_configurations_pass if {
	count(rule.deny) == 0 with input as test.doc([cfg("require_secure_transport", "on")])
	count(rule.deny) == 0 with input as test.doc([cfg("log_checkpoints", "off")])
}

test_mysql_flexible_denied if {
	c := az("azurerm_mysql_flexible_server_configuration", "m", {"name": "require_secure_transport", "value": "OFF"})
	count(rule.deny) == 1 with input as test.doc([c])
}

test_single_server_denied if {
	s := az("azurerm_postgresql_server", "s", {"ssl_enforcement_enabled": false})
	rule.deny == {{"resource": "azurerm_postgresql_server.s", "message": "azurerm_postgresql_server.s does not enforce SSL connections (ssl_enforcement_enabled is false)", "attribute": "ssl_enforcement_enabled"}} with input as test.doc([s])
	old := az("azurerm_mysql_server", "m", {"ssl_enforcement": "Disabled"})
	count(rule.deny) == 1 with input as test.doc([old])
}

test_single_server_enforced_passes if {
	s := test.with_unknown(az("azurerm_postgresql_server", "s", {"ssl_enforcement_enabled": true}), {"ssl_enforcement": true})
	count(rule.deny) == 0 with input as test.doc([s])
	count(rule.unknown) == 0 with input as test.doc([s])
}

test_unknown_value_indeterminate if {
	c := object.union(test.with_unknown(cfg("require_secure_transport", null), {"value": true}), {"references": {"value": ["var.x"]}})
	count(rule.deny) == 0 with input as test.doc([c])
	count(rule.unknown) == 1 with input as test.doc([c])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(cfg("require_secure_transport", "off"))])
}
