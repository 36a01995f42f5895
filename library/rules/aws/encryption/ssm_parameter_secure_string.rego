# METADATA
# title: SSM parameters that hold secrets must be SecureString
# description: |
#   A String or StringList parameter is stored and returned in clear text
#   (and shown in the console and in GetParameter results to anyone with
#   read access). Parameters that hold a secret must be `SecureString`,
#   encrypted with KMS. A plan cannot see what a value means, so the rule
#   uses a documented heuristic to stay quiet on ordinary configuration: an
#   aws_ssm_parameter fails when its `type` is String or StringList and its
#   `name` or `description` matches the `ssm_secret_pattern` parameter
#   (string, an RE2 regular expression; start it with `(?i)` to ignore
#   case). The default matches, ignoring case: password, passwd, pwd,
#   secret, token(s), credential(s), private/api/access/signing/auth/
#   encryption/master key, connection string, with `_`, `-`, `.`, `/` or
#   a space as separators (so `/app/db_password` and "API key of X" match,
#   `/app/ami_id` and `tokenizer` do not). Parameters
#   with `data_type = "aws:ec2:image"` are never secrets. A type known only
#   after apply on a secret-like parameter is indeterminate.
# custom:
#   id: TFG-AWS-ENC-034
#   severity: high
#   family: encryption
#   resource_types: [aws_ssm_parameter]
#   frameworks:
#     nist-800-53: ["SC-28", "IA-5(1)"]
#   remediation: |
#     Use `type = "SecureString"` (optionally with `key_id` naming a customer
#     managed KMS key), or store the value in Secrets Manager.
package tfgate.rules.aws.encryption.ssm_parameter_secure_string

import data.tfgate.lib

_default_pattern := `(?i)(passw(or)?d|(^|[^a-z])pwd([^a-z]|$)|secret|tokens?([^a-z]|$)|credential|(private|api|access|signing|auth|encryption|master)[-_. /]?key|conn(ection)?[-_. /]?str(ing)?)`

_pattern := p if {
	p := lib.param("ssm_secret_pattern")
	is_string(p)
	p != ""
} else := _default_pattern

_plain_types := {"String", "StringList"}

# _why(r): the attribute whose text looks like a secret ("name" first).
_why(r) := "name" if {
	regex.match(_pattern, _text(r, "name"))
} else := "description" if {
	regex.match(_pattern, _text(r, "description"))
}

_text(r, attr) := v if {
	v := object.get(lib.after(r), attr, "")
	is_string(v)
	not lib.is_redacted(v)
} else := ""

_secret_like(r) if {
	_why(r)
	object.get(lib.after(r), "data_type", "") != "aws:ec2:image"
}

deny contains lib.entry(r, msg, "type") if {
	some r in lib.resources_of_type("aws_ssm_parameter")
	t := object.get(lib.after(r), "type", null)
	t in _plain_types
	_secret_like(r)
	msg := sprintf("%s looks like a secret (its %s %q) but is stored in clear text as type %s; use SecureString", [r.address, _why(r), _text(r, _why(r)), t])
}

unknown contains lib.entry(r, msg, "type") if {
	some r in lib.resources_of_type("aws_ssm_parameter")
	lib.is_unknown(r, ["type"])
	_secret_like(r)
	msg := sprintf("%s looks like a secret (its %s %q) and its type is known only after apply", [r.address, _why(r), _text(r, _why(r))])
}
