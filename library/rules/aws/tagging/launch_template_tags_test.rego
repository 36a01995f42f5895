package tfgate.rules.aws.tagging.launch_template_tags_test

import data.tfgate.rules.aws.tagging.launch_template_tags as rule
import data.tfgate.test

params := {"required_tags": ["Owner", "CostCenter"]}

patterns := {"required_tags": {"Owner": ".+", "Environment": "^(dev|staging|prod)$"}}

template(specs) := test.res("aws_launch_template", "t", {"name": "t", "tag_specifications": specs})

test_missing_key_denied if {
	r := template([
		{"resource_type": "instance", "tags": {"Owner": "a", "CostCenter": "1"}},
		{"resource_type": "volume", "tags": {"Owner": "a"}},
	])
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as params
	got == {{
		"resource": "aws_launch_template.t",
		"message": "aws_launch_template.t tag_specifications[1] (volume) is missing required tag(s) CostCenter",
		"attribute": "tag_specifications[1]",
	}}
}

test_complete_allowed if {
	r := template([
		{"resource_type": "instance", "tags": {"Owner": "a", "CostCenter": "1"}},
		{"resource_type": "volume", "tags": {"Owner": "b", "CostCenter": "2"}},
	])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_other_resource_types_and_no_specs_not_checked if {
	r := template([{"resource_type": "network-interface", "tags": {}}])
	r2 := test.res("aws_launch_template", "u", {"name": "u", "tag_specifications": []})
	count(rule.deny) == 0 with input as test.doc([r, r2]) with data.tfgate.params as params
}

test_null_tags_denied if {
	r := template([{"resource_type": "instance", "tags": null}])
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_pattern_mismatch_denied if {
	r := template([{"resource_type": "instance", "tags": {"Owner": "a", "Environment": "production"}}])
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_launch_template.t",
		"message": `aws_launch_template.t tag_specifications[0] (instance) tag Environment is "production", which does not match the required pattern ^(dev|staging|prod)$`,
		"attribute": "tag_specifications[0].tags.Environment",
	}}
}

test_unknown_value_present_but_pattern_indeterminate if {
	r := test.with_unknown(
		template([{"resource_type": "instance", "tags": {"Environment": "dev"}}]),
		{"tag_specifications": [{"tags": {"Owner": true}}]},
	)
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"required_tags": ["Owner", "Environment"]}
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as {"required_tags": ["Owner", "Environment"]}
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
	got := rule.unknown with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_launch_template.t",
		"message": "aws_launch_template.t tag_specifications[0] (instance): tag Owner is known only after apply; whether it matches the required pattern .+ is indeterminate",
		"attribute": "tag_specifications[0].tags.Owner",
	}}
}

test_sensitive_value_indeterminate if {
	r := template([{"resource_type": "instance", "tags": {"Owner": "(sensitive)", "Environment": "dev"}}])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as patterns
}

test_unknown_tags_indeterminate if {
	r := test.with_unknown(template([{"resource_type": "instance"}]), {"tag_specifications": [{"tags": true}]})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	got := rule.unknown with input as test.doc([r]) with data.tfgate.params as params
	got == {{"resource": "aws_launch_template.t", "message": "aws_launch_template.t tag_specifications[0]: its tags are known only after apply", "attribute": "tag_specifications[0]"}}
}

test_unknown_blocks_indeterminate if {
	r := test.with_unknown(test.res("aws_launch_template", "t", {"name": "t"}), {"tag_specifications": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_resource_type_indeterminate if {
	r := test.with_unknown(template([{"tags": {"Owner": "a"}}]), {"tag_specifications": [{"resource_type": true}]})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_case_insensitive_keys if {
	r := template([{"resource_type": "instance", "tags": {"owner": "a", "costcenter": "1"}}])
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as params
	p := object.union(params, {"required_tags_case_insensitive": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as p
}

test_deleted_not_checked if {
	r := test.deleted(template([{"resource_type": "instance", "tags": {}}]))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := template([{"resource_type": "instance", "tags": {}}])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {}
	r2 := test.with_unknown(test.res("aws_launch_template", "t", {"name": "t"}), {"tag_specifications": true})
	count(rule.unknown) == 0 with input as test.doc([r2]) with data.tfgate.params as {}
}
