package tfgate.main_test

import data.tfgate.main

mock_rules := {
	"aws": {
		"egress": {"security_group": {
			"deny": {{"resource": "aws_security_group.a", "message": "open", "attribute": "egress[0].cidr_blocks"}},
			"unknown": {{"resource": "aws_security_group.b", "message": "not known", "attribute": "egress"}},
		}},
		"tagging": {"required_tags": {"deny": {{"resource": "aws_s3_bucket.x", "message": "no tags"}}}},
	},
	"acme": {"misc": {"quiet": {"deny": set()}}},
}

test_shard_results_only_its_packages if {
	shards := [
		[{"path": ["aws", "egress", "security_group"]}, {"path": ["aws", "tagging", "required_tags"]}],
		[{"path": ["acme", "misc", "quiet"]}],
	]
	got := main.shard_results(0) with data.tfgate.rules as mock_rules with data.tfgate.engine.shards as shards
	got == [
		[
			"aws.egress.security_group",
			{{"resource": "aws_security_group.a", "message": "open", "attribute": "egress[0].cidr_blocks"}},
			{{"resource": "aws_security_group.b", "message": "not known", "attribute": "egress"}},
		],
		["aws.tagging.required_tags", {{"resource": "aws_s3_bucket.x", "message": "no tags"}}, set()],
	]
	main.shard_results(1) == [["acme.misc.quiet", set(), set()]] with data.tfgate.rules as mock_rules with data.tfgate.engine.shards as shards
}
