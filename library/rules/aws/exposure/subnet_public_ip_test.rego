package tfgate.rules.aws.exposure.subnet_public_ip_test

import data.tfgate.rules.aws.exposure.subnet_public_ip as rule
import data.tfgate.test

test_public_subnet_denied if {
	r := test.res("aws_subnet", "pub", {"map_public_ip_on_launch": true})
	rule.deny == {{"resource": "aws_subnet.pub", "message": "aws_subnet.pub assigns a public IP address to everything launched in it (map_public_ip_on_launch = true)", "attribute": "map_public_ip_on_launch"}} with input as test.doc([r])
}

test_private_subnet_allowed if {
	a := test.res("aws_subnet", "a", {"map_public_ip_on_launch": false})
	b := test.res("aws_subnet", "b", {})
	count(rule.deny) == 0 with input as test.doc([a, b])
	count(rule.unknown) == 0 with input as test.doc([a, b])
}

test_unknown_indeterminate if {
	r := test.with_unknown(test.res("aws_subnet", "pub", {}), {"map_public_ip_on_launch": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_subnet", "pub", {"map_public_ip_on_launch": true}))
	count(rule.deny) == 0 with input as test.doc([r])
}
