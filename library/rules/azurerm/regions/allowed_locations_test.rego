package tfgate.rules.azurerm.regions.allowed_locations_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.regions.allowed_locations as rule
import data.tfgate.test

params := {"allowed_regions": ["eu-west-1", "West Europe", "EU"]}

located(r, loc) := object.union(r, {"region": loc})

test_disallowed_location_denied if {
	r := located(az("azurerm_storage_account", "sa", {"location": "East US"}), "eastus")
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa is in location eastus, which is not allowed (allowed: eu, eu-west-1, westeurope)", "attribute": "location"}} with input as test.doc([r]) with data.tfgate.params as params
}

test_allowed_location_normalised if {
	r := located(az("azurerm_storage_account", "sa", {"location": "WestEurope"}), "WestEurope")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_inherited_location_denied if {
	r := located(az("azurerm_subnet", "s", {"resource_group_name": "rg"}), "northeurope")
	rule.deny == {{"resource": "azurerm_subnet.s", "message": "azurerm_subnet.s is in location northeurope (its resource group's), which is not allowed (allowed: eu, eu-west-1, westeurope)", "attribute": "resource_group_name"}} with input as test.doc([r]) with data.tfgate.params as params
}

test_global_exempt if {
	r := located(az("azurerm_frontdoor", "fd", {"location": "Global"}), "global")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_location_indeterminate if {
	r := object.union(test.with_unknown(located(az("azurerm_storage_account", "sa", {}), null), {"location": true}), {"references": {"location": ["data.azurerm_resource_group.rg"]}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_location_no_group_silent if {
	r := located(az("azurerm_subnet", "s", {"resource_group_name": "elsewhere"}), null)
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_aws_ignored if {
	r := located(test.res("aws_sqs_queue", "q", {}), "us-east-1")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(located(az("azurerm_storage_account", "sa", {"location": "eastus"}), "eastus"))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}
