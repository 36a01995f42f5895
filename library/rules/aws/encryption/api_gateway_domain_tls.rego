# METADATA
# title: API Gateway custom domain names must require TLS 1.2
# description: |
#   An aws_api_gateway_domain_name (REST APIs) must not use the TLS_1_0
#   `security_policy`, which accepts TLS 1.0 and 1.1; TLS_1_2 and the newer
#   enhanced policies (names without a TLS 1.0/1.1 minimum) pass. The same
#   holds for `domain_name_configuration.security_policy` of
#   aws_apigatewayv2_domain_name (HTTP and WebSocket APIs). A policy known
#   only after apply, including an unset one on a REST domain (AWS then
#   picks its default), is indeterminate.
# custom:
#   id: TFG-AWS-ENC-043
#   severity: medium
#   family: encryption
#   resource_types: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-13", "SC-23"]
#   remediation: |
#     Set `security_policy = "TLS_1_2"` (REST) or
#     `domain_name_configuration { security_policy = "TLS_1_2" }` (v2).
package tfgate.rules.aws.encryption.api_gateway_domain_tls

import data.tfgate.lib

_checks := [
	{"type": "aws_api_gateway_domain_name", "path": ["security_policy"]},
	{"type": "aws_apigatewayv2_domain_name", "path": ["domain_name_configuration", 0, "security_policy"]},
]

# _weak(p): a policy whose minimum is TLS 1.0 or 1.1 ("TLS_1_0", and the
# enhanced policy names that carry a 1_0 / 1_1 minimum).
_weak(p) if regex.match(`(?i)(^|_)TLS(1[0-3])?_1_[01](_|$)`, p)

deny contains lib.entry(r, msg, lib.attr_path(c.path)) if {
	some c in _checks
	some r in lib.resources_of_type(c.type)
	p := object.get(lib.after(r), c.path, null)
	is_string(p)
	_weak(p)
	msg := sprintf("%s accepts TLS versions older than 1.2 (security_policy %q)", [r.address, p])
}

unknown contains lib.entry(r, msg, lib.attr_path(c.path)) if {
	some c in _checks
	some r in lib.resources_of_type(c.type)
	lib.is_unknown(r, c.path)
	msg := sprintf("%s: its TLS security policy is known only after apply", [r.address])
}
