# METADATA
# title: EC2 instances must not be given a public IP address
# description: |
#   An aws_instance with `associate_public_ip_address = true` gets a public
#   IPv4 address and is reachable from the internet wherever its security
#   groups allow. Fails when the attribute is true; passes when false.
#   When it is not written, the instance follows its subnet's
#   map_public_ip_on_launch, which TFG-AWS-EXPOSURE-026 checks on the
#   subnet: silent here (the plan shows the value as known only after
#   apply). Written but known only after apply: indeterminate. Whether the
#   attribute is written is read from the resource's source location;
#   without one (a plan whose .tf files were not found) an unknown value
#   that refers to nothing is taken as unset. Elastic IPs (aws_eip) are not
#   judged: they are deliberate.
# custom:
#   id: TFG-AWS-EXPOSURE-025
#   severity: medium
#   family: exposure
#   resource_types: [aws_instance]
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     aws-fsbp: ["EC2.9"]
#   remediation: |
#     Set `associate_public_ip_address = false`, launch the instance in a
#     private subnet, and expose services through a load balancer; reach
#     the instance with SSM Session Manager instead of SSH from the
#     internet.
package tfgate.rules.aws.exposure.instance_public_ip

import data.tfgate.lib

deny contains lib.entry(r, msg, "associate_public_ip_address") if {
	some r in lib.resources_of_type("aws_instance")
	lib.is_true(r, ["associate_public_ip_address"])
	msg := sprintf("%s is given a public IP address (associate_public_ip_address = true)", [r.address])
}

unknown contains lib.entry(r, msg, "associate_public_ip_address") if {
	some r in lib.resources_of_type("aws_instance")
	lib.is_unknown(r, ["associate_public_ip_address"])
	not _unset(r)
	msg := sprintf("%s: associate_public_ip_address is known only after apply", [r.address])
}

# _unset(r): associate_public_ip_address is not written (see description).
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
