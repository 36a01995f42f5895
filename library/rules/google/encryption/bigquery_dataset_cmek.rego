# METADATA
# title: BigQuery datasets must have a default customer-managed key (where required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared
#   with Azure) is true, every google_bigquery_dataset must name a Cloud
#   KMS key for its tables: `default_encryption_configuration {
#   kms_key_name = ... }`. Without it new tables are encrypted with keys
#   Google manages. Unset or false, the rule reports nothing.
#
#   Passes: a key name, or a value known only after apply that refers to a
#   resource. Fails: no block, or an empty key name. Indeterminate: the key
#   written as a value known only after apply that refers to no resource.
#   Tables that set their own `encryption_configuration` are not checked
#   (the dataset default is what CIS asks for).
# custom:
#   id: TFG-GCP-ENC-006
#   severity: medium
#   family: encryption
#   resource_types: [google_bigquery_dataset]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["7.3"]
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Add `default_encryption_configuration { kms_key_name =
#     google_kms_crypto_key.x.id }` and grant the BigQuery service account
#     roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
package tfgate.rules.google.encryption.bigquery_dataset_cmek

import data.tfgate.lib

_key := ["default_encryption_configuration", 0, "kms_key_name"]

deny contains lib.entry(r, msg, _attr(r)) if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_bigquery_dataset")
	not lib.google_key_named(r, _key)
	not lib.google_key_open(r, _key)
	not _block_open(r)
	msg := sprintf("%s has no default customer-managed key (default_encryption_configuration.kms_key_name is not set)", [r.address])
}

unknown contains lib.entry(r, msg, "default_encryption_configuration") if {
	lib.google_require_cmek
	some r in lib.resources_of_type("google_bigquery_dataset")
	not lib.google_key_named(r, _key)
	_open(r)
	msg := sprintf("%s: its default KMS key is known only after apply", [r.address])
}

_open(r) if lib.google_key_open(r, _key)

_open(r) if _block_open(r)

_block_open(r) if {
	lib.unknown_within(r, ["default_encryption_configuration"])
	lib.written(r, ["default_encryption_configuration"])
	not lib.google_key_named(r, _key)
	not lib.is_unknown(r, _key)
}

_attr(r) := "default_encryption_configuration[0].kms_key_name" if {
	bs := object.get(lib.after(r), "default_encryption_configuration", [])
	is_array(bs)
	count(bs) > 0
}

else := ""
