# METADATA
# title: Resources must carry the required tags
# description: |
#   Every resource whose type takes tags must carry each key listed in the
#   `required_tags` parameter among its effective tags: its own `tags` merged
#   with the provider's `default_tags` (Terraform's `tags_all`). A tag whose
#   value is known only after apply counts as present. Types that take no tags
#   (for example aws_s3_bucket_public_access_block) are never reported.
# custom:
#   id: TFG-AWS-TAG-001
#   severity: medium
#   family: tagging
#   resource_types: ["*"]
#   frameworks:
#     aws-well-architected: ["COST03-BP02"]
#     nist-800-53: ["CM-8"]
#   params: [required_tags]
#   remediation: |
#     Add the missing keys to the resource's `tags`, or once for every
#     resource to the provider's `default_tags { tags = {...} }` block.
package tfgate.rules.aws.tagging.required_tags

import data.tfgate.lib

required := {k | some k in lib.param("required_tags")}

deny contains lib.entry(r, msg, "tags") if {
	some r in lib.resources
	r.provider.name == "aws"
	lib.takes_tags(r)
	missing := lib.missing_tags(r, required)
	count(missing) > 0
	msg := sprintf("%s is missing required tag(s) %s", [r.address, concat(", ", sort(missing))])
}

unknown contains lib.entry(r, msg, "tags") if {
	some r in lib.resources
	r.provider.name == "aws"
	not lib.takes_tags(r)
	lib.is_unknown(r, ["tags_all"])
	msg := sprintf("%s: its tags are known only after apply", [r.address])
}
