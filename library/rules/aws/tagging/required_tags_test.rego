package tfgate.rules.aws.tagging.required_tags_test

import data.tfgate.rules.aws.tagging.required_tags as rule
import data.tfgate.test

params := {"required_tags": ["Owner", "CostCenter"]}

test_missing_tags_denied if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as params
	got == {{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b is missing required tag(s) CostCenter", "attribute": "tags"}}
}

test_all_tags_present_allowed if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a", "CostCenter": "1"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_tag_value_counts_as_present if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": null, "CostCenter": "1"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_type_without_tags_never_reported if {
	r := test.res("aws_s3_bucket_public_access_block", "b", {"block_public_acls": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_tags_are_silent if {
	r := test.with_unknown(test.res("aws_s3_bucket", "b", {}), {"tags_all": true})
	r2 := object.union(r, {"tags": null})
	count(rule.deny) == 0 with input as test.doc([r2]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r2]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_s3_bucket", "b", {"tags": {}}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := test.res("aws_s3_bucket", "b", {"tags": {}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {}
}

patterns := {"required_tags": {"Owner": ".+", "Environment": "^(dev|staging|prod)$"}}

test_non_taggable_type_with_tags_attribute_never_reported if {
	r := test.res("aws_inspector_resource_group", "g", {"tags": {"Team": "x"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_non_aws_provider_not_checked if {
	r := test.res("aws_s3_bucket", "b", {"tags": {}})
	r2 := object.union(r, {"provider": {"name": "awscc"}})
	count(rule.deny) == 0 with input as test.doc([r2]) with data.tfgate.params as params
}

test_pattern_mismatch_denied if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "a", "Environment": "production"}})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_sqs_queue.q",
		"message": `aws_sqs_queue.q tag Environment is "production", which does not match the required pattern ^(dev|staging|prod)$`,
		"attribute": "tags.Environment",
	}}
}

test_pattern_match_allowed if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "a", "Environment": "prod"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
}

test_pattern_empty_value_denied if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "", "Environment": "dev"}})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{"resource": "aws_sqs_queue.q", "message": `aws_sqs_queue.q tag Owner is "", which does not match the required pattern .+`, "attribute": "tags.Owner"}}
}

test_pattern_missing_and_mismatch_both_denied if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Environment": "qa"}})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as patterns
	count(got) == 2
	some e in got
	e.message == "aws_sqs_queue.q is missing required tag(s) Owner"
}

test_pattern_unknown_value_indeterminate if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "a", "Environment": null}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
	got := rule.unknown with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_sqs_queue.q",
		"message": "aws_sqs_queue.q: tag Environment is known only after apply; whether it matches the required pattern ^(dev|staging|prod)$ is indeterminate",
		"attribute": "tags.Environment",
	}}
}

test_pattern_sensitive_value_indeterminate if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "(sensitive)", "Environment": "dev"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as patterns
	got := rule.unknown with input as test.doc([r]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_sqs_queue.q",
		"message": "aws_sqs_queue.q: tag Owner is sensitive; whether it matches the required pattern .+ is indeterminate",
		"attribute": "tags.Owner",
	}}
}

test_map_with_empty_pattern_is_presence_only if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": null, "CostCenter": ""}})
	p := {"required_tags": {"Owner": "", "CostCenter": null}}
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as p
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as p
}

test_case_sensitive_by_default if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"owner": "a", "costcenter": "1"}})
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_case_insensitive_keys if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"owner": "a", "COSTCENTER": "1"}})
	p := object.union(params, {"required_tags_case_insensitive": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as p
}

test_case_insensitive_patterns_any_variant_matches if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"owner": "a", "environment": "nope", "ENVIRONMENT": "dev"}})
	p := object.union(patterns, {"required_tags_case_insensitive": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as p
}

test_case_insensitive_patterns_mismatch_names_key_as_written if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"owner": "a", "environment": "qa"}})
	p := object.union(patterns, {"required_tags_case_insensitive": true})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as p
	got == {{
		"resource": "aws_sqs_queue.q",
		"message": `aws_sqs_queue.q tag environment is "qa", which does not match the required pattern ^(dev|staging|prod)$`,
		"attribute": "tags.environment",
	}}
}

# Auto scaling groups: the document's tags are the tag blocks.
asg(name, tags) := object.union(test.res("aws_autoscaling_group", name, {"tag": [{"key": k, "value": v, "propagate_at_launch": true} | some k, v in tags]}), {"tags": tags})

test_asg_tag_blocks_count if {
	r := asg("g", {"Owner": "a", "CostCenter": "1"})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_asg_missing_denied_with_default_tags_note if {
	r := asg("g", {"Owner": "a"})
	r2 := object.union(r, {"provider": {"default_tags": {"CostCenter": "1"}}})
	got := rule.deny with input as test.doc([r2]) with data.tfgate.params as params
	got == {{
		"resource": "aws_autoscaling_group.g",
		"message": "aws_autoscaling_group.g is missing required tag(s) CostCenter (the provider's default_tags do not apply to auto scaling groups: add tag blocks)",
		"attribute": "tag",
	}}
}

test_asg_pattern_mismatch_points_at_tag_blocks if {
	r := asg("g", {"Owner": "a", "Environment": "production"})
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as patterns
	[e] := [e | some e in got]
	e.attribute == "tag"
}

test_asg_unknown_value_present if {
	r := asg("g", {"Owner": null, "CostCenter": "1"})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_asg_unknown_keys_indeterminate if {
	r := object.union(test.with_unknown(test.res("aws_autoscaling_group", "g", {}), {"tag": true}), {"tags": null})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	got := rule.unknown with input as test.doc([r]) with data.tfgate.params as params
	got == {{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g: which tags it will carry is known only after apply", "attribute": "tag"}}
}

test_asg_tag_resource_not_reported if {
	r := test.res("aws_autoscaling_group_tag", "t", {"autoscaling_group_name": "g", "tag": [{"key": "Owner", "value": "a", "propagate_at_launch": true}]})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_tags_no_param_silent if {
	r := object.union(test.with_unknown(test.res("aws_s3_bucket", "b", {}), {"tags": true}), {"tags": null})
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as {}
}

test_string_param_one_key if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"required_tags": "Owner"}
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as {"required_tags": "Team"}
}

grouptag(name, group, key, refs) := object.union(
	test.res("aws_autoscaling_group_tag", name, {"autoscaling_group_name": group, "tag": [{"key": key, "value": "v", "propagate_at_launch": true}]}),
	{"references": {"autoscaling_group_name": refs}},
)

test_asg_tag_resource_by_reference_supplies_key if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": null}})
	t := grouptag("t", null, "CostCenter", ["aws_autoscaling_group.g"])
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_asg_tag_resource_by_name_supplies_key if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": "grp"}})
	t := grouptag("t", "grp", "CostCenter", [])
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_asg_tag_resource_other_group_does_not_supply if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": "grp"}})
	t := grouptag("t", "other", "CostCenter", [])
	count(rule.deny) == 1 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_asg_tag_resource_value_checked_against_pattern if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": "grp"}})
	t := grouptag("t", "grp", "Environment", [])
	got := rule.deny with input as test.doc([r, t]) with data.tfgate.params as patterns
	got == {{
		"resource": "aws_autoscaling_group.g",
		"message": `aws_autoscaling_group.g tag Environment is "v", which does not match the required pattern ^(dev|staging|prod)$`,
		"attribute": "tag",
	}}
}

test_asg_tag_resource_unlinked_indeterminate if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": "grp"}})
	t := test.with_unknown(grouptag("t", null, "CostCenter", []), {"autoscaling_group_name": true})
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_asg_tag_resource_undetermined_instance_indeterminate if {
	r := object.union(asg("g", {"Owner": "a"}), {"address": "aws_autoscaling_group.g[0]", "after": {"name": null}})
	t := grouptag("t", null, "CostCenter", ["aws_autoscaling_group.g[*]"])
	count(rule.deny) == 0 with input as test.doc([r, t]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r, t]) with data.tfgate.params as params
}

test_asg_two_tag_resources_same_key_no_conflict if {
	r := object.union(asg("g", {"Owner": "a"}), {"after": {"name": "grp"}})
	t1 := grouptag("t1", "grp", "CostCenter", [])
	t2 := object.union(grouptag("t2", "grp", "CostCenter", []), {"after": {"tag": [{"key": "CostCenter", "value": "w", "propagate_at_launch": true}]}})
	count(rule.deny) == 0 with input as test.doc([r, t1, t2]) with data.tfgate.params as params
}

test_case_insensitive_duplicate_required_keys_no_conflict if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"OWNER": "a"}})
	p := {"required_tags": {"Owner": ".+", "owner": "^a$"}, "required_tags_case_insensitive": true}
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as p
}

test_non_string_list_entries_ignored if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"Owner": "a"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"required_tags": ["Owner", 3, null]}
}

# The message of missing keys is formatted once per set of missing keys:
# keys in sorted order, a % in a key printed as written.
test_missing_keys_sorted_and_percent_printed_as_written if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	p := {"required_tags": ["Owner", "a%sb", "100%", "CostCenter", "%d%%"]}
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as p
	got == {{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b is missing required tag(s) %d%%, 100%, CostCenter, a%sb", "attribute": "tags"}}
}

test_missing_keys_message_per_resource_when_sets_differ if {
	r1 := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	r2 := test.res("aws_sqs_queue", "q", {"tags": {}})
	r3 := test.res("aws_sqs_queue", "r", {"tags": {"CostCenter": "1"}})
	r4 := test.res("aws_sqs_queue", "s", {"tags": {"Owner": "a", "CostCenter": "1"}})
	got := rule.deny with input as test.doc([r1, r2, r3, r4]) with data.tfgate.params as params
	got == {
		{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b is missing required tag(s) CostCenter", "attribute": "tags"},
		{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q is missing required tag(s) CostCenter, Owner", "attribute": "tags"},
		{"resource": "aws_sqs_queue.r", "message": "aws_sqs_queue.r is missing required tag(s) Owner", "attribute": "tags"},
	}
}

test_case_insensitive_missing_names_keys_as_written if {
	r := test.res("aws_sqs_queue", "q", {"tags": {"COSTCENTER": "1"}})
	p := {"required_tags": ["Owner", "CostCenter", "team"], "required_tags_case_insensitive": true}
	got := rule.deny with input as test.doc([r]) with data.tfgate.params as p
	got == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q is missing required tag(s) Owner, team", "attribute": "tags"}}
}

# Tags maps and tag blocks in one document: each reported by its own rule.
test_maps_and_tag_blocks_together if {
	r := test.res("aws_s3_bucket", "b", {"tags": {"Owner": "a"}})
	g := asg("g", {"CostCenter": "1"})
	got := rule.deny with input as test.doc([r, g]) with data.tfgate.params as params
	got == {
		{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b is missing required tag(s) CostCenter", "attribute": "tags"},
		{"resource": "aws_autoscaling_group.g", "message": "aws_autoscaling_group.g is missing required tag(s) Owner", "attribute": "tag"},
	}
}
