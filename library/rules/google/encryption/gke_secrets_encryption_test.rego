package tfgate.rules.google.encryption.gke_secrets_encryption_test

import data.tfgate.rules.google.encryption.gke_secrets_encryption as rule
import data.tfgate.test

gke(enc) := test.google_res("google_container_cluster", "c", {"location": "europe-west1", "database_encryption": enc})

test_decrypted_denied if {
	rule.deny == {{"resource": "google_container_cluster.c", "message": "google_container_cluster.c does not encrypt Kubernetes Secrets with a KMS key (database_encryption.state = \"DECRYPTED\")", "attribute": "database_encryption[0].state"}} with input as test.doc([gke([{"state": "DECRYPTED"}])])
}

test_unwritten_block_denied if {
	u := test.with_unknown(gke(null), {"database_encryption": true})
	rule.deny == {{"resource": "google_container_cluster.c", "message": "google_container_cluster.c does not encrypt Kubernetes Secrets with a KMS key (no database_encryption block)", "attribute": ""}} with input as test.doc([u])
	count(rule.deny) == 1 with input as test.doc([gke(null)])
}

test_encrypted_passes if {
	count(rule.deny) == 0 with input as test.doc([gke([{"state": "ENCRYPTED", "key_name": "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(gke([{"state": null}]), {"database_encryption": [{"state": true}]}), {"references": {"database_encryption.state": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(gke(null))])
}
