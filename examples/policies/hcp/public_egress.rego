# An HCP Terraform OPA policy, unchanged: HCP Terraform gives the plan as
# input.plan. Load its directory with `input: hcp-terraform`.
package terraform.policies.public_egress

import rego.v1

deny contains msg if {
	some rc in input.plan.resource_changes
	rc.type == "aws_vpc_security_group_egress_rule"
	rc.change.after.cidr_ipv6 == "::/0"
	msg := sprintf("%s allows egress to ::/0", [rc.address])
}
