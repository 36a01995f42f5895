# METADATA
# title: AWS resources must be in an allowed region
# description: |
#   Every AWS resource's effective region (its own `region` argument, else
#   the region of the provider configuration it uses, following aliases and
#   module `providers` maps, and root variables) must be one of the
#   `allowed_regions` parameter. Global services, whose resources have no
#   region of their own, are exempt: IAM (aws_iam_*), Route 53 (aws_route53_*
#   except aws_route53_resolver_*), CloudFront (aws_cloudfront_*),
#   Organizations (aws_organizations_*), Budgets (aws_budgets_*), Shield
#   (aws_shield_*), aws_s3_account_public_access_block and Global
#   Accelerator (aws_globalaccelerator_*). A region known only after apply is
#   indeterminate.
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
	"aws_iam_", "aws_route53_", "aws_cloudfront_", "aws_organizations_",
	"aws_budgets_", "aws_shield_", "aws_globalaccelerator_",
]

global_types := {"aws_s3_account_public_access_block"}

_global(t) if t in global_types

_global(t) if {
	some p in global_prefixes
	startswith(t, p)
	not startswith(t, "aws_route53_resolver_")
}

_attribute(r) := "region" if is_string(object.get(lib.after(r), "region", null))

_attribute(r) := "" if not is_string(object.get(lib.after(r), "region", null))

# The global types present in this document, decided once per type.
_global_types := {t | some t, _ in lib.by_type; _global(t)}

_regional(r) if {
	r.provider.name == "aws"
	not r.type in _global_types
}

deny contains lib.entry(r, msg, _attribute(r)) if {
	count(allowed) > 0
	some r in lib.resources
	_regional(r)
	is_string(r.region)
	not r.region in allowed
	msg := sprintf("%s is in region %s, which is not allowed (allowed: %s)", [r.address, r.region, concat(", ", sort(allowed))])
}

unknown contains lib.entry(r, msg, _attribute(r)) if {
	count(allowed) > 0
	some r in lib.resources
	_regional(r)
	not is_string(r.region)
	msg := sprintf("%s: its region is known only after apply", [r.address])
}
