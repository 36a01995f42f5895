package tfgate.rules.aws.encryption.ssm_parameter_secure_string_test

import data.tfgate.rules.aws.encryption.ssm_parameter_secure_string as rule
import data.tfgate.test

param(after) := test.res("aws_ssm_parameter", "p", after)

test_password_string_denied if {
	rule.deny == {{
		"resource": "aws_ssm_parameter.p",
		"message": "aws_ssm_parameter.p looks like a secret (its name \"/app/db_password\") but is stored in clear text as type String; use SecureString",
		"attribute": "type",
	}} with input as test.doc([param({"name": "/app/db_password", "type": "String", "value": "(sensitive)"})])
}

test_description_denied if {
	some d in rule.deny with input as test.doc([param({"name": "/app/upstream", "description": "Signing secret", "type": "StringList"})])
	contains(d.message, "its description \"Signing secret\"")
}

test_secret_like_names if {
	every n in ["/x/API_KEY", "/x/github-token", "/x/jwt.secret", "/x/db/pwd", "/x/private_key", "/x/credentials", "/x/connection-string"] {
		count(rule.deny) == 1 with input as test.doc([param({"name": n, "type": "String"})])
	}
}

test_ordinary_names_allowed if {
	every n in ["/x/ami_id", "/x/keyboard_layout", "/x/bucket_name", "/x/public_key_fingerprint", "/x/tokenizer"] {
		count(rule.deny) == 0 with input as test.doc([param({"name": n, "type": "String"})])
	}
}

test_secure_string_allowed if {
	count(rule.deny) == 0 with input as test.doc([param({"name": "/app/db_password", "type": "SecureString"})])
}

test_image_data_type_allowed if {
	count(rule.deny) == 0 with input as test.doc([param({"name": "/app/token_ami", "type": "String", "data_type": "aws:ec2:image"})])
}

test_pattern_parameter if {
	count(rule.deny) == 1 with input as test.doc([param({"name": "/app/pin", "type": "String"})])
		with data.tfgate.params as {"ssm_secret_pattern": "(?i)pin"}
	count(rule.deny) == 0 with input as test.doc([param({"name": "/app/db_password", "type": "String"})])
		with data.tfgate.params as {"ssm_secret_pattern": "(?i)pin"}
}

test_unknown_type_is_indeterminate if {
	p := test.with_unknown(param({"name": "/app/db_password"}), {"type": true})
	count(rule.deny) == 0 with input as test.doc([p])
	count(rule.unknown) == 1 with input as test.doc([p])
}

test_unknown_name_is_silent if {
	p := test.with_unknown(param({"type": "String"}), {"name": true})
	count(rule.deny) == 0 with input as test.doc([p])
	count(rule.unknown) == 0 with input as test.doc([p])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(param({"name": "/app/db_password", "type": "String"}))])
}
