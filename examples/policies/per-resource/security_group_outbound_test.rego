package acme.aws.security_group.outbound_test

import data.acme.aws.security_group.outbound as policy

sg(egress) := {"address": "aws_security_group.x", "type": "aws_security_group", "after": {"egress": egress}}

test_open_v4_is_refused if {
	not policy.result with input as sg([{"cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []}])
}

test_open_v6_is_refused if {
	not policy.result with input as sg([{"cidr_blocks": [], "ipv6_cidr_blocks": ["::/0"]}])
}

test_private_is_allowed if {
	policy.result with input as sg([{"cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": []}])
}

test_message_names_the_resource if {
	policy.message == "aws_security_group.x allows egress to the whole internet" with input as sg([])
}
