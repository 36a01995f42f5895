# METADATA
# title: EC2 instances must boot from approved AMIs
# description: |
#   Guardrail for machine images, switched on by the `allowed_amis`
#   parameter (a list of AMI ids or glob patterns over ids, such as
#   ["ami-0a1b2c3d4e5f60718", "ami-0abc*"]); until it is set the rule is
#   reported as not evaluated. The image of aws_instance and
#   aws_spot_instance_request (`ami`) and of aws_launch_template and
#   aws_launch_configuration (`image_id`) fails unless it matches one of
#   them. An AMI that matches passes. A plan shows the AMI id only: its
#   owner, name and tags need an AWS API call, so approve ids (golden-image
#   pipelines publish them). An AMI known only after apply is indeterminate;
#   an AMI looked up with a data source is known in a plan but indeterminate
#   in configuration input. A launch template without image_id, and an
#   instance launched from a launch template without an ami of its own, are
#   not checked (the template is). EKS managed node groups without a custom
#   AMI run the EKS-optimised AMIs AWS publishes for their `ami_type`; when
#   the optional `allowed_eks_ami_types` parameter is set (a list such as
#   ["BOTTLEROCKET_x86_64"]; unset, every type AWS publishes), a node group
#   fails with another ami_type. A node group with ami_type CUSTOM passes
#   here, since its AMI is the launch template's image_id. A node group
#   whose ami_type is known only after apply is indeterminate. Resources
#   outside the optional `guardrail_scope_tags` parameter (an object of tag
#   key to a value or a list of values, matched against effective tags;
#   unset: every resource is in scope) are not checked, and one whose scope
#   tag is known only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-SUPPLY-002
#   severity: high
#   family: supply-chain
#   resource_types: [aws_instance, aws_spot_instance_request, aws_launch_template, aws_launch_configuration, aws_eks_node_group]
#   frameworks:
#     nist-800-53: ["CM-2", "CM-7(5)", "SR-3", "SI-7"]
#   params: [allowed_amis]
#   remediation: |
#     Boot from an approved (golden) AMI, or add the AMI id to allowed_amis
#     after it has been reviewed.
package tfgate.rules.aws.supply_chain.approved_amis

import data.tfgate.lib

_allowed := [p | some p in lib.param("allowed_amis"); is_string(p)] if {
	is_array(lib.param("allowed_amis"))
} else := [p | p := lib.param("allowed_amis"); is_string(p)]

_eks_types := {t | some t in object.get(data.tfgate.params, "allowed_eks_ami_types", []); is_string(t)}

_on if count(_allowed) > 0

_approved(ami) if {
	some p in _allowed
	glob.match(p, null, ami)
}

_attrs := {
	"aws_instance": "ami",
	"aws_spot_instance_request": "ami",
	"aws_launch_template": "image_id",
	"aws_launch_configuration": "image_id",
}

_list(v) := v if is_array(v)

_list(v) := [] if not is_array(v)

# Guardrail scope (lib.in_scope, lib.maybe_in_scope): the rule builds
# _fail and _indeterminate, sets of [resource, message, attribute], and these
# outputs keep what is in scope.

deny contains lib.entry(f[0], f[1], f[2]) if {
	some f in _fail
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], f[1], f[2]) if {
	some f in _indeterminate
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], sprintf("%s (whether it is in guardrail_scope_tags is known only after apply)", [f[1]]), f[2]) if {
	some f in _fail | _indeterminate
	lib.maybe_in_scope(f[0])
}

_fail contains [r, msg, attr] if {
	_on
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	ami := object.get(lib.after(r), attr, null)
	is_string(ami)
	ami != ""
	not _approved(ami)
	msg := sprintf("%s boots from %s, which is not an approved AMI (allowed: %s)", [r.address, ami, concat(", ", _allowed)])
}

_indeterminate contains [r, msg, attr] if {
	_on
	some t, attr in _attrs
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, [attr])
	not _from_template(r)
	msg := sprintf("%s: its AMI (%s) is known only after apply", [r.address, attr])
}

_from_template(r) if count(_list(object.get(lib.after(r), "launch_template", []))) > 0

# EKS managed node groups: AWS-published AMI types.
_fail contains [r, msg, "ami_type"] if {
	_on
	count(_eks_types) > 0
	some r in lib.resources_of_type("aws_eks_node_group")
	t := object.get(lib.after(r), "ami_type", null)
	is_string(t)
	t != "CUSTOM"
	not t in _eks_types
	msg := sprintf("%s runs EKS-optimised AMIs of type %s, which is not allowed (allowed_eks_ami_types: %s)", [r.address, t, concat(", ", sort(_eks_types))])
}

_indeterminate contains [r, msg, "ami_type"] if {
	_on
	count(_eks_types) > 0
	some r in lib.resources_of_type("aws_eks_node_group")
	lib.is_unknown(r, ["ami_type"])
	msg := sprintf("%s: its ami_type is not set or known only after apply (EKS chooses it from the instance types)", [r.address])
}
