# METADATA
# title: Lambda environment variables must be encrypted with a customer managed KMS key
# description: |
#   Lambda encrypts environment variables at rest with the AWS managed key
#   aws/lambda unless the function names a key in `kms_key_arn`; anyone who
#   can read the function's configuration then reads the values. An
#   aws_lambda_function that sets environment variables (a non-empty
#   `environment[0].variables`) passes when `kms_key_arn` is set to a
#   customer managed key (known, or known only after apply). It fails when
#   `kms_key_arn` is unset or empty or names an AWS managed key alias
#   (`alias/aws/...`). Functions without environment variables are not
#   checked; variables known only after apply on a function without a key
#   are indeterminate.
# custom:
#   id: TFG-AWS-ENC-038
#   severity: low
#   family: encryption
#   resource_types: [aws_lambda_function]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Set `kms_key_arn` to a customer managed KMS key whose key policy lets
#     the function's execution role decrypt, or move secrets out of
#     environment variables into Secrets Manager.
package tfgate.rules.aws.encryption.lambda_environment_kms

import data.tfgate.lib

_vars_path := ["environment", 0, "variables"]

_has_variables(r) if {
	v := lib.value(r, _vars_path)
	is_object(v)
	count(v) > 0
}

_has_variables(r) if {
	v := lib.value(r, _vars_path)
	is_object(v)
	lib.unknown_within(r, _vars_path)
}

# Variables Terraform marks sensitive arrive redacted as a whole.
_has_variables(r) if lib.is_redacted(lib.value(r, _vars_path))

_no_key(r) if {
	not lib.is_unknown(r, ["kms_key_arn"])
	v := object.get(lib.after(r), "kms_key_arn", null)
	not _cmk(v)
}

_cmk(v) if {
	is_string(v)
	v != ""
	not regex.match(`(^|:)alias/aws/`, v)
}

deny contains lib.entry(r, msg, "kms_key_arn") if {
	some r in lib.resources_of_type("aws_lambda_function")
	_has_variables(r)
	_no_key(r)
	msg := sprintf("%s sets environment variables without a customer managed KMS key (kms_key_arn: %s): they are encrypted with the AWS managed key aws/lambda", [r.address, _shown(object.get(lib.after(r), "kms_key_arn", null))])
}

unknown contains lib.entry(r, msg, "environment[0].variables") if {
	some r in lib.resources_of_type("aws_lambda_function")
	not _has_variables(r)
	lib.is_unknown(r, _vars_path)
	_no_key(r)
	msg := sprintf("%s has no customer managed KMS key and its environment variables are known only after apply", [r.address])
}

_shown(v) := "not set" if v == null

else := sprintf("%q", [v])
