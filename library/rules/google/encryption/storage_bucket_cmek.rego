# METADATA
# title: Cloud Storage buckets must use a customer-managed encryption key (where required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared
#   with Azure) is true, every google_storage_bucket must name a Cloud KMS
#   key as its default: `encryption { default_kms_key_name = ... }`.
#   Without it the bucket is encrypted with keys Google owns and manages,
#   which no key policy, rotation schedule or revocation of yours governs.
#   Unset or false, the rule reports nothing.
#
#   Passes: a key name, or a value known only after apply that refers to a
#   resource (a google_kms_crypto_key of the same change). Fails: no
#   `encryption` block, or an empty key name. Indeterminate: the key name
#   written as a value known only after apply that refers to no resource
#   (in configuration input, a variable given no value).
#
#   Whether the bucket's service agent may use the key
#   (google_kms_crypto_key_iam_member for the Cloud Storage service
#   account) is not checked: without it the bucket cannot be created.
# custom:
#   id: TFG-GCP-ENC-001
#   severity: medium
#   family: encryption
#   resource_types: [google_storage_bucket]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Add `encryption { default_kms_key_name = google_kms_crypto_key.x.id }`
#     and grant the project's Cloud Storage service agent
#     roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
package tfgate.rules.google.encryption.storage_bucket_cmek

import data.tfgate.lib

_key := ["encryption", 0, "default_kms_key_name"]

deny contains lib.entry(r, msg, _attr(r)) if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_storage_bucket")
	not lib.google_key_named(r, _key)
	not lib.google_key_open(r, _key)
	not lib.unknown_within(r, ["encryption"])
	msg := sprintf("%s has no customer-managed encryption key (encryption.default_kms_key_name is not set)", [r.address])
}

# A block whose contents are known only after apply (a dynamic block over
# values known after apply) is indeterminate.
unknown contains lib.entry(r, msg, "encryption") if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_storage_bucket")
	not lib.google_key_named(r, _key)
	_open(r)
	msg := sprintf("%s: its default KMS key is known only after apply", [r.address])
}

_open(r) if lib.google_key_open(r, _key)

_open(r) if {
	lib.unknown_within(r, ["encryption"])
	lib.written(r, ["encryption"])
}

_attr(r) := "encryption[0].default_kms_key_name" if {
	bs := object.get(lib.after(r), "encryption", [])
	is_array(bs)
	count(bs) > 0
}

else := ""
