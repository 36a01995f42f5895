package tfgate.rules.azurerm.exposure.vm_public_ip_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.exposure.vm_public_ip as rule
import data.tfgate.test

nic(name, pip_refs) := object.union(az("azurerm_network_interface", name, {"ip_configuration": [{"name": "ip", "public_ip_address_id": null}]}), {
	"unknown": {"ip_configuration": [{"public_ip_address_id": count(pip_refs) > 0}]},
	"references": {"ip_configuration.public_ip_address_id": pip_refs},
})

vm(refs) := object.union(az("azurerm_linux_virtual_machine", "vm", {}), {"unknown": {"network_interface_ids": true}, "references": {"network_interface_ids": refs}})

test_public_nic_on_vm_denied if {
	rule.deny == {{"resource": "azurerm_network_interface.n", "message": "azurerm_network_interface.n gives azurerm_linux_virtual_machine.vm a public IP address (azurerm_public_ip.p)", "attribute": "ip_configuration[0]"}} with input as test.doc([nic("n", ["azurerm_public_ip.p"]), vm(["azurerm_network_interface.n"])])
}

test_private_nic_passes if {
	count(rule.deny) == 0 with input as test.doc([nic("n", []), vm(["azurerm_network_interface.n"])])
}

test_nic_without_vm_silent if {
	count(rule.deny) == 0 with input as test.doc([nic("n", ["azurerm_public_ip.p"])])
	count(rule.unknown) == 0 with input as test.doc([nic("n", ["azurerm_public_ip.p"])])
	count(rule.deny) == 0 with input as test.doc([nic("n", ["azurerm_public_ip.p"]), vm(["azurerm_network_interface.other"])])
}

test_undetermined_instance_indeterminate if {
	n := object.union(nic("n", ["azurerm_public_ip.p"]), {"address": "azurerm_network_interface.n[0]", "index": 0})
	count(rule.deny) == 0 with input as test.doc([n, vm(["azurerm_network_interface.n[*]"])])
	count(rule.unknown) == 1 with input as test.doc([n, vm(["azurerm_network_interface.n[*]"])])
}

test_vm_from_data_source_indeterminate if {
	count(rule.deny) == 0 with input as test.doc([nic("n", ["azurerm_public_ip.p"]), vm([])])
	count(rule.unknown) == 1 with input as test.doc([nic("n", ["azurerm_public_ip.p"]), vm([])])
}

test_scale_set_denied if {
	s := az("azurerm_linux_virtual_machine_scale_set", "ss", {"network_interface": [{"name": "nic", "ip_configuration": [{"name": "ip", "public_ip_address": [{"name": "pub"}]}]}]})
	rule.deny == {{"resource": "azurerm_linux_virtual_machine_scale_set.ss", "message": "azurerm_linux_virtual_machine_scale_set.ss gives every instance a public IP address (network_interface nic, ip_configuration ip)", "attribute": "network_interface[0].ip_configuration[0].public_ip_address"}} with input as test.doc([s])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(nic("n", ["azurerm_public_ip.p"])), vm(["azurerm_network_interface.n"])])
}
