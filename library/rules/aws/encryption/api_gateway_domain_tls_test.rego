package tfgate.rules.aws.encryption.api_gateway_domain_tls_test

import data.tfgate.rules.aws.encryption.api_gateway_domain_tls as rule
import data.tfgate.test

rest(p) := test.res("aws_api_gateway_domain_name", "d", {"domain_name": "api.example.com", "security_policy": p})

v2(p) := test.res("aws_apigatewayv2_domain_name", "d", {"domain_name": "ws.example.com", "domain_name_configuration": [{"security_policy": p}]})

test_tls10_denied if {
	rule.deny == {{
		"resource": "aws_api_gateway_domain_name.d",
		"message": "aws_api_gateway_domain_name.d accepts TLS versions older than 1.2 (security_policy \"TLS_1_0\")",
		"attribute": "security_policy",
	}} with input as test.doc([rest("TLS_1_0")])
}

test_v2_tls10_denied if {
	some d in rule.deny with input as test.doc([v2("TLS_1_0")])
	d.attribute == "domain_name_configuration[0].security_policy"
}

test_tls12_allowed if {
	count(rule.deny) == 0 with input as test.doc([rest("TLS_1_2"), v2("TLS_1_2")])
	count(rule.deny) == 0 with input as test.doc([rest("SecurityPolicy_TLS13_1_3_2025_09")])
	count(rule.deny) == 0 with input as test.doc([rest("SecurityPolicy_TLS13_1_2_2021_06")])
}

test_unknown_is_indeterminate if {
	d := test.with_unknown(test.res("aws_api_gateway_domain_name", "d", {"domain_name": "x"}), {"security_policy": true})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(rest("TLS_1_0"))])
}
