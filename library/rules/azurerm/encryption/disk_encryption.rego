# METADATA
# title: Managed disks and virtual machines must use disk encryption sets or encryption at host
# description: |
#   Azure encrypts every managed disk at rest with platform-managed keys;
#   this rule asks for more: a customer-managed key through a disk
#   encryption set, or encryption at host (which also encrypts the temporary
#   disk and the disk caches on the VM host).
#
#   - azurerm_managed_disk passes with `disk_encryption_set_id` or
#     `secure_vm_disk_encryption_set_id`, with an `encryption_settings`
#     block (Azure Disk Encryption), or when an
#     azurerm_virtual_machine_data_disk_attachment attaches it to a virtual
#     machine of the change that sets `encryption_at_host_enabled = true`.
#   - azurerm_linux_virtual_machine, azurerm_windows_virtual_machine and
#     their scale sets (azurerm_linux_virtual_machine_scale_set,
#     azurerm_windows_virtual_machine_scale_set) pass with
#     `encryption_at_host_enabled = true` or an `os_disk` with
#     `disk_encryption_set_id` or `secure_vm_disk_encryption_set_id`.
#
#   An id set by a reference (known only after apply) counts as set.
#   Indeterminate: `encryption_at_host_enabled` written with a value known
#   only after apply. The legacy azurerm_virtual_machine (removed in azurerm
#   4.x) is not checked.
# custom:
#   id: TFG-AZURE-ENC-005
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_managed_disk, azurerm_virtual_machine_data_disk_attachment, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["7.3", "7.4"]
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Create an azurerm_disk_encryption_set with a Key Vault key and set
#     `disk_encryption_set_id` on the disk (or the VM's `os_disk`), or set
#     `encryption_at_host_enabled = true` on the virtual machine (the
#     EncryptionAtHost feature must be registered on the subscription).
package tfgate.rules.azurerm.encryption.disk_encryption

import data.tfgate.lib

vm_types := [
	"azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine",
	"azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
]

_vms := lib.azure_resources(vm_types)

_host(r) if lib.is_true(r, ["encryption_at_host_enabled"])

_des(r, prefix) if {
	some a in ["disk_encryption_set_id", "secure_vm_disk_encryption_set_id"]
	lib.azure_is_set(r, array.concat(prefix, [a]))
}

# Addresses (and addresses without index) of VMs with encryption at host.
_host_vm_keys := {k |
	some vm in _vms
	_host(vm)
	some k in {vm.address, lib.base_address(vm.address)}
}

# Link keys of the disks attached to those VMs, built once.
host_disk_keys := {k |
	some a in lib.resources_of_type("azurerm_virtual_machine_data_disk_attachment")
	some ref in lib.references(a, "virtual_machine_id")
	ref in _host_vm_keys
	some k in lib.link_keys(a, "managed_disk_id")
}

_disk_ok(d) if _des(d, [])

_disk_ok(d) if lib.azure_is_set(d, ["encryption_settings", 0])

_disk_ok(d) if lib.linked(host_disk_keys, d, ["id"])

deny contains lib.entry(d, msg, "") if {
	some d in lib.resources_of_type("azurerm_managed_disk")
	not _disk_ok(d)
	not lib.azure_undetermined(d, ["encryption_settings"])
	msg := sprintf("%s uses only platform-managed keys: set disk_encryption_set_id, or attach it to a VM with encryption_at_host_enabled", [d.address])
}

deny contains lib.entry(vm, msg, _vm_attr(vm)) if {
	some vm in _vms
	not _host(vm)
	not _des(vm, ["os_disk", 0])
	not lib.azure_undetermined(vm, ["encryption_at_host_enabled"])
	msg := sprintf("%s has neither encryption at host nor a disk encryption set on its OS disk", [vm.address])
}

_vm_attr(vm) := "encryption_at_host_enabled" if object.get(lib.after(vm), "encryption_at_host_enabled", null) != null

else := ""

unknown contains lib.entry(vm, msg, "encryption_at_host_enabled") if {
	some vm in _vms
	not _des(vm, ["os_disk", 0])
	lib.azure_undetermined(vm, ["encryption_at_host_enabled"])
	msg := sprintf("%s: whether it uses encryption at host is known only after apply", [vm.address])
}
