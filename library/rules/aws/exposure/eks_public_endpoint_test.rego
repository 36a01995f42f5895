package tfgate.rules.aws.exposure.eks_public_endpoint_test

import data.tfgate.rules.aws.exposure.eks_public_endpoint as rule
import data.tfgate.test

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

eks(vpc) := test.res("aws_eks_cluster", "k", {"vpc_config": [vpc]})

# Provider default: public endpoint, ranges unknown in the plan (computed).
default_cluster := located(test.with_unknown(eks({"endpoint_public_access": true, "subnet_ids": ["subnet-1"]}), {"vpc_config": [{"public_access_cidrs": true}]}), ["vpc_config", "vpc_config[0]", "vpc_config[0].subnet_ids"])

test_default_ranges_denied if {
	rule.deny == {{"resource": "aws_eks_cluster.k", "message": "aws_eks_cluster.k has a public API endpoint and does not restrict public_access_cidrs (AWS's default is 0.0.0.0/0)", "attribute": "vpc_config[0].endpoint_public_access"}} with input as test.doc([default_cluster])
	count(rule.unknown) == 0 with input as test.doc([default_cluster])
}

test_default_without_location_denied if {
	r := test.with_unknown(eks({"endpoint_public_access": true}), {"vpc_config": [{"public_access_cidrs": true}]})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_open_ranges_denied if {
	r := eks({"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/1", "128.0.0.0/1"]})
	rule.deny == {{"resource": "aws_eks_cluster.k", "message": "aws_eks_cluster.k has a public API endpoint open to the internet (public_access_cidrs: 0.0.0.0/1, 128.0.0.0/1)", "attribute": "vpc_config[0].public_access_cidrs"}} with input as test.doc([r])
}

test_empty_ranges_denied if {
	r := eks({"endpoint_public_access": true, "public_access_cidrs": []})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_restricted_allowed if {
	r := eks({"endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/28"]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_private_endpoint_allowed if {
	r := test.with_unknown(eks({"endpoint_public_access": false, "endpoint_private_access": true}), {"vpc_config": [{"public_access_cidrs": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_written_unknown_ranges_indeterminate if {
	r := located(test.with_unknown(eks({"endpoint_public_access": true}), {"vpc_config": [{"public_access_cidrs": true}]}), ["vpc_config[0].public_access_cidrs"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_endpoint_switch_indeterminate if {
	r := test.with_unknown(eks({"public_access_cidrs": ["0.0.0.0/0"]}), {"vpc_config": [{"endpoint_public_access": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(default_cluster)])
}

test_null_ranges_are_the_default if {
	r := eks({"endpoint_public_access": true, "public_access_cidrs": null})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_partly_unknown_open_ranges_denied_once if {
	r := located(test.with_unknown(eks({"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0", null]}), {"vpc_config": [{"public_access_cidrs": [false, true]}]}), ["vpc_config[0].public_access_cidrs"])
	count(rule.deny) == 1 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}
