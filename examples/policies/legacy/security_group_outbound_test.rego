package legacy.aws.security_group.outbound_test

import data.legacy.aws.security_group.outbound

test_open_is_refused {
	not outbound.result with input as {"after": {"egress": [{"cidr_blocks": ["0.0.0.0/0"]}]}}
}

test_private_is_allowed {
	outbound.result with input as {"after": {"egress": [{"cidr_blocks": ["10.0.0.0/8"]}]}}
}
