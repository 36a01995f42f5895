# METADATA
# title: Subnets must not assign public IP addresses on launch
# description: |
#   A subnet with `map_public_ip_on_launch = true` gives every instance and
#   network interface launched in it a public IPv4 address unless the
#   launch says otherwise, so instances become internet-facing by default.
#   Fails when map_public_ip_on_launch is true; passes when false or unset
#   (the provider default is false). Indeterminate when the value is known
#   only after apply. Public subnets do not need it: load balancers and NAT
#   gateways get their addresses on their own.
# custom:
#   id: TFG-AWS-EXPOSURE-026
#   severity: medium
#   family: exposure
#   resource_types: [aws_subnet]
#   frameworks:
#     nist-800-53: ["AC-4", "SC-7"]
#     aws-fsbp: ["EC2.15"]
#   remediation: |
#     Set `map_public_ip_on_launch = false` (or remove it) and give public
#     addresses only where they are meant: an aws_eip, or
#     associate_public_ip_address on the few instances that need one.
package tfgate.rules.aws.exposure.subnet_public_ip

import data.tfgate.lib

deny contains lib.entry(r, msg, "map_public_ip_on_launch") if {
	some r in lib.resources_of_type("aws_subnet")
	lib.is_true(r, ["map_public_ip_on_launch"])
	msg := sprintf("%s assigns a public IP address to everything launched in it (map_public_ip_on_launch = true)", [r.address])
}

unknown contains lib.entry(r, msg, "map_public_ip_on_launch") if {
	some r in lib.resources_of_type("aws_subnet")
	lib.is_unknown(r, ["map_public_ip_on_launch"])
	msg := sprintf("%s: map_public_ip_on_launch is known only after apply", [r.address])
}
