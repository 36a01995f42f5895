# METADATA
# title: Virtual machines must not have public IP addresses
# description: |
#   Virtual machines must be reached through a load balancer, Azure Bastion
#   or a VPN, not over an address of their own on the internet.
#
#   - An azurerm_network_interface with an `ip_configuration` whose
#     `public_ip_address_id` is set (a known id, or a reference to an
#     azurerm_public_ip) fails when a virtual machine of the change
#     (azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, or
#     the legacy azurerm_virtual_machine) lists it in
#     `network_interface_ids` (by reference or by its known id). The finding
#     is on the network interface's ip_configuration and names the VM. A
#     network interface no VM of the change uses (a load balancer's, a
#     firewall's, or one a VM elsewhere attaches) is not reported.
#   - A virtual machine scale set (azurerm_linux_virtual_machine_scale_set,
#     azurerm_windows_virtual_machine_scale_set) fails when an
#     `ip_configuration` of a `network_interface` has a `public_ip_address`
#     block: every instance gets a public address.
#
#   Indeterminate: the public IP id written with a value known only after
#   apply (no reference), or which network interfaces a VM uses is known
#   only after apply (a reference whose instance is undetermined, or ids
#   from a data source).
# custom:
#   id: TFG-AZURE-EXPOSURE-005
#   severity: high
#   family: exposure
#   resource_types: [azurerm_network_interface, azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_windows_virtual_machine_scale_set]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["6.7"]
#     nist-800-53: ["SC-7", "AC-17"]
#   remediation: |
#     Remove `public_ip_address_id` from the network interface; reach the
#     VM through Azure Bastion, a VPN gateway, or a load balancer or NAT
#     gateway for outbound traffic.
package tfgate.rules.azurerm.exposure.vm_public_ip

import data.tfgate.lib

vm_types := ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine"]

_vms := lib.azure_resources(vm_types)

_nic_keys(vm) := {k | some k in lib.references(vm, "network_interface_ids")} | {concat("", ["=", id]) |
	some id in object.get(lib.after(vm), "network_interface_ids", [])
	is_string(id)
}

# {link key: {VM addresses}}, built once.
vm_by_key := {k: vms |
	some k in {k2 | some vm in _vms; some k2 in _nic_keys(vm)}
	vms := {vm.address | some vm in _vms; k in _nic_keys(vm)}
}

# A VM whose network interfaces are named only by values known after apply.
_unjoined_vm if {
	some vm in _vms
	count(lib.references(vm, "network_interface_ids")) == 0
	lib.unknown_within(vm, ["network_interface_ids"])
}

_vms_of(nic) := {a |
	some k in _own_keys(nic)
	some a in object.get(vm_by_key, k, set())
}

_own_keys(nic) := {nic.address, lib.base_address(nic.address)} | {concat("", ["=", id]) |
	id := object.get(lib.after(nic), "id", null)
	is_string(id)
}

_maybe_attached(nic) if object.get(vm_by_key, concat("", [lib.base_address(nic.address), "[*]"]), null) != null

_maybe_attached(_) if _unjoined_vm

_public_configs(nic) := [[i, path] |
	some i, _ in object.get(lib.after(nic), "ip_configuration", [])
	path := ["ip_configuration", i, "public_ip_address_id"]
	lib.azure_is_set(nic, path)
]

_open_configs(nic) := [[i, path] |
	some i, _ in object.get(lib.after(nic), "ip_configuration", [])
	path := ["ip_configuration", i, "public_ip_address_id"]
	not lib.azure_is_set(nic, path)
	lib.azure_undetermined(nic, path)
]

_pip(nic, path) := concat(", ", refs) if {
	refs := lib.references(nic, "ip_configuration.public_ip_address_id")
	count(refs) > 0
} else := object.get(lib.after(nic), path, "")

# _attribute: the public_ip_address_id when its value is known; the
# ip_configuration block when it is a reference to an address created with
# the change (the verdict rests on the reference, not on the unknown id).
_attribute(nic, i, path) := lib.attr_path(path) if lib.has_value(nic, path)

else := lib.attr_path(["ip_configuration", i])

deny contains lib.entry(nic, msg, _attribute(nic, i, path)) if {
	some nic in lib.resources_of_type("azurerm_network_interface")
	vms := _vms_of(nic)
	count(vms) > 0
	some [i, path] in _public_configs(nic)
	msg := sprintf("%s gives %s a public IP address (%s)", [nic.address, concat(", ", sort(vms)), _pip(nic, path)])
}

unknown contains lib.entry(nic, msg, _attribute(nic, i, path)) if {
	some nic in lib.resources_of_type("azurerm_network_interface")
	count(_vms_of(nic)) == 0
	_maybe_attached(nic)
	some [i, path] in _public_configs(nic)
	msg := sprintf("%s has a public IP address; whether a virtual machine of this change uses it is known only after apply", [nic.address])
}

unknown contains lib.entry(nic, msg, lib.attr_path(path)) if {
	some nic in lib.resources_of_type("azurerm_network_interface")
	_attached_or_maybe(nic)
	some [_, path] in _open_configs(nic)
	msg := sprintf("%s: whether it has a public IP address is known only after apply", [nic.address])
}

_attached_or_maybe(nic) if count(_vms_of(nic)) > 0

_attached_or_maybe(nic) if _maybe_attached(nic)

# Scale sets: a public_ip_address block in an ip_configuration.
vmss_types := ["azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set"]

deny contains lib.entry(r, msg, lib.attr_path(["network_interface", i, "ip_configuration", j, "public_ip_address"])) if {
	some r in lib.azure_resources(vmss_types)
	some i, n in object.get(lib.after(r), "network_interface", [])
	some j, c in object.get(n, "ip_configuration", [])
	count(object.get(c, "public_ip_address", [])) > 0
	msg := sprintf("%s gives every instance a public IP address (network_interface %s, ip_configuration %s)", [r.address, object.get(n, "name", i), object.get(c, "name", j)])
}
