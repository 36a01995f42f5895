package main

import rego.v1

plan(egress, actions) := {"resource_changes": [{
	"address": "aws_security_group.x",
	"type": "aws_security_group",
	"change": {"actions": actions, "after": {"egress": egress}},
}]}

test_open_egress_is_denied if {
	deny == {"aws_security_group.x: egress to 0.0.0.0/0"} with input as plan([{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}], ["create"])
}

test_private_egress_is_allowed if {
	count(deny) == 0 with input as plan([{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": []}], ["create"])
}

test_destroy_warns if {
	warn == {"aws_security_group.x will be destroyed"} with input as plan([], ["delete"])
}
