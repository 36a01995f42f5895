# METADATA
# title: EC2 instances must use an allowed instance type
# description: |
#   Guardrail for EC2 sizes, switched on by the `allowed_instance_types`
#   parameter (a list of exact types or glob patterns such as ["t3.*",
#   "m6i.large", "m7g.*"], where `*` matches any characters, dots included,
#   so "t3*" also allows t3a); until it is set the rule is reported as not
#   evaluated. The instance type of aws_instance, aws_spot_instance_request,
#   aws_launch_template and aws_launch_configuration, the `instance_types`
#   of aws_eks_node_group and the `override` instance types of an
#   aws_autoscaling_group's mixed_instances_policy fail unless they match a
#   pattern. A type that matches one passes. A type known only after apply
#   is indeterminate. A launch template without an instance type is not
#   checked (whoever launches it chooses), nor is an instance launched from
#   a launch template without a type of its own (the template is checked).
#   Database and cache classes are not checked here: they have their own
#   parameters and rules (allowed_db_instance_classes,
#   allowed_cache_node_types), because their names ("db.r6g.large",
#   "cache.t4g.small") and sizing policies differ. aws_launch_configuration
#   takes no tags, so guardrail_scope_tags cannot exclude it. Resources
#   outside the optional `guardrail_scope_tags` parameter (an object of tag
#   key to a value or a list of values, matched against effective tags;
#   unset: every resource is in scope) are not checked, and one whose scope
#   tag is known only after apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-COST-001
#   severity: low
#   family: cost
#   resource_types: [aws_instance, aws_spot_instance_request, aws_launch_template, aws_launch_configuration, aws_eks_node_group, aws_autoscaling_group]
#   frameworks:
#     nist-800-53: ["CM-6", "CM-2"]
#   params: [allowed_instance_types]
#   remediation: |
#     Choose an instance type from the allowed list, or ask for the type (or
#     family) to be added to allowed_instance_types.
package tfgate.rules.aws.cost.instance_types

import data.tfgate.lib

_param := "allowed_instance_types"

_allowed := [p | some p in lib.param(_param); is_string(p)] if is_array(lib.param(_param)) else := [p | p := lib.param(_param); is_string(p)]

_ok(v) if {
	some p in _allowed
	glob.match(p, null, v)
}

# Where each type keeps its instance type(s): paths of single values.
_single := {
	"aws_instance": ["instance_type"],
	"aws_spot_instance_request": ["instance_type"],
	"aws_launch_template": ["instance_type"],
	"aws_launch_configuration": ["instance_type"],
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

# _values_at(r): [path, value] pairs of the instance types of r (value null
# when unknown).
_values_at(r) := [[p, v] | p := _single[r.type]; v := object.get(lib.after(r), p, null)] if _single[r.type]

_values_at(r) := [[["instance_types", i], v] | some i, v in _list(object.get(lib.after(r), "instance_types", []))] if r.type == "aws_eks_node_group"

_values_at(r) := [[p, v] |
	some i, lt in _list(object.get(lib.after(r), ["mixed_instances_policy", 0, "launch_template"], []))
	some j, o in _list(object.get(lt, "override", []))
	p := ["mixed_instances_policy", 0, "launch_template", i, "override", j, "instance_type"]
	v := object.get(o, "instance_type", null)
] if r.type == "aws_autoscaling_group"

_types := ["aws_instance", "aws_spot_instance_request", "aws_launch_template", "aws_launch_configuration", "aws_eks_node_group", "aws_autoscaling_group"]

_candidates := [[r, p, v] |
	count(_allowed) > 0
	some t in _types
	some r in lib.resources_of_type(t)
	some pv in _values_at(r)
	p := pv[0]
	v := pv[1]
]

_fail contains [r, msg, lib.attr_path(p)] if {
	some c in _candidates
	[r, p, v] := c
	is_string(v)
	not _ok(v)
	msg := sprintf("%s uses instance type %s, which is not allowed (allowed: %s)", [r.address, v, concat(", ", _allowed)])
}

_indeterminate contains [r, msg, lib.attr_path(p)] if {
	some c in _candidates
	[r, p, _] := c
	lib.is_unknown(r, p)
	not _from_template(r)
	msg := sprintf("%s: its instance type (%s) is known only after apply", [r.address, lib.attr_path(p)])
}

# An eks node group whose instance_types list as a whole is unknown.
_indeterminate contains [r, msg, "instance_types"] if {
	count(_allowed) > 0
	some r in lib.resources_of_type("aws_eks_node_group")
	lib.is_unknown(r, ["instance_types"])
	msg := sprintf("%s: its instance types are known only after apply", [r.address])
}

# An instance launched from a launch template takes its type from there
# (checked on the template) when it sets none itself.
_from_template(r) if count(_list(object.get(lib.after(r), "launch_template", []))) > 0
