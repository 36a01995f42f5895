package tfgate.rules.google.encryption.storage_bucket_cmek_test

import data.tfgate.rules.google.encryption.storage_bucket_cmek as rule
import data.tfgate.test

bucket(enc) := test.google_res("google_storage_bucket", "b", {"location": "EU", "encryption": enc})

test_no_key_denied if {
	rule.deny == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b has no customer-managed encryption key (encryption.default_kms_key_name is not set)", "attribute": ""}} with input as test.doc([bucket([])])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_empty_key_denied if {
	some d in rule.deny with input as test.doc([bucket([{"default_kms_key_name": ""}])]) with data.tfgate.params.require_customer_managed_keys as true
	d.attribute == "encryption[0].default_kms_key_name"
}

test_key_passes if {
	count(rule.deny) == 0 with input as test.doc([bucket([{"default_kms_key_name": "projects/p/locations/eu/keyRings/r/cryptoKeys/k"}])])
		with data.tfgate.params.require_customer_managed_keys as true
	ref := test.google_with(test.with_unknown(bucket([{"default_kms_key_name": null}]), {"encryption": [{"default_kms_key_name": true}]}), {"references": {"encryption.default_kms_key_name": ["google_kms_crypto_key.k"]}})
	count(rule.deny) == 0 with input as test.doc([ref]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.unknown) == 0 with input as test.doc([ref]) with data.tfgate.params.require_customer_managed_keys as true
}

test_variable_key_is_indeterminate if {
	v := test.google_with(test.with_unknown(bucket([{"default_kms_key_name": null}]), {"encryption": [{"default_kms_key_name": true}]}), {"location": {"attributes": {"encryption[0].default_kms_key_name": {"start_line": 5}}}})
	count(rule.deny) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.unknown) == 1 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
}

test_not_required_reports_nothing if {
	count(rule.deny) == 0 with input as test.doc([bucket([])]) with data.tfgate.params.require_customer_managed_keys as false
	count(rule.deny) == 0 with input as test.doc([bucket([])]) with data.tfgate.params as {}
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket([]))]) with data.tfgate.params.require_customer_managed_keys as true
}
