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

test_results_gather_every_rule if {
	got := main.results with data.tfgate.rules as mock_rules
	got == {
		{
			"package": "aws.egress.security_group", "outcome": "fail",
			"resource": "aws_security_group.a", "message": "open", "attribute": "egress[0].cidr_blocks",
		},
		{
			"package": "aws.egress.security_group", "outcome": "unknown",
			"resource": "aws_security_group.b", "message": "not known", "attribute": "egress",
		},
		{
			"package": "aws.tagging.required_tags", "outcome": "fail",
			"resource": "aws_s3_bucket.x", "message": "no tags", "attribute": "",
		},
	}
}

test_results_empty_without_entries if {
	count(main.results) == 0 with data.tfgate.rules as {"acme": {"misc": {"quiet": {"deny": set(), "unknown": set()}}}}
}

test_shard_results_only_applicable_packages if {
	shards := [[
		{"path": ["aws", "egress", "security_group"], "types": ["aws_security_group"]},
		{"path": ["aws", "tagging", "required_tags"], "types": ["*"]},
	], [{"path": ["acme", "misc", "quiet"], "types": []}]]
	doc := {"resources": [{"type": "aws_s3_bucket"}]}
	got := main.shard_results(0) with data.tfgate.rules as mock_rules with data.tfgate.engine.shards as shards with input as doc
	got == {{
		"package": "aws.tagging.required_tags", "outcome": "fail",
		"resource": "aws_s3_bucket.x", "message": "no tags", "attribute": "",
	}}
	with_sg := {"resources": [{"type": "aws_security_group"}]}
	count(main.shard_results(0)) == 3 with data.tfgate.rules as mock_rules with data.tfgate.engine.shards as shards with input as with_sg
	count(main.shard_results(1)) == 0 with data.tfgate.rules as mock_rules with data.tfgate.engine.shards as shards with input as with_sg
}
