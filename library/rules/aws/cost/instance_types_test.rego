package tfgate.rules.aws.cost.instance_types_test

import data.tfgate.rules.aws.cost.instance_types as rule
import data.tfgate.test

on := {"allowed_instance_types": ["t3.*", "m6i.large"]}

test_disallowed_instance_denied if {
	r := test.res("aws_instance", "big", {"instance_type": "x1e.32xlarge"})
	rule.deny == {{"resource": "aws_instance.big", "message": "aws_instance.big uses instance type x1e.32xlarge, which is not allowed (allowed: t3.*, m6i.large)", "attribute": "instance_type"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_allowed_types if {
	docs := test.doc([
		test.res("aws_instance", "a", {"instance_type": "t3.micro"}),
		test.res("aws_launch_template", "lt", {"instance_type": "m6i.large"}),
		test.res("aws_launch_template", "none", {"instance_type": null}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_glob_does_not_allow_neighbours if {
	r := test.res("aws_instance", "a", {"instance_type": "m6i.xlarge"})
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as on
	t3a := test.res("aws_instance", "a", {"instance_type": "t3a.micro"})
	count(rule.deny) == 1 with input as test.doc([t3a]) with data.tfgate.params as on
	count(rule.deny) == 0 with input as test.doc([t3a]) with data.tfgate.params as {"allowed_instance_types": ["t3*"]}
}

test_node_group_and_asg_overrides if {
	ng := test.res("aws_eks_node_group", "ng", {"instance_types": ["t3.large", "c5.large"]})
	asg := test.res("aws_autoscaling_group", "g", {"mixed_instances_policy": [{"launch_template": [{"override": [{"instance_type": "t3.small"}, {"instance_type": "r5.large"}]}]}]})
	{d.attribute | some d in rule.deny} == {"instance_types[1]", "mixed_instances_policy[0].launch_template[0].override[1].instance_type"} with input as test.doc([ng, asg])
		with data.tfgate.params as on
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_instance", "a", {"instance_type": null}), {"instance_type": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
	from_lt := test.with_unknown(test.res("aws_instance", "a", {"instance_type": null, "launch_template": [{"name": "x"}]}), {"instance_type": true})
	count(rule.unknown) == 0 with input as test.doc([from_lt]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_instance", "big", {"instance_type": "x1e.32xlarge"}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_instance", "big", {"instance_type": "x1e.32xlarge"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"allowed_instance_types": []}
}
