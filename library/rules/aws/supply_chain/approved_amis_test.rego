package tfgate.rules.aws.supply_chain.approved_amis_test

import data.tfgate.rules.aws.supply_chain.approved_amis as rule
import data.tfgate.test

on := {"allowed_amis": ["ami-0a1b2c3d4e5f60718", "ami-0abc*"]}

test_unapproved_template_denied if {
	r := test.res("aws_launch_template", "lt", {"image_id": "ami-0ffffffffffffffff"})
	rule.deny == {{"resource": "aws_launch_template.lt", "message": "aws_launch_template.lt boots from ami-0ffffffffffffffff, which is not an approved AMI (allowed: ami-0a1b2c3d4e5f60718, ami-0abc*)", "attribute": "image_id"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_approved_allowed if {
	docs := test.doc([
		test.res("aws_instance", "a", {"ami": "ami-0a1b2c3d4e5f60718"}),
		test.res("aws_instance", "b", {"ami": "ami-0abc123"}),
		test.res("aws_launch_template", "none", {"image_id": null}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_instance", "a", {}), {"ami": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
	lt := test.with_unknown(test.res("aws_instance", "a", {"launch_template": [{"id": "lt-1"}]}), {"ami": true})
	count(rule.unknown) == 0 with input as test.doc([lt]) with data.tfgate.params as on
}

test_eks_ami_types if {
	params := object.union(on, {"allowed_eks_ami_types": ["BOTTLEROCKET_x86_64"]})
	al2 := test.res("aws_eks_node_group", "ng", {"ami_type": "AL2_x86_64"})
	custom := test.res("aws_eks_node_group", "custom", {"ami_type": "CUSTOM"})
	br := test.res("aws_eks_node_group", "br", {"ami_type": "BOTTLEROCKET_x86_64"})
	{d.resource | some d in rule.deny} == {"aws_eks_node_group.ng"} with input as test.doc([al2, custom, br]) with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([al2]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_instance", "a", {"ami": "ami-0ffffffffffffffff"}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_instance", "a", {"ami": "ami-0ffffffffffffffff"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"allowed_eks_ami_types": ["AL2_x86_64"]}
}

test_scope if {
	r := test.res("aws_instance", "a", {"ami": "ami-0ffffffffffffffff", "tags": {"Environment": "dev"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as object.union(on, {"guardrail_scope_tags": {"Environment": "prod"}})
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as object.union(on, {"guardrail_scope_tags": {"Environment": ["prod", "dev"]}})
}
