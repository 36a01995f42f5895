package tfgate.rules.aws.regions.allowed_regions_test

import data.tfgate.rules.aws.regions.allowed_regions as rule
import data.tfgate.test

params := {"allowed_regions": ["us-east-1", "eu-west-1"]}

in_region(r, region) := object.union(r, {"region": region})

test_disallowed_region_denied if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2")
	rule.deny == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q is in region ap-southeast-2, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""}} with input as test.doc([r]) with data.tfgate.params as params
}

test_resource_region_argument_is_the_attribute if {
	r := in_region(test.res("aws_sqs_queue", "q", {"region": "sa-east-1"}), "sa-east-1")
	some d in rule.deny with input as test.doc([r]) with data.tfgate.params as params
	d.attribute == "region"
}

test_allowed_region_passes if {
	r := test.res("aws_sqs_queue", "q", {})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_unknown_region_is_silent if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), null)
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as params
}

test_global_services_exempt if {
	r := in_region(test.res("aws_iam_role", "r", {}), "ap-southeast-2")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2"))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	r := in_region(test.res("aws_sqs_queue", "q", {}), "ap-southeast-2")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {}
}

# AWS provider 6: a resource's own `region` argument decides, not the
# provider's (the document's region follows it; plan/derive.go EffectiveRegion).
test_provider6_region_argument_overrides_provider if {
	base := test.res("aws_sqs_queue", "q", {"region": "eu-central-1"})
	r := object.union(base, {"region": "eu-central-1", "provider": object.union(base.provider, {"region": "us-east-1"})})
	rule.deny == {{"resource": "aws_sqs_queue.q", "message": "aws_sqs_queue.q is in region eu-central-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": "region"}} with input as test.doc([r]) with data.tfgate.params as params
}

test_provider6_region_argument_allowed_under_other_provider if {
	base := test.res("aws_sqs_queue", "q", {"region": "eu-west-1"})
	r := object.union(base, {"region": "eu-west-1", "provider": object.union(base.provider, {"region": "ap-southeast-2"})})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_more_global_services_exempt if {
	rs := [in_region(test.res(t, "g", {}), "ap-southeast-2") | some t in [
		"aws_waf_web_acl", "aws_waf_ipset", "aws_route53_zone", "aws_route53domains_registered_domain",
		"aws_cloudfront_distribution", "aws_cloudfrontkeyvaluestore_key", "aws_organizations_account",
		"aws_iam_policy", "aws_s3_account_public_access_block", "aws_ecrpublic_repository",
		"aws_account_alternate_contact", "aws_ce_cost_category", "aws_networkmanager_global_network",
	]]
	count(rule.deny) == 0 with input as test.doc(rs) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc(rs) with data.tfgate.params as params
}

test_regional_lookalikes_reported if {
	rs := [in_region(test.res(t, "g", {}), "ap-southeast-2") | some t in [
		"aws_wafregional_web_acl", "aws_route53_resolver_rule", "aws_route53profiles_profile", "aws_wafv2_web_acl",
	]]
	count(rule.deny) == 4 with input as test.doc(rs) with data.tfgate.params as params
}

test_wafv2_cloudfront_scope_exempt if {
	r := in_region(test.res("aws_wafv2_web_acl", "cf", {"scope": "CLOUDFRONT"}), "ap-southeast-2")
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	regional := in_region(test.res("aws_wafv2_web_acl", "alb", {"scope": "REGIONAL"}), "ap-southeast-2")
	count(rule.deny) == 1 with input as test.doc([regional]) with data.tfgate.params as params
}

test_other_providers_ignored if {
	r := object.union(in_region(test.res("azurerm_resource_group", "rg", {}), "westeurope"), {"provider": {"name": "azurerm"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

# Resources of one type in and outside the allowed regions, known and not:
# each is decided on its own region.
test_one_type_mixed_regions if {
	rs := [
		in_region(test.res("aws_sqs_queue", "a", {}), "ap-southeast-2"),
		in_region(test.res("aws_sqs_queue", "b", {}), "eu-west-1"),
		in_region(test.res("aws_sqs_queue", "c", {}), null),
		in_region(test.res("aws_sqs_queue", "d", {}), "sa-east-1"),
		test.res("aws_sqs_queue", "e", {}),
	]
	rule.deny == {
		{"resource": "aws_sqs_queue.a", "message": "aws_sqs_queue.a is in region ap-southeast-2, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""},
		{"resource": "aws_sqs_queue.d", "message": "aws_sqs_queue.d is in region sa-east-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""},
	} with input as test.doc(rs) with data.tfgate.params as params
	rule.unknown == {{"resource": "aws_sqs_queue.c", "message": "aws_sqs_queue.c: its region is known only after apply", "attribute": ""}} with input as test.doc(rs) with data.tfgate.params as params
}

# The attribute is named per resource: only the resources of a type that set
# their own region argument name it.
test_region_argument_named_per_resource if {
	rs := [
		in_region(test.res("aws_sqs_queue", "own", {"region": "sa-east-1"}), "sa-east-1"),
		in_region(test.res("aws_sqs_queue", "provider", {"region": null}), "sa-east-1"),
	]
	rule.deny == {
		{"resource": "aws_sqs_queue.own", "message": "aws_sqs_queue.own is in region sa-east-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": "region"},
		{"resource": "aws_sqs_queue.provider", "message": "aws_sqs_queue.provider is in region sa-east-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""},
	} with input as test.doc(rs) with data.tfgate.params as params
}

# A WAFv2 object is exempt by its own scope, next to regional ones of its
# type, also when it sets its region argument.
test_wafv2_scope_per_resource if {
	rs := [
		in_region(test.res("aws_wafv2_web_acl", "cf", {"scope": "CLOUDFRONT", "region": "ap-southeast-2"}), "ap-southeast-2"),
		in_region(test.res("aws_wafv2_web_acl", "alb", {"scope": "REGIONAL"}), "ap-southeast-2"),
		in_region(test.res("aws_wafv2_ip_set", "unk", {"scope": "REGIONAL"}), null),
	]
	rule.deny == {{"resource": "aws_wafv2_web_acl.alb", "message": "aws_wafv2_web_acl.alb is in region ap-southeast-2, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""}} with input as test.doc(rs) with data.tfgate.params as params
	rule.unknown == {{"resource": "aws_wafv2_ip_set.unk", "message": "aws_wafv2_ip_set.unk: its region is known only after apply", "attribute": ""}} with input as test.doc(rs) with data.tfgate.params as params
}

# A resource without a region at all (tfgate's documents always have one,
# a string or null) is not looked at, and does not hide the others of its
# type.
test_missing_region_not_looked_at if {
	rs := [
		object.remove(test.res("aws_sqs_queue", "none", {}), ["region"]),
		in_region(test.res("aws_sqs_queue", "far", {}), "ap-southeast-2"),
		test.res("aws_sqs_queue", "near", {}),
	]
	rule.deny == {{"resource": "aws_sqs_queue.far", "message": "aws_sqs_queue.far is in region ap-southeast-2, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""}} with input as test.doc(rs) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc(rs) with data.tfgate.params as params
}

# An AWS type whose resources use another provider is not checked; the
# other AWS types of the document are.
test_other_provider_among_aws if {
	base := in_region(test.res("aws_sqs_queue", "x", {}), "westeurope")
	other := object.union(base, {"provider": {"name": "awscc"}})
	aws := in_region(test.res("aws_sns_topic", "t", {}), "westeurope")
	rule.deny == {{"resource": "aws_sns_topic.t", "message": "aws_sns_topic.t is in region westeurope, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": ""}} with input as test.doc([other, aws]) with data.tfgate.params as params
}
