package tfgate.rules.aws.exposure.opensearch_public_test

import data.tfgate.rules.aws.exposure.opensearch_public as rule
import data.tfgate.test

test_no_vpc_denied if {
	r := test.with_unknown(test.res("aws_opensearch_domain", "search", {"domain_name": "search", "vpc_options": []}), {"access_policies": true, "vpc_options": []})
	rule.deny == {{"resource": "aws_opensearch_domain.search", "message": "aws_opensearch_domain.search has a public endpoint (no vpc_options)", "attribute": ""}} with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_open_policy_named if {
	policy := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}]})
	r := test.res("aws_elasticsearch_domain", "logs", {"vpc_options": [], "access_policies": policy})
	rule.deny == {{"resource": "aws_elasticsearch_domain.logs", "message": "aws_elasticsearch_domain.logs has a public endpoint (no vpc_options); its access policy also allows everyone without a condition", "attribute": ""}} with input as test.doc([r])
}

test_ip_conditioned_policy_not_named if {
	policy := json.marshal({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "es:*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/28"}}}})
	r := test.res("aws_opensearch_domain", "search", {"vpc_options": [], "access_policies": policy})
	some d in rule.deny with input as test.doc([r])
	d.message == "aws_opensearch_domain.search has a public endpoint (no vpc_options)"
}

test_vpc_allowed if {
	r := test.res("aws_opensearch_domain", "search", {"vpc_options": [{"subnet_ids": ["subnet-1"], "security_group_ids": ["sg-1"]}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_vpc_block_indeterminate if {
	r := test.with_unknown(test.res("aws_opensearch_domain", "search", {}), {"vpc_options": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_opensearch_domain", "search", {"vpc_options": []}))
	count(rule.deny) == 0 with input as test.doc([r])
}

test_null_vpc_options_denied if {
	r := test.res("aws_opensearch_domain", "search", {"vpc_options": null, "access_policies": "{not json"})
	count(rule.deny) == 1 with input as test.doc([r])
}
