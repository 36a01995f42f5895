package tfgate.rules.google.tagging.required_labels_test

import data.tfgate.rules.google.tagging.required_labels as rule
import data.tfgate.test

bucket(labels) := test.google_res("google_storage_bucket", "b", {"location": "EU", "labels": labels})

test_missing_label_denied if {
	rule.deny == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b is missing required label(s) costcenter", "attribute": "labels"}} with input as test.doc([bucket({"owner": "me"})])
		with data.tfgate.params.required_tags as ["Owner", "CostCenter"]
}

test_lower_case_keys_satisfy_required_tags if {
	count(rule.deny) == 0 with input as test.doc([bucket({"owner": "me", "costcenter": "42"})])
		with data.tfgate.params.required_tags as ["Owner", "CostCenter"]
}

test_required_labels_used_as_written if {
	params := {"required_tags": ["Owner"], "required_labels": ["cost_center"]}
	rule.deny == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b is missing required label(s) cost_center", "attribute": "labels"}} with input as test.doc([bucket({"owner": "me"})])
		with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([bucket({"cost_center": "x"})]) with data.tfgate.params as params
}

test_pattern_mismatch_denied if {
	rule.deny == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b label env is \"qa\", which does not match the required pattern ^(dev|prod)$", "attribute": "labels.env"}} with input as test.doc([bucket({"env": "qa"})])
		with data.tfgate.params.required_tags as {"Env": "^(dev|prod)$"}
	count(rule.deny) == 0 with input as test.doc([bucket({"env": "prod"})])
		with data.tfgate.params.required_tags as {"Env": "^(dev|prod)$"}
}

test_unknown_value_is_indeterminate if {
	b := test.with_unknown(bucket({"env": null}), {"labels": {"env": true}})
	count(rule.deny) == 0 with input as test.doc([b]) with data.tfgate.params.required_tags as {"Env": "^prod$"}
	count(rule.unknown) == 1 with input as test.doc([b]) with data.tfgate.params.required_tags as {"Env": "^prod$"}
	# Present, any value: passes.
	count(rule.deny) == 0 with input as test.doc([b]) with data.tfgate.params.required_tags as ["env"]
}

test_unknown_labels_are_indeterminate if {
	b := test.with_unknown(test.google_res("google_storage_bucket", "b", {"location": "EU", "labels": null}), {"labels": true})
	count(rule.deny) == 0 with input as test.doc([b]) with data.tfgate.params.required_tags as ["owner"]
	rule.unknown == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b: which labels it will carry is known only after apply", "attribute": "labels"}} with input as test.doc([b])
		with data.tfgate.params.required_tags as ["owner"]
}

test_types_without_labels_not_checked if {
	fw := test.google_res("google_compute_firewall", "fw", {"name": "x"})
	count(rule.deny) == 0 with input as test.doc([fw]) with data.tfgate.params.required_tags as ["owner"]
	count(rule.unknown) == 0 with input as test.doc([fw]) with data.tfgate.params.required_tags as ["owner"]
}

test_other_clouds_not_checked if {
	s := test.res("aws_s3_bucket", "s", {"tags": {}})
	count(rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params.required_tags as ["owner"]
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket({}))]) with data.tfgate.params.required_tags as ["owner"]
}

test_unset_param_reports_nothing if {
	count(rule.deny) == 0 with input as test.doc([bucket({})]) with data.tfgate.params as {}
}
