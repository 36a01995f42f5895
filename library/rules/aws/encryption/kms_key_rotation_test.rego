package tfgate.rules.aws.encryption.kms_key_rotation_test

import data.tfgate.rules.aws.encryption.kms_key_rotation as rule
import data.tfgate.test

key(after) := test.res("aws_kms_key", "k", after)

symmetric := {"customer_master_key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT", "custom_key_store_id": null, "xks_key_id": null}

test_no_rotation_denied if {
	rule.deny == {{
		"resource": "aws_kms_key.k",
		"message": "aws_kms_key.k is a symmetric encryption key without automatic rotation (enable_key_rotation is not true)",
		"attribute": "enable_key_rotation",
	}} with input as test.doc([key(object.union(symmetric, {"enable_key_rotation": false}))])
}

test_unset_attributes_use_defaults if {
	count(rule.deny) == 1 with input as test.doc([key({})])
}

test_rotation_allowed if {
	count(rule.deny) == 0 with input as test.doc([key(object.union(symmetric, {"enable_key_rotation": true}))])
}

test_asymmetric_and_hmac_never_fail if {
	every spec in ["RSA_2048", "ECC_NIST_P256", "HMAC_256", "SM2"] {
		count(rule.deny) == 0 with input as test.doc([key({"customer_master_key_spec": spec, "key_usage": "SIGN_VERIFY", "enable_key_rotation": false})])
	}
	count(rule.deny) == 0 with input as test.doc([key({"customer_master_key_spec": "HMAC_256", "key_usage": "GENERATE_VERIFY_MAC", "enable_key_rotation": false})])
	count(rule.deny) == 0 with input as test.doc([key({"customer_master_key_spec": "RSA_4096", "key_usage": "ENCRYPT_DECRYPT", "enable_key_rotation": false})])
}

test_custom_key_store_never_fails if {
	count(rule.deny) == 0 with input as test.doc([key(object.union(symmetric, {"custom_key_store_id": "cks-123", "enable_key_rotation": false}))])
	count(rule.deny) == 0 with input as test.doc([key(object.union(symmetric, {"xks_key_id": "ext-1", "enable_key_rotation": false}))])
}

test_unknown_rotation_is_indeterminate if {
	k := test.with_unknown(key(symmetric), {"enable_key_rotation": true})
	count(rule.deny) == 0 with input as test.doc([k])
	count(rule.unknown) == 1 with input as test.doc([k])
}

test_unknown_spec_is_indeterminate if {
	k := test.with_unknown(key({"key_usage": "ENCRYPT_DECRYPT", "enable_key_rotation": false}), {"customer_master_key_spec": true})
	count(rule.deny) == 0 with input as test.doc([k])
	count(rule.unknown) == 1 with input as test.doc([k])
}

test_unknown_spec_with_rotation_is_silent if {
	k := test.with_unknown(key({"enable_key_rotation": true}), {"customer_master_key_spec": true})
	count(rule.unknown) == 0 with input as test.doc([k])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(key({"enable_key_rotation": false}))])
}
