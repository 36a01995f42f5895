# A conftest policy over `terraform show -json`, unchanged: run it with
# `conftest test plan.json -p conftest/` or, with tfgate, from a policy
# directory whose input is plan-json.
package main

import rego.v1

open_cidrs := {"0.0.0.0/0", "::/0"}

deny contains msg if {
	some rc in input.resource_changes
	rc.type == "aws_security_group"
	not "delete" in rc.change.actions
	some rule in rc.change.after.egress
	some cidr in array.concat(rule.cidr_blocks, rule.ipv6_cidr_blocks)
	cidr in open_cidrs
	msg := sprintf("%s: egress to %s", [rc.address, cidr])
}

warn contains msg if {
	some rc in input.resource_changes
	"delete" in rc.change.actions
	msg := sprintf("%s will be destroyed", [rc.address])
}
