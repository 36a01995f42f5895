# METADATA
# title: Redshift Serverless namespaces should use a customer-managed KMS key
# description: |
#   Redshift Serverless always encrypts a namespace; without `kms_key_id` it
#   uses a key AWS owns (the provider computes `kms_key_id`, shown as
#   "AWS_OWNED_KMS_KEY" after apply). This rule asks for a key you control
#   and is `low`: a namespace without one is encrypted, but you cannot govern
#   or revoke access to its key.
#
#   Fails: `kms_key_id` not written (a plan shows the computed value as
#   unknown, with no expression or source range behind it) or
#   "AWS_OWNED_KMS_KEY".
#
#   Passes: `kms_key_id` set to a key, or to a value known only after apply
#   that refers to a resource (a key created in the same change).
#
#   Indeterminate: `kms_key_id` written as a value known only after apply that
#   refers to no resource (in configuration input, a variable given no value).
# custom:
#   id: TFG-AWS-ENC-015
#   severity: low
#   family: encryption
#   resource_types: [aws_redshiftserverless_namespace]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   remediation: |
#     Set `kms_key_id = aws_kms_key.x.arn` (a namespace's key can be changed
#     in place).
package tfgate.rules.aws.encryption.redshift_serverless_cmk

import data.tfgate.lib

_owned := "AWS_OWNED_KMS_KEY"

_customer_key(r) if {
	k := lib.value(r, ["kms_key_id"])
	is_string(k)
	not k in {"", _owned}
}

_customer_key(r) if {
	lib.is_unknown(r, ["kms_key_id"])
	count(lib.references(r, "kms_key_id")) > 0
}

# Written, known only after apply, and referring to no resource (in
# configuration input, a variable given no value).
_key_unknown(r) if {
	lib.is_unknown(r, ["kms_key_id"])
	count(lib.references(r, "kms_key_id")) == 0
	lib.written(r, ["kms_key_id"])
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("aws_redshiftserverless_namespace")
	not _customer_key(r)
	not _key_unknown(r)
	msg := sprintf("%s is encrypted with a key AWS owns, not a customer-managed key: set kms_key_id", [r.address])
}

_attr(r) := "" if lib.is_unknown(r, ["kms_key_id"])

else := "kms_key_id"

unknown contains lib.entry(r, msg, "kms_key_id") if {
	some r in lib.resources_of_type("aws_redshiftserverless_namespace")
	_key_unknown(r)
	msg := sprintf("%s: kms_key_id is known only after apply and refers to no key resource", [r.address])
}
