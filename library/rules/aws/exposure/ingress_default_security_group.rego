# METADATA
# title: The default security group of a VPC must not allow any traffic
# description: |
#   Resources that use a VPC's default security group without choosing one
#   get whatever it allows, so it must allow nothing (no inbound, no
#   outbound rule). Fails: an aws_default_security_group with an inline
#   `ingress` or `egress` block; an aws_security_group_rule,
#   aws_vpc_security_group_ingress_rule or
#   aws_vpc_security_group_egress_rule whose security_group_id refers to an
#   aws_default_security_group or to an aws_vpc (its
#   default_security_group_id); a VPC being created with no
#   aws_default_security_group for it, since AWS gives every new VPC a
#   default group allowing all outbound traffic and all traffic between its
#   members. Indeterminate: a new VPC when some aws_default_security_group
#   names its VPC by a value known only after apply, or names an instance of
#   it that cannot be told. An aws_default_security_group whose rule lists
#   are unknown as a whole has no inline rules: it passes.
#   Existing VPCs (no change) are not reported for a missing
#   aws_default_security_group: their default group may have been emptied
#   outside Terraform.
# custom:
#   id: TFG-AWS-EXPOSURE-004
#   severity: medium
#   family: exposure
#   resource_types: [aws_default_security_group, aws_vpc, aws_security_group_rule, aws_vpc_security_group_ingress_rule, aws_vpc_security_group_egress_rule]
#   frameworks:
#     cis-aws-foundations-v3.0: ["5.4"]
#     aws-fsbp: ["EC2.2"]
#     nist-800-53: ["SC-7", "SC-7(5)", "AC-4"]
#   remediation: |
#     Declare an aws_default_security_group for every VPC with no ingress and
#     no egress blocks (Terraform then removes AWS's default rules), and give
#     resources security groups of their own.
package tfgate.rules.aws.exposure.ingress_default_security_group

import data.tfgate.lib

# Inline rules of aws_default_security_group.
deny contains lib.entry(r, msg, lib.attr_path([dir, i])) if {
	some r in lib.resources_of_type("aws_default_security_group")
	some dir in ["ingress", "egress"]
	blocks := object.get(lib.after(r), dir, [])
	is_array(blocks)
	some i, b in blocks
	is_object(b)
	msg := sprintf("%s (a VPC's default security group) has an %s rule (%s); it must allow no traffic", [r.address, dir, _describe(b)])
}

_describe(b) := "all protocols" if object.get(b, "protocol", "") in {"-1", "all"}

else := sprintf("%v %v-%v", [object.get(b, "protocol", ""), object.get(b, "from_port", ""), object.get(b, "to_port", "")])

# Rule resources attached to a default security group.
_rule_types := {
	"aws_security_group_rule": "rule",
	"aws_vpc_security_group_ingress_rule": "ingress rule",
	"aws_vpc_security_group_egress_rule": "egress rule",
}

# A managed aws_default_security_group or aws_vpc (whose only security
# group attribute is default_security_group_id), in any module; never a
# data source.
_default_group_ref(ref) if {
	regex.match(`(^|\.)(aws_default_security_group|aws_vpc)\.[A-Za-z0-9_-]+(\[[^\]]*\])?$`, ref)
	not regex.match(`(^|\.)data\.(aws_default_security_group|aws_vpc)\.`, ref)
}

deny contains lib.entry(r, msg, "security_group_id") if {
	some t, _ in _rule_types
	some r in lib.resources_of_type(t)
	some ref in lib.references(r, "security_group_id")
	_default_group_ref(ref)
	msg := sprintf("%s adds a rule to the default security group of %s; it must allow no traffic", [r.address, ref])
}

# New VPCs without an aws_default_security_group.
_vpc_keys := {k |
	some g in lib.resources_of_type("aws_default_security_group")
	some k in lib.link_keys(g, "vpc_id")
}

_any_unlinked if {
	some g in lib.resources_of_type("aws_default_security_group")
	lib.unlinked(g, "vpc_id")
}

_new_vpc(v) if lib.is_create(v)

_new_vpc(v) if lib.is_replace(v)

deny contains lib.entry(v, msg, "") if {
	some v in lib.resources_of_type("aws_vpc")
	_new_vpc(v)
	not lib.linked(_vpc_keys, v, ["id"])
	not lib.linked_maybe(_vpc_keys, v)
	not _any_unlinked
	msg := sprintf("%s: its default security group keeps AWS's rules (all outbound traffic, all traffic between members); no aws_default_security_group removes them", [v.address])
}

unknown contains lib.entry(v, msg, "") if {
	some v in lib.resources_of_type("aws_vpc")
	_new_vpc(v)
	not lib.linked(_vpc_keys, v, ["id"])
	_maybe(v)
	msg := sprintf("%s: whether an aws_default_security_group empties its default security group is known only after apply", [v.address])
}

_maybe(v) if lib.linked_maybe(_vpc_keys, v)

_maybe(_) if _any_unlinked
