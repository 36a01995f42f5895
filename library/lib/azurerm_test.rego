package tfgate.lib.azurerm_test

import data.tfgate.lib
import data.tfgate.test

az(type, name, after) := object.union(test.res(type, name, after), {"provider": {"name": "azurerm", "source": "registry.terraform.io/hashicorp/azurerm", "alias": "", "config_key": "azurerm", "region": null, "default_tags": null}, "region": "westeurope"})

test_setting_known_default_and_undetermined if {
	r := az("azurerm_storage_account", "sa", {"min_tls_version": "TLS1_0", "https_traffic_only_enabled": null})
	lib.azure_setting(r, ["min_tls_version"], "TLS1_2") == "TLS1_0"
	lib.azure_setting(r, ["https_traffic_only_enabled"], true) == true
	lib.azure_setting(r, ["absent"], false) == false
	u := object.union(test.with_unknown(r, {"min_tls_version": true}), {"references": {"min_tls_version": ["azurerm_x.y"]}})
	not lib.azure_setting(u, ["min_tls_version"], "TLS1_2")
	lib.azure_undetermined(u, ["min_tls_version"])
	c := test.with_unknown(r, {"ftps": true})
	lib.azure_setting(c, ["ftps"], "Disabled") == "Disabled"
}

test_location if {
	lib.azure_location("West Europe") == "westeurope"
	lib.azure_location("WestEurope") == "westeurope"
	lib.azure_location(" westeurope ") == "westeurope"
}

test_port_ranges if {
	lib.azure_port_range("*") == [0, 65535]
	lib.azure_port_range("22") == [22, 22]
	lib.azure_port_range("22-25") == [22, 25]
	not lib.azure_port_range("ssh")
}

test_internet_prefixes if {
	lib.azure_internet_prefixes(["*"], []) == {"*"}
	lib.azure_internet_prefixes(["Internet"], []) == {"Internet"}
	lib.azure_internet_prefixes(["0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8"], []) == {"0.0.0.0/1", "128.0.0.0/1"}
	lib.azure_internet_prefixes(["VirtualNetwork"], []) == set()
	lib.azure_internet_prefixes(["203.0.113.7/32"], []) == set()
	lib.azure_internet_prefixes(["*"], ["0.0.0.0/0", "::/0"]) == set()
	lib.azure_internet_prefixes(["0.0.0.0/0"], ["0.0.0.0/0"]) == set()
}

test_range_cidrs if {
	lib.azure_range_cidrs("0.0.0.0", "255.255.255.255") == {"0.0.0.0/0"}
	lib.azure_range_cidrs("10.0.0.0", "10.0.0.255") == {"10.0.0.0/24"}
	lib.azure_range_cidrs("10.0.0.1", "10.0.0.6") == {"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}
	lib.azure_range_cidrs("1.0.0.0", "2.255.255.255") == {"1.0.0.0/8", "2.0.0.0/8"}
	lib.azure_range_cidrs("9.9.9.9", "9.9.9.9") == {"9.9.9.9/32"}
	lib.azure_range_cidrs("2.0.0.0", "1.0.0.0") == set()
	lib.is_internet(lib.azure_range_cidrs("0.0.0.0", "255.255.255.255"))
	not lib.is_internet(lib.azure_range_cidrs("0.0.0.0", "0.0.0.0"))
}

test_nsg_rules_model if {
	nsg := az("azurerm_network_security_group", "n", {"security_rule": [{"direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_address_prefix": "*", "source_address_prefixes": [], "destination_port_range": "", "destination_port_ranges": ["22", "3380-3390"]}]})
	rules := lib.azure_nsg_rules with input as test.doc([nsg])
	count(rules) == 1
	x := rules[0]
	x.path == ["security_rule", 0]
	x.direction == "inbound"
	lib.azure_covers_port(x, 3389)
	lib.azure_covers_port(x, 22)
	not lib.azure_covers_port(x, 23)
}

test_azapi_properties if {
	a := object.union(az("azapi_resource", "sa", {"type": "Microsoft.Storage/storageAccounts@2023-05-01", "body": {"properties": {"minimumTlsVersion": "TLS1_0"}}}), {"provider": {"name": "azapi"}})
	b := az("azapi_resource", "sb", {"type": "microsoft.storage/storageaccounts@2021-01-01", "body": "{\"properties\":{\"supportsHttpsTrafficOnly\":false}}"})
	c := az("azapi_resource", "kv", {"type": "Microsoft.KeyVault/vaults@2023-07-01", "body": {"properties": {}}})
	got := lib.azure_azapi("Microsoft.Storage/storageAccounts") with input as test.doc([a, b, c])
	{[r.address, p] | some [r, p] in got} == {["azapi_resource.sa", {"minimumTlsVersion": "TLS1_0"}], ["azapi_resource.sb", {"supportsHttpsTrafficOnly": false}]}
}
