# METADATA
# title: Pub/Sub topics must use a customer-managed encryption key (where required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared
#   with Azure) is true, every google_pubsub_topic must set `kms_key_name`
#   to a Cloud KMS key, so its messages are encrypted with a key the
#   customer controls rather than one Google manages. Unset or false, the
#   rule reports nothing.
#
#   Passes: a key name, or a value known only after apply that refers to a
#   resource. Fails: unset or empty. Indeterminate: written as a value
#   known only after apply that refers to no resource.
# custom:
#   id: TFG-GCP-ENC-009
#   severity: low
#   family: encryption
#   resource_types: [google_pubsub_topic]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Set `kms_key_name = google_kms_crypto_key.x.id` and grant the Pub/Sub
#     service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
package tfgate.rules.google.encryption.pubsub_topic_cmek

import data.tfgate.lib

_key := ["kms_key_name"]

deny contains lib.entry(r, msg, _attr(r)) if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_pubsub_topic")
	not lib.google_key_named(r, _key)
	not lib.google_key_open(r, _key)
	msg := sprintf("%s has no customer-managed encryption key (kms_key_name is not set)", [r.address])
}

unknown contains lib.entry(r, msg, "kms_key_name") if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_pubsub_topic")
	lib.google_key_open(r, _key)
	msg := sprintf("%s: its KMS key is known only after apply", [r.address])
}

_attr(r) := "kms_key_name" if is_string(object.get(lib.after(r), "kms_key_name", null))

else := ""
