package tfgate.rules.aws.encryption.cloudfront_tls_version_test

import data.tfgate.rules.aws.encryption.cloudfront_tls_version as rule
import data.tfgate.test

dist(cert) := test.res("aws_cloudfront_distribution", "d", {"viewer_certificate": [cert]})

custom(v) := dist({"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/x", "cloudfront_default_certificate": null, "minimum_protocol_version": v, "ssl_support_method": "sni-only"})

test_old_version_denied if {
	rule.deny == {{
		"resource": "aws_cloudfront_distribution.d",
		"message": "aws_cloudfront_distribution.d accepts viewers with TLS older than the TLSv1.2_2021 policy (minimum_protocol_version \"TLSv1.1_2016\")",
		"attribute": "viewer_certificate[0].minimum_protocol_version",
	}} with input as test.doc([custom("TLSv1.1_2016")])
}

test_weak_versions_denied if {
	every v in ["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.2_2018", "TLSv1.2_2019"] {
		count(rule.deny) == 1 with input as test.doc([custom(v)])
	}
}

test_unset_version_denied if {
	some d in rule.deny with input as test.doc([custom(null)])
	contains(d.message, "not set, TLSv1")
}

test_modern_allowed if {
	every v in ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(rule.deny) == 0 with input as test.doc([custom(v)])
	}
}

test_default_certificate_passes_by_default if {
	d := dist({"cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1"})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 0 with input as test.doc([d])
}

test_default_certificate_fails_with_parameter if {
	d := dist({"cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1"})
	some f in rule.deny with input as test.doc([d]) with data.tfgate.params as {"cloudfront_default_certificate_fails": true}
	f.attribute == "viewer_certificate[0].cloudfront_default_certificate"
}

test_unknown_is_indeterminate if {
	d := test.with_unknown(custom(null), {"viewer_certificate": [{"minimum_protocol_version": true}]})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(custom("TLSv1"))])
}
