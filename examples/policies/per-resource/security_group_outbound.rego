# METADATA
# title: Security groups must not allow egress to the whole internet
# description: |
#   The per-resource style of cloud-security tools: tfgate evaluates this
#   package once per aws_security_group, with that resource (as `tfgate
#   inspect` prints it) as input. Fails when an egress block allows
#   0.0.0.0/0 or ::/0. Indeterminate when the egress blocks are known only
#   after apply.
# custom:
#   id: ACME-SG-001
#   severity: high
#   family: egress
#   resource_types: [aws_security_group]
#   remediation: Allow egress only to the ranges the workload needs.
package acme.aws.security_group.outbound

default result := true

open := {"0.0.0.0/0", "::/0"}

result := false if {
	some permission in input.after.egress
	unrestricted_destination(permission)
}

unrestricted_destination(p) if {
	some cidr in p.cidr_blocks
	cidr in open
}

unrestricted_destination(p) if {
	some cidr in p.ipv6_cidr_blocks
	cidr in open
}

message := sprintf("%s allows egress to the whole internet", [input.address])
