# The seed example of tfgate's issue 8, kept in Rego v0 syntax (load this
# directory with `rego_version: v0` or --rego-v0), adapted to tfgate's
# resource document: `input.after.egress[_].cidr_blocks` instead of the
# cloud API's `Input.IpPermissionsEgress[_].IpRanges`. No METADATA: tfgate
# derives the id CUSTOM-LEGACY-AWS-SECURITY-GROUP-OUTBOUND and severity
# medium, and says so in a notice.
package legacy.aws.security_group.outbound

import future.keywords

resource_types := {"aws_security_group"}

default result = true

ips := ["0.0.0.0/0"]

result = false {
	permission := input.after.egress[_]
	unrestrictedDestinationIPs(permission.cidr_blocks)
}

unrestrictedDestinationIPs(ip_ranges) = true {
	ip_ranges[_] == ips[_]
}
