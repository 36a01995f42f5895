package tfgate.rules.google.exposure.iam_public_test

import data.tfgate.rules.google.exposure.iam_public as rule
import data.tfgate.test

test_kms_binding_denied if {
	b := test.google_res("google_kms_crypto_key_iam_binding", "b", {"crypto_key_id": "k", "role": "roles/cloudkms.admin", "members": ["allAuthenticatedUsers", "allUsers"]})
	rule.deny == {
		{"resource": "google_kms_crypto_key_iam_binding.b", "message": "google_kms_crypto_key_iam_binding.b grants roles/cloudkms.admin to allAuthenticatedUsers: the resource is public", "attribute": "members"},
		{"resource": "google_kms_crypto_key_iam_binding.b", "message": "google_kms_crypto_key_iam_binding.b grants roles/cloudkms.admin to allUsers: the resource is public", "attribute": "members"},
	} with input as test.doc([b])
}

test_cloud_run_member_denied if {
	m := test.google_res("google_cloud_run_v2_service_iam_member", "m", {"name": "svc", "role": "roles/run.invoker", "member": "allUsers"})
	count(rule.deny) == 1 with input as test.doc([m])
}

test_bigquery_access_forms_denied if {
	ds := test.google_res("google_bigquery_dataset", "ds", {"dataset_id": "d", "access": [{"role": "OWNER", "user_by_email": "a@example.com"}, {"role": "READER", "special_group": "allAuthenticatedUsers"}]})
	rule.deny == {{"resource": "google_bigquery_dataset.ds", "message": "google_bigquery_dataset.ds grants READER to allAuthenticatedUsers: the dataset is public", "attribute": "access[1].special_group"}} with input as test.doc([ds])
	a := test.google_res("google_bigquery_dataset_access", "a", {"dataset_id": "d", "role": "READER", "iam_member": "allUsers"})
	count(rule.deny) == 1 with input as test.doc([a])
}

test_storage_left_to_bucket_rule if {
	m := test.google_res("google_storage_bucket_iam_member", "m", {"bucket": "b", "role": "roles/storage.objectViewer", "member": "allUsers"})
	count(rule.deny) == 0 with input as test.doc([m])
}

test_private_and_unknown_pass if {
	m := test.google_res("google_pubsub_topic_iam_member", "m", {"topic": "t", "role": "roles/pubsub.publisher", "member": "serviceAccount:sa@p.iam.gserviceaccount.com"})
	count(rule.deny) == 0 with input as test.doc([m])
	u := test.with_unknown(test.google_res("google_pubsub_topic_iam_member", "u", {"topic": "t", "role": "roles/pubsub.publisher", "member": null}), {"member": true})
	count(rule.deny) == 0 with input as test.doc([u])
}

test_deleted_not_checked if {
	m := test.google_res("google_pubsub_topic_iam_member", "m", {"topic": "t", "role": "roles/pubsub.publisher", "member": "allUsers"})
	count(rule.deny) == 0 with input as test.doc([test.deleted(m)])
}
