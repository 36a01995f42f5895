# METADATA
# title: GKE clusters must encrypt Kubernetes Secrets with a Cloud KMS key
# description: |
#   A google_container_cluster must enable application-layer secrets
#   encryption: `database_encryption { state = "ENCRYPTED"  key_name =
#   ... }`, so Secrets in etcd are encrypted with a Cloud KMS key the
#   customer controls on top of Google's default encryption at rest.
#
#   Fails: state DECRYPTED, or no `database_encryption` block (the API's
#   default is DECRYPTED; in a plan the provider shows the unwritten block
#   as known only after apply). Indeterminate: the block or its state
#   written as a value known only after apply.
# custom:
#   id: TFG-GCP-ENC-007
#   severity: medium
#   family: encryption
#   resource_types: [google_container_cluster]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   remediation: |
#     Add `database_encryption { state = "ENCRYPTED"  key_name =
#     google_kms_crypto_key.x.id }` (a key in the cluster's location) and
#     grant the GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter
#     on it.
package tfgate.rules.google.encryption.gke_secrets_encryption

import data.tfgate.lib

_state := ["database_encryption", 0, "state"]

deny contains lib.entry(r, msg, "database_encryption[0].state") if {
	some r in lib.resources_of_type("google_container_cluster")
	s := object.get(lib.after(r), _state, null)
	is_string(s)
	upper(s) != "ENCRYPTED"
	msg := sprintf("%s does not encrypt Kubernetes Secrets with a KMS key (database_encryption.state = %s)", [r.address, json.marshal(s)])
}

deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("google_container_cluster")
	object.get(lib.after(r), _state, null) == null
	not _open(r)
	msg := sprintf("%s does not encrypt Kubernetes Secrets with a KMS key (no database_encryption block)", [r.address])
}

unknown contains lib.entry(r, msg, "database_encryption") if {
	some r in lib.resources_of_type("google_container_cluster")
	object.get(lib.after(r), _state, null) == null
	_open(r)
	msg := sprintf("%s: whether Secrets are encrypted with a KMS key is known only after apply", [r.address])
}

_open(r) if {
	lib.is_unknown(r, _state)
	lib.written(r, _state)
}

_open(r) if {
	lib.is_unknown(r, ["database_encryption"])
	lib.written(r, ["database_encryption"])
}

_attr(r) := "database_encryption" if {
	is_array(object.get(lib.after(r), "database_encryption", null))
	not lib.is_unknown(r, ["database_encryption"])
} else := ""
