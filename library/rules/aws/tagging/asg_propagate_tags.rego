# METADATA
# title: Auto scaling groups must propagate the required tags to the instances they launch
# description: |
#   An aws_autoscaling_group `tag` block with `propagate_at_launch = false`
#   tags the group only: the EC2 instances it launches do not get the tag.
#   For each key the `required_tags` parameter names (same semantics as
#   TFG-AWS-TAG-001: a list of keys or a map of key to value pattern; keys
#   compared case-insensitively when `required_tags_case_insensitive`,
#   boolean, default false, is true) that the group carries only with
#   propagate_at_launch = false, the group fails unless its launch template
#   tags instances with that key itself (a `tag_specifications {
#   resource_type = "instance" }` block of an aws_launch_template in the
#   same plan that the group's `launch_template` or `mixed_instances_policy`
#   refers to). A group with a launch configuration has no other source of
#   instance tags. Keys the group lacks altogether are TFG-AWS-TAG-001's
#   finding, not this rule's; value patterns are checked there too.
#
#   Indeterminate: propagate_at_launch known only after apply, or a group
#   whose launch template is not in the plan (named by a literal id, a data
#   source or a value known only after apply) or whose instance
#   tag_specifications are known only after apply, so whether the instances
#   get the key another way cannot be told. When any candidate launch
#   template (a reference whose instance is undetermined) tags instances
#   with the key, the group passes.
# custom:
#   id: TFG-AWS-TAG-003
#   severity: low
#   family: tagging
#   resource_types: [aws_autoscaling_group, aws_launch_template]
#   frameworks:
#     aws-well-architected: ["COST03-BP02"]
#     nist-800-53: ["CM-8"]
#   params: [required_tags]
#   remediation: |
#     Set `propagate_at_launch = true` on the group's tag blocks for the
#     required keys, or add the keys to the launch template's
#     `tag_specifications { resource_type = "instance" }`.
package tfgate.rules.aws.tagging.asg_propagate_tags

import data.tfgate.lib

# Required keys: the same parameter semantics as required_tags.rego (only
# the keys matter here).
_param := lib.param("required_tags")

_required := {[_norm(k), k] |
	some k in _param
	is_string(k)
} if is_array(_param)

else := {[_norm(k), k] | some k, _ in _param} if is_object(_param)

else := {[_norm(_param), _param]} if is_string(_param)

_case_insensitive if object.get(data.tfgate.params, "required_tags_case_insensitive", false) == true

_norm(k) := lower(k) if _case_insensitive

_norm(k) := k if not _case_insensitive

_list(v) := v if is_array(v)

else := []

_object(v) := v if is_object(v)

else := {}

# Launch templates in the plan, built once: {address: {"keys": normalized
# keys of its instance tag_specifications, "open": whether they are
# (partly) known only after apply}}.
_templates := {r.address: {"keys": _instance_keys(r), "open": _instance_open(r)} |
	some r in lib.resources_of_type("aws_launch_template")
}

_instance_keys(r) := {_norm(k) |
	some i, s in _list(object.get(lib.after(r), "tag_specifications", []))
	object.get(s, "resource_type", null) == "instance"
	some k, _ in object.union(_object(object.get(s, "tags", null)), _object(object.get(r.unknown, ["tag_specifications", i, "tags"], {})))
}

_instance_open(r) if lib.is_unknown(r, ["tag_specifications"])

_instance_open(r) if {
	some i, _ in _list(object.get(lib.after(r), "tag_specifications", []))
	some attr in ["tags", "resource_type"]
	lib.is_unknown(r, ["tag_specifications", i, attr])
}

default _instance_open(_) := false

# {base address: {addresses of its instances}}, built once.
_template_bases := {b: {a | some a, _ in _templates; lib.base_address(a) == b} |
	some a, _ in _templates
	b := lib.base_address(a)
}

# The attributes through which a group names its launch template.
_template_attrs := [
	"launch_template.id",
	"launch_template.name",
	"mixed_instances_policy.launch_template.launch_template_specification.launch_template_id",
	"mixed_instances_policy.launch_template.launch_template_specification.launch_template_name",
	"mixed_instances_policy.launch_template.override.launch_template_specification.launch_template_id",
	"mixed_instances_policy.launch_template.override.launch_template_specification.launch_template_name",
]

_template_refs(r) := {ref |
	some attr in _template_attrs
	some ref in lib.references(r, attr)
}

# _candidates(ref): the launch templates of the plan that ref may name.
_candidates(ref) := {ref} if ref in object.keys(_templates)

else := object.get(_template_bases, ref, set()) if count(object.get(_template_bases, ref, set())) > 0

else := object.get(_template_bases, trim_suffix(ref, "[*]"), set())

_uses_template(r) if count(_list(object.get(lib.after(r), "launch_template", []))) > 0

_uses_template(r) if count(_list(object.get(lib.after(r), "mixed_instances_policy", []))) > 0

_uses_template(r) if lib.unknown_within(r, ["launch_template"])

_uses_template(r) if lib.unknown_within(r, ["mixed_instances_policy"])

# _template_supplies(r, n): a launch template of the group tags instances
# with key n.
_template_supplies(r, n) if {
	some ref in _template_refs(r)
	some a in _candidates(ref)
	n in _templates[a].keys
}

# _template_unknown(r): the group's launch template tags cannot be read:
# not in the plan, or known only after apply.
_template_unknown(r) if {
	_uses_template(r)
	count(_template_refs(r)) == 0
}

_template_unknown(r) if {
	some ref in _template_refs(r)
	count(_candidates(ref)) == 0
}

_template_unknown(r) if {
	some ref in _template_refs(r)
	some a in _candidates(ref)
	_templates[a].open
}

# _blocks(r, n): the group's tag blocks whose key is n.
_blocks(r, n) := [b |
	some b in _list(object.get(lib.after(r), "tag", []))
	is_string(object.get(b, "key", null))
	_norm(b.key) == n
]

# _propagation(r): {normalized key: "no" | "unknown"} for required keys
# the group carries but does not definitely propagate.
_propagation(r) := {n: v |
	some [n, _] in _required
	blocks := _blocks(r, n)
	count(blocks) > 0
	not _some_propagates(blocks)
	v := _verdict(blocks)
}

_some_propagates(blocks) if {
	some b in blocks
	object.get(b, "propagate_at_launch", null) == true
}

_verdict(blocks) := "unknown" if {
	some b in blocks
	not is_boolean(object.get(b, "propagate_at_launch", null))
} else := "no"

_groups := [r |
	some r in lib.resources_of_type("aws_autoscaling_group")
	not lib.is_unknown(r, ["tag"])
]

deny contains lib.entry(r, msg, "tag") if {
	some r in _groups
	prop := _propagation(r)
	keys := {key |
		some [n, key] in _required
		prop[n] == "no"
		not _template_supplies(r, n)
	}
	count(keys) > 0
	not _template_unknown(r)
	msg := sprintf("%s does not propagate required tag(s) %s to the instances it launches (propagate_at_launch = false), and %s", [r.address, concat(", ", sort(keys)), _source(r)])
}

_source(r) := "it uses a launch configuration, which cannot tag instances" if not _uses_template(r)

else := "its launch template does not tag instances with them"

unknown contains lib.entry(r, msg, "tag") if {
	some r in _groups
	prop := _propagation(r)
	keys := {key |
		some [n, key] in _required
		prop[n] == "no"
		not _template_supplies(r, n)
	}
	count(keys) > 0
	_template_unknown(r)
	msg := sprintf("%s does not propagate required tag(s) %s to the instances it launches, and whether its launch template tags instances with them is known only after apply or outside this plan", [r.address, concat(", ", sort(keys))])
}

unknown contains lib.entry(r, msg, "tag") if {
	some r in _groups
	prop := _propagation(r)
	keys := {key |
		some [n, key] in _required
		prop[n] == "unknown"
		not _template_supplies(r, n)
	}
	count(keys) > 0
	msg := sprintf("%s: whether required tag(s) %s propagate to the instances it launches is known only after apply", [r.address, concat(", ", sort(keys))])
}
