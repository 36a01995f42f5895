package tfgate.rules.google.encryption.bigquery_dataset_cmek_test

import data.tfgate.rules.google.encryption.bigquery_dataset_cmek as rule
import data.tfgate.test

ds(cfg) := test.google_res("google_bigquery_dataset", "ds", {"dataset_id": "d", "location": "EU", "default_encryption_configuration": cfg})

test_no_key_denied if {
	rule.deny == {{"resource": "google_bigquery_dataset.ds", "message": "google_bigquery_dataset.ds has no default customer-managed key (default_encryption_configuration.kms_key_name is not set)", "attribute": ""}} with input as test.doc([ds([])])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_key_passes if {
	count(rule.deny) == 0 with input as test.doc([ds([{"kms_key_name": "projects/p/locations/eu/keyRings/r/cryptoKeys/k"}])]) with data.tfgate.params.require_customer_managed_keys as true
}

test_variable_key_is_indeterminate if {
	v := test.google_with(test.with_unknown(ds([{"kms_key_name": null}]), {"default_encryption_configuration": [{"kms_key_name": true}]}), {"location": {"attributes": {"default_encryption_configuration[0].kms_key_name": {"start_line": 4}}}})
	count(rule.deny) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.unknown) == 1 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
}

test_not_required_reports_nothing if {
	count(rule.deny) == 0 with input as test.doc([ds([])]) with data.tfgate.params.require_customer_managed_keys as false
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(ds([]))]) with data.tfgate.params.require_customer_managed_keys as true
}
