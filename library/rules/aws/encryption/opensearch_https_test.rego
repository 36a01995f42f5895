package tfgate.rules.aws.encryption.opensearch_https_test

import data.tfgate.rules.aws.encryption.opensearch_https as rule
import data.tfgate.test

domain(type, https, policy) := test.res(type, "d", {"domain_name": "d", "domain_endpoint_options": [{"enforce_https": https, "tls_security_policy": policy}]})

test_http_and_old_policy_denied if {
	rule.deny == {
		{
			"resource": "aws_opensearch_domain.d",
			"message": "aws_opensearch_domain.d accepts clear-text HTTP (domain_endpoint_options.enforce_https = false)",
			"attribute": "domain_endpoint_options[0].enforce_https",
		},
		{
			"resource": "aws_opensearch_domain.d",
			"message": "aws_opensearch_domain.d accepts TLS versions older than 1.2 (tls_security_policy \"Policy-Min-TLS-1-0-2019-07\")",
			"attribute": "domain_endpoint_options[0].tls_security_policy",
		},
	} with input as test.doc([domain("aws_opensearch_domain", false, "Policy-Min-TLS-1-0-2019-07")])
}

test_elasticsearch_checked if {
	count(rule.deny) == 1 with input as test.doc([domain("aws_elasticsearch_domain", true, "Policy-Min-TLS-1-0-2019-07")])
}

test_modern_allowed if {
	every p in ["Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"] {
		count(rule.deny) == 0 with input as test.doc([domain("aws_opensearch_domain", true, p)])
		count(rule.unknown) == 0 with input as test.doc([domain("aws_opensearch_domain", true, p)])
	}
}

test_unset_block_is_indeterminate if {
	d := test.with_unknown(test.res("aws_opensearch_domain", "d", {"domain_name": "d", "domain_endpoint_options": null}), {"domain_endpoint_options": true})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(domain("aws_opensearch_domain", false, "Policy-Min-TLS-1-0-2019-07"))])
}
