package tfgate.rules.aws.exposure.launch_template_public_ip_test

import data.tfgate.rules.aws.exposure.launch_template_public_ip as rule
import data.tfgate.test

template_res(nis) := test.res("aws_launch_template", "lt", {"name": "web", "network_interfaces": nis})

test_string_true_denied if {
	r := template_res([{"device_index": 0, "associate_public_ip_address": "true"}])
	rule.deny == {{"resource": "aws_launch_template.lt", "message": "aws_launch_template.lt assigns a public IP address to network_interfaces[0] (associate_public_ip_address = true)", "attribute": "network_interfaces[0].associate_public_ip_address"}} with input as test.doc([r])
}

test_second_interface_boolean_denied if {
	r := template_res([{"associate_public_ip_address": "false"}, {"associate_public_ip_address": true}])
	some d in rule.deny with input as test.doc([r])
	d.attribute == "network_interfaces[1].associate_public_ip_address"
	count(rule.deny) == 1 with input as test.doc([r])
}

test_false_and_unset_allowed if {
	r := template_res([{"associate_public_ip_address": "false"}, {"associate_public_ip_address": null}])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r, template_res([])])
}

test_unknown_indeterminate if {
	r := test.with_unknown(template_res([{"associate_public_ip_address": null}]), {"network_interfaces": [{"associate_public_ip_address": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
	whole := test.with_unknown(test.res("aws_launch_template", "lt", {}), {"network_interfaces": true})
	count(rule.unknown) == 1 with input as test.doc([whole])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(template_res([{"associate_public_ip_address": "true"}]))])
}

test_launch_configuration if {
	public := test.res("aws_launch_configuration", "lc", {"associate_public_ip_address": true})
	rule.deny == {{"resource": "aws_launch_configuration.lc", "message": "aws_launch_configuration.lc assigns a public IP address to every instance it launches (associate_public_ip_address = true)", "attribute": "associate_public_ip_address"}} with input as test.doc([public])
	unset := test.with_unknown(test.res("aws_launch_configuration", "lc", {}), {"associate_public_ip_address": true})
	count(rule.deny) == 0 with input as test.doc([unset])
	count(rule.unknown) == 0 with input as test.doc([unset])
	written := object.union(unset, {"references": {"associate_public_ip_address": ["aws_ssm_parameter.p"]}})
	count(rule.unknown) == 1 with input as test.doc([written])
	count(rule.deny) == 0 with input as test.doc([test.deleted(public)])
}
