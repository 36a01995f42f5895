package tfgate.rules.aws.encryption.cloudfront_viewer_https_test

import data.tfgate.rules.aws.encryption.cloudfront_viewer_https as rule
import data.tfgate.test

dist(default_policy, ordered) := test.res("aws_cloudfront_distribution", "d", {
	"default_cache_behavior": [{"viewer_protocol_policy": default_policy}],
	"ordered_cache_behavior": ordered,
})

test_allow_all_denied if {
	rule.deny == {
		{
			"resource": "aws_cloudfront_distribution.d",
			"message": "aws_cloudfront_distribution.d allows clear-text HTTP (viewer_protocol_policy \"allow-all\") in its default cache behaviour",
			"attribute": "default_cache_behavior[0].viewer_protocol_policy",
		},
		{
			"resource": "aws_cloudfront_distribution.d",
			"message": "aws_cloudfront_distribution.d allows clear-text HTTP (viewer_protocol_policy \"allow-all\") in its cache behaviour for \"/static/*\"",
			"attribute": "ordered_cache_behavior[1].viewer_protocol_policy",
		},
	} with input as test.doc([dist("allow-all", [
		{"path_pattern": "/api/*", "viewer_protocol_policy": "https-only"},
		{"path_pattern": "/static/*", "viewer_protocol_policy": "allow-all"},
	])])
}

test_https_allowed if {
	count(rule.deny) == 0 with input as test.doc([dist("redirect-to-https", [{"path_pattern": "/a", "viewer_protocol_policy": "https-only"}])])
}

test_unknown_is_indeterminate if {
	d := test.with_unknown(dist(null, []), {"default_cache_behavior": [{"viewer_protocol_policy": true}]})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(dist("allow-all", []))])
}
