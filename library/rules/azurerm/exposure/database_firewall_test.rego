package tfgate.rules.azurerm.exposure.database_firewall_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.exposure.database_firewall as rule
import data.tfgate.test

fw(start, end) := az("azurerm_mssql_firewall_rule", "fw", {"start_ip_address": start, "end_ip_address": end})

test_any_ip_denied if {
	rule.deny == {{"resource": "azurerm_mssql_firewall_rule.fw", "message": "azurerm_mssql_firewall_rule.fw opens the server to the internet: 0.0.0.0 - 255.255.255.255", "attribute": "start_ip_address"}} with input as test.doc([fw("0.0.0.0", "255.255.255.255")])
}

test_wide_public_range_denied if {
	count(rule.deny) == 1 with input as test.doc([fw("1.0.0.0", "9.255.255.255")])
	r := az("azurerm_redis_firewall_rule", "r", {"start_ip": "0.0.0.0", "end_ip": "255.255.255.255"})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_narrow_private_and_azure_services_pass if {
	count(rule.deny) == 0 with input as test.doc([fw("203.0.113.10", "203.0.113.20")])
	count(rule.deny) == 0 with input as test.doc([fw("10.0.0.0", "10.255.255.255")])
	count(rule.deny) == 0 with input as test.doc([fw("0.0.0.0", "0.0.0.0")])
}

test_unknown_indeterminate if {
	r := test.with_unknown(fw(null, "255.255.255.255"), {"start_ip_address": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(fw("0.0.0.0", "255.255.255.255"))])
}
