package main

import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

deny contains msg if {
	some rc in input.resource_changes
	rc.type == "aws_security_group"
	some e in rc.change.after.egress
	some c in array.concat(e.cidr_blocks, e.ipv6_cidr_blocks)
	c in open_cidrs
	msg := sprintf("%s: egress to %s", [rc.address, c])
}

warn contains {"msg": "plan deletes resources", "details": {"count": n}} if {
	n := count([rc | some rc in input.resource_changes; "delete" in rc.change.actions])
	n > 0
}

violation contains {"msg": sprintf("plan made by Terraform %s", [input.terraform_version])} if {
	not startswith(input.terraform_version, "1.")
}
