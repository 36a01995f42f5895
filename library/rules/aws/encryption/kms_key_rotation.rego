# METADATA
# title: Symmetric KMS keys must have automatic rotation enabled
# description: |
#   A customer managed aws_kms_key of spec SYMMETRIC_DEFAULT used for
#   ENCRYPT_DECRYPT must set `enable_key_rotation = true` (the provider
#   default is false). Keys that AWS cannot rotate automatically are never
#   failed: asymmetric (RSA_*, ECC_*, SM2) and HMAC keys, keys in a custom
#   key store (`custom_key_store_id`: CloudHSM or an external key store,
#   `xks_key_id`), and imported key material (aws_kms_external_key, not
#   checked). Replica keys (aws_kms_replica_key) follow their primary key's
#   rotation and are not checked either. A rotation flag, key spec or key
#   usage known only after apply is indeterminate.
# custom:
#   id: TFG-AWS-ENC-035
#   severity: medium
#   family: encryption
#   resource_types: [aws_kms_key]
#   frameworks:
#     cis-aws-foundations-v3.0: ["3.6"]
#     nist-800-53: ["SC-12", "SC-12(1)"]
#     aws-fsbp: ["KMS.4"]
#   remediation: |
#     Set `enable_key_rotation = true` (and optionally
#     `rotation_period_in_days`, 90-2560, default 365).
package tfgate.rules.aws.encryption.kms_key_rotation

import data.tfgate.lib

# _rotatable(r): the key is known to be a symmetric encryption key in AWS
# KMS's own key store: the only kind automatic rotation applies to.
_rotatable(r) if {
	object.get(lib.after(r), "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	not lib.is_unknown(r, ["customer_master_key_spec"])
	object.get(lib.after(r), "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	not lib.is_unknown(r, ["key_usage"])
	not _in_custom_store(r)
}

_in_custom_store(r) if _set(r, "custom_key_store_id")

_in_custom_store(r) if _set(r, "xks_key_id")

_set(r, attr) if {
	v := object.get(lib.after(r), attr, null)
	is_string(v)
	v != ""
}

_set(r, attr) if lib.is_unknown(r, [attr])

# _maybe_rotatable(r): the spec or usage is known only after apply and
# what is known does not rule rotation out.
_maybe_rotatable(r) if {
	not _rotatable(r)
	not _in_custom_store(r)
	some attr in ["customer_master_key_spec", "key_usage"]
	lib.is_unknown(r, [attr])
	object.get(lib.after(r), "customer_master_key_spec", "SYMMETRIC_DEFAULT") in {"SYMMETRIC_DEFAULT", null}
	object.get(lib.after(r), "key_usage", "ENCRYPT_DECRYPT") in {"ENCRYPT_DECRYPT", null}
}

_not_rotating(r) if lib.is_false(r, ["enable_key_rotation"])

_not_rotating(r) if {
	not lib.is_unknown(r, ["enable_key_rotation"])
	object.get(lib.after(r), "enable_key_rotation", null) == null
}

deny contains lib.entry(r, msg, "enable_key_rotation") if {
	some r in lib.resources_of_type("aws_kms_key")
	_rotatable(r)
	_not_rotating(r)
	msg := sprintf("%s is a symmetric encryption key without automatic rotation (enable_key_rotation is not true)", [r.address])
}

unknown contains lib.entry(r, msg, "enable_key_rotation") if {
	some r in lib.resources_of_type("aws_kms_key")
	_rotatable(r)
	lib.is_unknown(r, ["enable_key_rotation"])
	msg := sprintf("%s: whether its rotation is enabled is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "enable_key_rotation") if {
	some r in lib.resources_of_type("aws_kms_key")
	_maybe_rotatable(r)
	not lib.is_true(r, ["enable_key_rotation"])
	msg := sprintf("%s does not enable rotation and its key spec or usage is known only after apply", [r.address])
}
