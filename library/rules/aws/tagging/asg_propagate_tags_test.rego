package tfgate.rules.aws.tagging.asg_propagate_tags_test

import data.tfgate.rules.aws.tagging.asg_propagate_tags as rule
import data.tfgate.test

params := {"required_tags": ["Owner", "CostCenter"]}

blk(k, p) := {"key": k, "value": "v", "propagate_at_launch": p}

# A group launching from the template lt (in the plan when given).
asg(name, blocks) := object.union(
	test.res("aws_autoscaling_group", name, {"tag": blocks, "launch_template": [{"id": null, "version": "$Latest"}]}),
	{"references": {"launch_template.id": ["aws_launch_template.lt"]}},
)

template(tags) := test.res("aws_launch_template", "lt", {"tag_specifications": [{"resource_type": "instance", "tags": tags}]})

test_not_propagated_denied if {
	r := asg("g", [blk("Owner", true), blk("CostCenter", false)])
	got := rule.deny with input as test.doc([r, template({})]) with data.tfgate.params as params
	got == {{
		"resource": "aws_autoscaling_group.g",
		"message": "aws_autoscaling_group.g does not propagate required tag(s) CostCenter to the instances it launches (propagate_at_launch = false), and its launch template does not tag instances with them",
		"attribute": "tag",
	}}
}

test_propagated_allowed if {
	r := asg("g", [blk("Owner", true), blk("CostCenter", true), blk("Internal", false)])
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
}

test_missing_key_is_not_this_rule if {
	r := asg("g", [blk("Owner", true)])
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
}

test_launch_template_supplies_key if {
	r := asg("g", [blk("Owner", true), blk("CostCenter", false)])
	count(rule.deny) == 0 with input as test.doc([r, template({"CostCenter": "1"})]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r, template({"CostCenter": "1"})]) with data.tfgate.params as params
}

test_launch_template_unknown_value_supplies_key if {
	t := test.with_unknown(template({}), {"tag_specifications": [{"tags": {"CostCenter": true}}]})
	r := asg("g", [blk("Owner", true), blk("CostCenter", false)])
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_launch_template_outside_plan_indeterminate if {
	r := object.union(asg("g", [blk("Owner", true), blk("CostCenter", false)]), {"references": {}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_launch_template_from_data_source_indeterminate if {
	r := object.union(asg("g", [blk("CostCenter", false)]), {"references": {"launch_template.id": ["data.aws_launch_template.x"]}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_launch_template_tags_unknown_indeterminate if {
	t := test.with_unknown(template({}), {"tag_specifications": [{"tags": true}]})
	r := asg("g", [blk("CostCenter", false)])
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_undetermined_instance_reference_any_candidate_supplies if {
	t0 := object.union(template({"CostCenter": "1"}), {"address": "aws_launch_template.lt[0]", "index": 0})
	t1 := object.union(template({}), {"address": "aws_launch_template.lt[1]", "index": 1})
	r := object.union(asg("g", [blk("CostCenter", false)]), {"references": {"launch_template.id": ["aws_launch_template.lt[*]"]}})
	count(rule.deny) == 0 with input as test.doc([r, t0, t1]) with data.tfgate.params as params
	count(rule.deny) == 1 with input as test.doc([r, t1]) with data.tfgate.params as params
}

test_launch_configuration_denied if {
	r := test.res("aws_autoscaling_group", "g", {"tag": [blk("CostCenter", false)], "launch_configuration": "lc", "launch_template": []})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as params
	[e] := [e | some e in got]
	endswith(e.message, "it uses a launch configuration, which cannot tag instances")
}

test_unknown_propagate_indeterminate if {
	r := asg("g", [{"key": "CostCenter", "value": "v", "propagate_at_launch": null}])
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
	got := rule.unknown with input as test.doc([r, template({})]) with data.tfgate.params as params
	got == {{
		"resource": "aws_autoscaling_group.g",
		"message": "aws_autoscaling_group.g: whether required tag(s) CostCenter propagate to the instances it launches is known only after apply",
		"attribute": "tag",
	}}
}

test_case_insensitive_and_map_param if {
	r := asg("g", [blk("costcenter", false)])
	p := {"required_tags": {"CostCenter": "^cc-"}, "required_tags_case_insensitive": true}
	got := rule.deny with input as test.doc([r, template({})]) with data.tfgate.params as p
	count(got) == 1
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as {"required_tags": {"CostCenter": "^cc-"}}
}

test_unknown_blocks_silent if {
	r := test.with_unknown(asg("g", []), {"tag": true})
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(asg("g", [blk("CostCenter", false)]))
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := asg("g", [blk("CostCenter", false)])
	count(rule.deny) == 0 with input as test.doc([r, template({})]) with data.tfgate.params as {}
}

test_case_insensitive_duplicate_required_keys_no_conflict if {
	r := asg("g", [blk("COSTCENTER", false)])
	p := {"required_tags": ["CostCenter", "costcenter"], "required_tags_case_insensitive": true}
	got := rule.deny with input as test.doc([r, template({})]) with data.tfgate.params as p
	count(got) == 1
}
