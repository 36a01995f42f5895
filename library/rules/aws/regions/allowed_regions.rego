# METADATA
# title: AWS resources must be in an allowed region
# description: |
#   Every AWS resource's effective region (its own `region` argument, else
#   the region of the provider configuration it uses, following aliases and
#   module `providers` maps, and root variables) must be one of the
#   `allowed_regions` parameter. Global services, whose resources have no
#   region of their own, are exempt: IAM (aws_iam_*), Route 53 (aws_route53_*
#   except the regional aws_route53_resolver_*; aws_route53domains_*; the
#   Application Recovery Controller's aws_route53recoverycontrolconfig_* and
#   aws_route53recoveryreadiness_*; Route 53 Profiles, aws_route53profiles_*,
#   are regional), CloudFront (aws_cloudfront_*, aws_cloudfrontkeyvaluestore_*),
#   WAF classic (aws_waf_*, not the regional aws_wafregional_*; also
#   aws_wafv2_* with scope CLOUDFRONT), Organizations (aws_organizations_*),
#   account settings (aws_account_*, aws_s3_account_public_access_block),
#   Budgets (aws_budgets_*), Cost Explorer (aws_ce_*), Cost and Usage
#   Reports (aws_cur_*), Shield (aws_shield_*), Global Accelerator
#   (aws_globalaccelerator_*), Network Manager (aws_networkmanager_*) and
#   ECR Public (aws_ecrpublic_*, served from us-east-1 only). A region known
#   only after apply is indeterminate. Availability zones are checked by
#   TFG-AWS-REG-002.
# custom:
#   id: TFG-AWS-REG-001
#   severity: high
#   family: regions
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["SA-9(5)"]
#   params: [allowed_regions]
#   remediation: |
#     Use a provider configuration whose region is allowed (or add the
#     region to allowed_regions if the data may live there).
package tfgate.rules.aws.regions.allowed_regions

import data.tfgate.lib

allowed := {r | some r in lib.param("allowed_regions")}

global_prefixes := [
	"aws_iam_", "aws_route53_", "aws_route53domains_", "aws_route53recoverycontrolconfig_",
	"aws_route53recoveryreadiness_", "aws_cloudfront_", "aws_cloudfrontkeyvaluestore_",
	"aws_waf_", "aws_organizations_", "aws_account_", "aws_budgets_", "aws_ce_", "aws_cur_",
	"aws_shield_", "aws_globalaccelerator_", "aws_networkmanager_", "aws_ecrpublic_",
]

global_types := {"aws_s3_account_public_access_block"}

# Prefixes of regional services whose names start like a global one.
regional_prefixes := ["aws_route53_resolver_"]

_global(t) if t in global_types

_global(t) if {
	some p in global_prefixes
	startswith(t, p)
	not _regional_prefix(t)
}

_regional_prefix(t) if {
	some p in regional_prefixes
	startswith(t, p)
}

# WAFv2 objects with scope CLOUDFRONT belong to CloudFront (global; AWS
# keeps them in us-east-1).
_global_resource(r) if {
	startswith(r.type, "aws_wafv2_")
	r.after.scope == "CLOUDFRONT"
}

# The types some resource of which sets its own region argument
# (lib.type_attributes): only those name the attribute.
_region_types := {t | some t, attrs in lib.type_attributes; attrs.region}

_attribute(r) := "region" if {
	_region_types[r.type]
	is_string(r.after.region)
} else := ""

# What each resource type present in this document is, decided once per
# type: "global" (exempt), "plain" (regional; no resource of the type sets
# region, so none names an attribute) or "other" (regional, or WAFv2: each
# resource is looked at).
_type_kinds := {t: kind | some t, _ in lib.by_type; kind := _type_kind(t)}

_type_kind(t) := "global" if _global(t)

else := "other" if startswith(t, "aws_wafv2_")

else := "other" if _region_types[t]

else := "plain"

# The allowed regions that are strings (a region is a string or null).
_allowed_names := {x | some x in allowed; is_string(x)}

# The allowed regions as the messages list them.
_allowed_list := concat(", ", sort(allowed))

# The regions outside the allowed ones (not known before apply included)
# of each regional type present, when some resource of the type is in one:
# one pass over the resources of the regional types collecting their
# regions (global types are skipped whole), then a set difference. (A
# resource without a region at all, which tfgate's documents never hold, is
# not looked at, as before.)
_bad_regions := {t: bad |
	count(allowed) > 0
	some t, kind in _type_kinds
	kind != "global"
	bad := {x | some r in lib.by_type[t]; x := r.region} - _allowed_names
	count(bad) > 0
}

# The resources outside the allowed regions: [resource, the kind of its
# type, whether its region is known]. Only the types with a resource outside
# are looked at again, with one comparison per resource and region outside.
_outside := [[r, kind, known] |
	kinds := _type_kinds
	some t, bad in _bad_regions
	kind := kinds[t]
	some b in bad
	known := is_string(b)
	some r in lib.by_type[t]
	r.region == b
]

# The AWS resources among them that are not exempt (global WAFv2 objects):
# [resource, attribute to name, whether the region is known].
_found := array.concat(
	[[r, "", known] |
		some [r, "plain", known] in _outside
		r.provider.name == "aws"
	],
	[[r, _attribute(r), known] |
		some [r, "other", known] in _outside
		r.provider.name == "aws"
		not _global_resource(r)
	],
)

# (The entries are lib.entry objects, written out: one per resource
# outside the allowed regions.)
deny contains {"resource": r.address, "message": msg, "attribute": attr} if {
	some [r, attr, true] in _found
	msg := sprintf("%s is in region %s, which is not allowed (allowed: %s)", [r.address, r.region, _allowed_list])
}

unknown contains {"resource": r.address, "message": msg, "attribute": attr} if {
	some [r, attr, false] in _found
	msg := sprintf("%s: its region is known only after apply", [r.address])
}
