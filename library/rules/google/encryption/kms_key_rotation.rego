# METADATA
# title: Cloud KMS keys must be rotated at least every 90 days
# description: |
#   A google_kms_crypto_key of purpose ENCRYPT_DECRYPT (the default: the
#   only purpose Cloud KMS rotates automatically) must set
#   `rotation_period` (seconds with an "s" suffix, such as "7776000s") no
#   longer than the optional parameter `max_key_rotation_days` (number,
#   default 90) allows. Keys of other purposes (asymmetric signing or
#   decryption, MAC, raw encryption) and import-only keys
#   (`import_only = true`, whose versions are imported, never generated)
#   are not checked.
#
#   Fails: no rotation_period (the key is never rotated), or a longer
#   period. Indeterminate: rotation_period or purpose written as a value
#   known only after apply.
# custom:
#   id: TFG-GCP-ENC-008
#   severity: medium
#   family: encryption
#   resource_types: [google_kms_crypto_key]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["1.10"]
#     nist-800-53: ["SC-12", "SC-12(1)"]
#   remediation: |
#     Set `rotation_period = "7776000s"` (90 days) or shorter.
package tfgate.rules.google.encryption.kms_key_rotation

import data.tfgate.lib

_max_days := d if {
	d := data.tfgate.params.max_key_rotation_days
	is_number(d)
} else := 90

_max_seconds := _max_days * 86400

# _seconds(p): the seconds of a duration "7776000s" / "7776000.5s".
_seconds(p) := to_number(m[0][1]) if {
	is_string(p)
	m := regex.find_all_string_submatch_n(`^([0-9]+(?:\.[0-9]+)?)s$`, trim_space(p), 1)
	count(m) == 1
}

# _rotatable(r): an ENCRYPT_DECRYPT key whose versions Cloud KMS generates.
_rotatable(r) if {
	object.get(lib.after(r), "purpose", null) in {"ENCRYPT_DECRYPT", null}
	not _written_unknown(r, "purpose")
	not lib.is_true(r, ["import_only"])
}

_written_unknown(r, a) if {
	lib.is_unknown(r, [a])
	lib.written(r, [a])
}

_period(r) := object.get(lib.after(r), "rotation_period", null)

deny contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type("google_kms_crypto_key")
	_rotatable(r)
	_period(r) in {null, ""}
	not _written_unknown(r, "rotation_period")
	msg := sprintf("%s is never rotated (no rotation_period; at most %d days allowed)", [r.address, _max_days])
}

deny contains lib.entry(r, msg, "rotation_period") if {
	some r in lib.resources_of_type("google_kms_crypto_key")
	_rotatable(r)
	s := _seconds(_period(r))
	s > _max_seconds
	msg := sprintf("%s is rotated every %s (%v days), more than %d days", [r.address, _period(r), round((s / 86400) * 10) / 10, _max_days])
}

unknown contains lib.entry(r, msg, "rotation_period") if {
	some r in lib.resources_of_type("google_kms_crypto_key")
	_rotatable(r)
	_written_unknown(r, "rotation_period")
	msg := sprintf("%s: its rotation period is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "purpose") if {
	some r in lib.resources_of_type("google_kms_crypto_key")
	_written_unknown(r, "purpose")
	not _seconds(_period(r)) <= _max_seconds
	msg := sprintf("%s: its purpose is known only after apply, and it is not rotated within %d days", [r.address, _max_days])
}
