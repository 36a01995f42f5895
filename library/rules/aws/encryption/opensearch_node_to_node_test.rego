package tfgate.rules.aws.encryption.opensearch_node_to_node_test

import data.tfgate.rules.aws.encryption.opensearch_node_to_node as rule
import data.tfgate.test

domain(type, blocks) := test.res(type, "d", {"domain_name": "d", "node_to_node_encryption": blocks})

test_disabled_denied if {
	rule.deny == {{
		"resource": "aws_opensearch_domain.d",
		"message": "aws_opensearch_domain.d does not encrypt traffic between its nodes (node_to_node_encryption.enabled = false)",
		"attribute": "node_to_node_encryption[0].enabled",
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
	d := test.with_unknown(domain("aws_opensearch_domain", null), {"node_to_node_encryption": true})
	count(rule.deny) == 0 with input as test.doc([d])
	count(rule.unknown) == 1 with input as test.doc([d])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(domain("aws_opensearch_domain", [{"enabled": false}]))])
}
