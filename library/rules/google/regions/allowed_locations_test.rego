package tfgate.rules.google.regions.allowed_locations_test

import data.tfgate.rules.google.regions.allowed_locations as rule
import data.tfgate.test

allowed := ["eu-west-1", "westeurope", "europe-west1", "EU"]

test_region_not_allowed_denied if {
	vm := test.google_res("google_compute_instance", "vm", {"zone": "us-central1-a"})
	rule.deny == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm is in location us-central1, which is not allowed (allowed: EU, eu-west-1, europe-west1, westeurope)", "attribute": "zone"}} with input as test.doc([vm])
		with data.tfgate.params.allowed_regions as allowed
}

test_allowed_forms_pass if {
	vm := test.google_res("google_compute_instance", "vm", {"zone": "europe-west1-b"})
	b := test.google_res("google_storage_bucket", "b", {"location": "eu"})
	sql := test.google_res("google_sql_database_instance", "sql", {"region": "europe-west1"})
	count(rule.deny) == 0 with input as test.doc([vm, b, sql]) with data.tfgate.params.allowed_regions as allowed
}

test_multi_region_is_itself if {
	b := test.google_res("google_storage_bucket", "b", {"location": "US"})
	some d in rule.deny with input as test.doc([b]) with data.tfgate.params.allowed_regions as ["us-central1"]
	d.attribute == "location"
	# A dual-region needs its own name in the list.
	n := test.google_res("google_storage_bucket", "n", {"location": "NAM4"})
	count(rule.deny) == 0 with input as test.doc([n]) with data.tfgate.params.allowed_regions as ["nam4"]
}

test_provider_region_counts if {
	# A resource with no location attribute of its own: the provider's region.
	a := test.google_res("google_compute_address", "a", {"name": "a"})
	rule.deny == {{"resource": "google_compute_address.a", "message": "google_compute_address.a is in location europe-west1, which is not allowed (allowed: us-east1)", "attribute": ""}} with input as test.doc([a])
		with data.tfgate.params.allowed_regions as ["us-east1"]
}

test_bigquery_dataset_defaults_to_us if {
	ds := test.google_res("google_bigquery_dataset", "ds", {"dataset_id": "x"})
	some d in rule.deny with input as test.doc([ds]) with data.tfgate.params.allowed_regions as allowed
	contains(d.message, "in location US")
}

test_global_types_and_location_not_checked if {
	fw := test.google_res("google_compute_firewall", "fw", {"name": "fw"})
	iam := test.google_res("google_storage_bucket_iam_member", "m", {"member": "allUsers"})
	key := test.google_res("google_kms_crypto_key", "k", {"name": "k"})
	ring := test.google_res("google_kms_key_ring", "r", {"location": "global"})
	count(rule.deny) == 0 with input as test.doc([fw, iam, key, ring]) with data.tfgate.params.allowed_regions as ["us-east1"]
}

test_unknown_location_is_indeterminate if {
	s := test.google_with(test.with_unknown(test.google_res("google_compute_subnetwork", "s", {"region": null}), {"region": true}), {"region": null})
	count(rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params.allowed_regions as allowed
	rule.unknown == {{"resource": "google_compute_subnetwork.s", "message": "google_compute_subnetwork.s: its location is known only after apply", "attribute": "region"}} with input as test.doc([s])
		with data.tfgate.params.allowed_regions as allowed
}

test_deleted_not_checked if {
	vm := test.deleted(test.google_res("google_compute_instance", "vm", {"zone": "us-central1-a"}))
	count(rule.deny) == 0 with input as test.doc([vm]) with data.tfgate.params.allowed_regions as allowed
}

test_other_clouds_not_checked if {
	s := test.res("aws_s3_bucket", "s", {})
	count(rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params.allowed_regions as ["europe-west1"]
}

test_own_location_when_document_has_none if {
	# An old GKE plan: region and zone computed (not written), location known.
	c := test.google_with(test.with_unknown(test.google_res("google_container_cluster", "c", {"location": "us-central1"}), {"region": true, "zone": true}), {"region": null})
	some d in rule.deny with input as test.doc([c]) with data.tfgate.params.allowed_regions as allowed
	d.attribute == "location"
	count(rule.unknown) == 0 with input as test.doc([c]) with data.tfgate.params.allowed_regions as allowed
}
