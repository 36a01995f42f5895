package tfgate.rules.azurerm.encryption.disk_encryption_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.encryption.disk_encryption as rule
import data.tfgate.test

disk(name, after) := az("azurerm_managed_disk", name, after)

vm(name, after) := az("azurerm_linux_virtual_machine", name, after)

attach(disk_ref, vm_ref) := object.union(az("azurerm_virtual_machine_data_disk_attachment", "a", {}), {"references": {"managed_disk_id": [disk_ref], "virtual_machine_id": [vm_ref]}})

test_plain_disk_denied if {
	rule.deny == {{"resource": "azurerm_managed_disk.d", "message": "azurerm_managed_disk.d uses only platform-managed keys: set disk_encryption_set_id, or attach it to a VM with encryption_at_host_enabled", "attribute": ""}} with input as test.doc([disk("d", {})])
}

test_disk_with_des_passes if {
	count(rule.deny) == 0 with input as test.doc([disk("d", {"disk_encryption_set_id": "/x/des"})])
	r := object.union(test.with_unknown(disk("d", {}), {"disk_encryption_set_id": true}), {"references": {"disk_encryption_set_id": ["azurerm_disk_encryption_set.des"]}})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_disk_attached_to_host_encrypted_vm_passes if {
	v := vm("vm", {"encryption_at_host_enabled": true})
	count(rule.deny) == 0 with input as test.doc([disk("d", {}), v, attach("azurerm_managed_disk.d", "azurerm_linux_virtual_machine.vm")])
}

test_disk_attached_to_plain_vm_denied if {
	v := vm("vm", {"os_disk": [{"disk_encryption_set_id": "/x/des"}]})
	rule.deny == {{"resource": "azurerm_managed_disk.d", "message": "azurerm_managed_disk.d uses only platform-managed keys: set disk_encryption_set_id, or attach it to a VM with encryption_at_host_enabled", "attribute": ""}} with input as test.doc([disk("d", {}), v, attach("azurerm_managed_disk.d", "azurerm_linux_virtual_machine.vm")])
}

test_vm_denied if {
	rule.deny == {{"resource": "azurerm_linux_virtual_machine.vm", "message": "azurerm_linux_virtual_machine.vm has neither encryption at host nor a disk encryption set on its OS disk", "attribute": "encryption_at_host_enabled"}} with input as test.doc([vm("vm", {"encryption_at_host_enabled": false, "os_disk": [{"caching": "ReadWrite"}]})])
}

test_vm_host_encryption_passes if {
	count(rule.deny) == 0 with input as test.doc([vm("vm", {"encryption_at_host_enabled": true})])
}

test_vm_unknown_indeterminate if {
	r := object.union(test.with_unknown(vm("vm", {}), {"encryption_at_host_enabled": true}), {"references": {"encryption_at_host_enabled": ["azurerm_x.y"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(disk("d", {})), test.deleted(vm("vm", {}))])
}
