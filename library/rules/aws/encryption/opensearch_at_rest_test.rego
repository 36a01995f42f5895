package tfgate.rules.aws.encryption.opensearch_at_rest_test

import data.tfgate.rules.aws.encryption.opensearch_at_rest as rule
import data.tfgate.test

domain(type, blocks) := test.res(type, "d", {"domain_name": "d", "encrypt_at_rest": blocks})

test_disabled_denied if {
	rule.deny == {{
		"resource": "aws_opensearch_domain.d",
		"message": "aws_opensearch_domain.d does not encrypt data at rest (encrypt_at_rest.enabled = false)",
		"attribute": "encrypt_at_rest[0].enabled",
	}} with input as test.doc([domain("aws_opensearch_domain", [{"enabled": false}])])
}

test_elasticsearch_disabled_denied if {
	count(rule.deny) == 1 with input as test.doc([domain("aws_elasticsearch_domain", [{"enabled": false}])])
}

test_enabled_allowed if {
	count(rule.deny) == 0 with input as test.doc([domain("aws_opensearch_domain", [{"enabled": true}])])
	count(rule.unknown) == 0 with input as test.doc([domain("aws_opensearch_domain", [{"enabled": true}])])
}

test_unset_block_is_indeterminate if {
	d := test.with_unknown(domain("aws_opensearch_domain", null), {"encrypt_at_rest": true})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(domain("aws_opensearch_domain", [{"enabled": false}]))])
}
