package tfgate.rules.google.encryption.kms_key_rotation_test

import data.tfgate.rules.google.encryption.kms_key_rotation as rule
import data.tfgate.test

key(after) := test.google_res("google_kms_crypto_key", "k", object.union({"name": "k"}, after))

test_no_rotation_denied if {
	rule.deny == {{"resource": "google_kms_crypto_key.k", "message": "google_kms_crypto_key.k is never rotated (no rotation_period; at most 90 days allowed)", "attribute": ""}} with input as test.doc([key({})])
}

test_long_rotation_denied if {
	rule.deny == {{"resource": "google_kms_crypto_key.k", "message": "google_kms_crypto_key.k is rotated every 31536000s (365 days), more than 90 days", "attribute": "rotation_period"}} with input as test.doc([key({"rotation_period": "31536000s"})])
}

test_90_days_passes if {
	count(rule.deny) == 0 with input as test.doc([key({"rotation_period": "7776000s"})])
	count(rule.deny) == 0 with input as test.doc([key({"rotation_period": "100000s"})])
}

test_max_days_param if {
	count(rule.deny) == 1 with input as test.doc([key({"rotation_period": "7776000s"})]) with data.tfgate.params.max_key_rotation_days as 30
	count(rule.deny) == 0 with input as test.doc([key({"rotation_period": "31536000s"})]) with data.tfgate.params.max_key_rotation_days as 365
}

test_other_purposes_not_checked if {
	count(rule.deny) == 0 with input as test.doc([key({"purpose": "ASYMMETRIC_SIGN"})])
	count(rule.deny) == 0 with input as test.doc([key({"import_only": true})])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(key({"rotation_period": null}), {"rotation_period": true}), {"references": {"rotation_period": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(key({}))])
}
