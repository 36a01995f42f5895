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
	object.get(lib.after(r), "scope", "") == "CLOUDFRONT"
}

_attribute(r) := "region" if is_string(object.get(lib.after(r), "region", null))

else := ""

# The global types present in this document, decided once per type.
_global_types := {t | some t, _ in lib.by_type; _global(t)}

_regional(r) if {
	r.provider.name == "aws"
	not r.type in _global_types
	not _global_resource(r)
}

# The allowed regions that are strings (a region is a string or null).
_allowed_names := {x | some x in allowed; is_string(x)}

# The resources whose region is not one of the allowed ones (not known
# before apply included), in one pass over the resources with one set
# lookup each; the exceptions are tested on these few only.
_outside := [r |
	count(allowed) > 0
	some r in lib.resources
	not _allowed_names[r.region]
]

deny contains lib.entry(r, msg, _attribute(r)) if {
	some r in _outside
	is_string(r.region)
	_regional(r)
	msg := sprintf("%s is in region %s, which is not allowed (allowed: %s)", [r.address, r.region, concat(", ", sort(allowed))])
}

unknown contains lib.entry(r, msg, _attribute(r)) if {
	some r in _outside
	not is_string(r.region)
	_regional(r)
	msg := sprintf("%s: its region is known only after apply", [r.address])
}
