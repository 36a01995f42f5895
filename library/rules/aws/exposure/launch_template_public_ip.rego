# METADATA
# title: Launch templates and configurations must not assign public IP addresses
# description: |
#   An aws_launch_template whose network_interfaces block sets
#   `associate_public_ip_address = true` gives every instance launched from
#   it (Auto Scaling groups, EKS node groups, Batch) a public IPv4 address.
#   The attribute is a string in the provider schema ("true", "false", or
#   unset); true and "true" both fail, one finding per interface. Passes when
#   "false" or unset (the subnet decides; see TFG-AWS-EXPOSURE-026).
#   Indeterminate when the value, or the network_interfaces blocks, are
#   known only after apply. The older aws_launch_configuration is judged the
#   same way on its boolean associate_public_ip_address: true fails; not
#   written (the plan shows it as known only after apply) follows the subnet
#   and is silent; written but known only after apply is indeterminate.
# custom:
#   id: TFG-AWS-EXPOSURE-027
#   severity: medium
#   family: exposure
#   resource_types: [aws_launch_template, aws_launch_configuration]
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     aws-fsbp: ["EC2.25"]
#   remediation: |
#     Set `associate_public_ip_address = false` (or remove it) in the
#     network_interfaces block (or on the launch configuration) and launch into private subnets behind a load
#     balancer or NAT gateway.
package tfgate.rules.aws.exposure.launch_template_public_ip

import data.tfgate.lib

_true_values := {true, "true"}

deny contains lib.entry(r, msg, lib.attr_path(["network_interfaces", i, "associate_public_ip_address"])) if {
	some r in lib.resources_of_type("aws_launch_template")
	some i, ni in _interfaces(r)
	is_object(ni)
	object.get(ni, "associate_public_ip_address", null) in _true_values
	msg := sprintf("%s assigns a public IP address to network_interfaces[%d] (associate_public_ip_address = true)", [r.address, i])
}

unknown contains lib.entry(r, msg, lib.attr_path(["network_interfaces", i, "associate_public_ip_address"])) if {
	some r in lib.resources_of_type("aws_launch_template")
	some i, _ in _interfaces(r)
	lib.is_unknown(r, ["network_interfaces", i, "associate_public_ip_address"])
	msg := sprintf("%s: associate_public_ip_address of network_interfaces[%d] is known only after apply", [r.address, i])
}

# The interface blocks themselves known only after apply (a dynamic block
# over values computed at apply).
unknown contains lib.entry(r, msg, "network_interfaces") if {
	some r in lib.resources_of_type("aws_launch_template")
	lib.is_unknown(r, ["network_interfaces"])
	msg := sprintf("%s: its network interfaces are known only after apply", [r.address])
}

_interfaces(r) := nis if {
	nis := object.get(lib.after(r), "network_interfaces", [])
	is_array(nis)
} else := []

# aws_launch_configuration (boolean, computed when not written).
deny contains lib.entry(r, msg, "associate_public_ip_address") if {
	some r in lib.resources_of_type("aws_launch_configuration")
	lib.is_true(r, ["associate_public_ip_address"])
	msg := sprintf("%s assigns a public IP address to every instance it launches (associate_public_ip_address = true)", [r.address])
}

unknown contains lib.entry(r, msg, "associate_public_ip_address") if {
	some r in lib.resources_of_type("aws_launch_configuration")
	lib.is_unknown(r, ["associate_public_ip_address"])
	not _unset(r)
	msg := sprintf("%s: associate_public_ip_address is known only after apply", [r.address])
}

# _unset(r): associate_public_ip_address is not written: the resource's
# location lists the attributes written; without a location, an unknown
# value that refers to nothing is taken as unset.
_unset(r) if {
	attrs := _written(r)
	not attrs.associate_public_ip_address
}

_unset(r) if {
	not _written(r)
	count(lib.references(r, "associate_public_ip_address")) == 0
}

_written(r) := attrs if {
	loc := object.get(r, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
}
