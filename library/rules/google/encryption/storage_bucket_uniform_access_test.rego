package tfgate.rules.google.encryption.storage_bucket_uniform_access_test

import data.tfgate.rules.google.encryption.storage_bucket_uniform_access as rule
import data.tfgate.test

bucket(after) := test.google_res("google_storage_bucket", "b", object.union({"location": "EU"}, after))

test_false_denied if {
	rule.deny == {{"resource": "google_storage_bucket.b", "message": "google_storage_bucket.b does not use uniform bucket-level access (uniform_bucket_level_access = false)", "attribute": "uniform_bucket_level_access"}} with input as test.doc([bucket({"uniform_bucket_level_access": false})])
}

test_unset_denied if {
	some d in rule.deny with input as test.doc([bucket({})])
	d.attribute == ""
	# A plan: computed and unknown, not written.
	u := test.with_unknown(bucket({"uniform_bucket_level_access": null}), {"uniform_bucket_level_access": true})
	count(rule.deny) == 1 with input as test.doc([u])
}

test_true_passes if {
	count(rule.deny) == 0 with input as test.doc([bucket({"uniform_bucket_level_access": true})])
	count(rule.deny) == 0 with input as test.doc([bucket({"bucket_policy_only": true})])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(bucket({"uniform_bucket_level_access": null}), {"uniform_bucket_level_access": true}), {"references": {"uniform_bucket_level_access": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket({}))])
}
