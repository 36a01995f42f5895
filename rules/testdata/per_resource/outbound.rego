# METADATA
# title: Security groups must not allow egress to the whole internet
# custom:
#   id: ACME-SG-001
#   severity: high
#   resource_types: [aws_security_group]
package aws.security_group.outbound

default result := true

ips := ["0.0.0.0/0", "::/0"]

result := false if {
	some permission in input.after.egress
	unrestricted_destination(permission)
}

unrestricted_destination(p) if p.cidr_blocks[_] == ips[_]

unrestricted_destination(p) if p.ipv6_cidr_blocks[_] == ips[_]

message := sprintf("%s allows egress to the whole internet", [input.address])
