# METADATA
# title: Launch templates must tag the instances and volumes they launch
# description: |
#   A launch template's `tag_specifications` blocks say which tags EC2
#   puts on what the template launches. Every block for resource_type
#   "instance" or "volume" must carry each tag the `required_tags`
#   parameter names, with the same semantics as TFG-AWS-TAG-001: a list of
#   keys, or a map of key to a value pattern (RE2, unanchored unless written
#   with ^ and $; "" accepts any value), keys compared case-insensitively when
#   `required_tags_case_insensitive` (boolean, default false) is true. The
#   provider's default_tags do not reach tag_specifications (a plan shows
#   them exactly as written), so they do not count. The launch template's
#   own tags are TFG-AWS-TAG-001's question. A template without
#   tag_specifications for instances or volumes is not reported (instances
#   may be tagged by the auto scaling group that launches them, see
#   TFG-AWS-TAG-003, or by aws_instance's own tags).
#
#   Fails: a required key is absent from such a block, or its value does
#   not match its pattern. Indeterminate: the blocks, a block's tags or its
#   resource_type known only after apply (dynamic blocks over values known
#   only after apply), or a value that must match a pattern but is known
#   only after apply or sensitive. A tag whose value is known only after
#   apply counts as present.
# custom:
#   id: TFG-AWS-TAG-002
#   severity: low
#   family: tagging
#   resource_types: [aws_launch_template]
#   frameworks:
#     aws-well-architected: ["COST03-BP02"]
#     nist-800-53: ["CM-8"]
#   params: [required_tags]
#   remediation: |
#     Add the missing keys to the `tags` of the launch template's
#     `tag_specifications { resource_type = "instance" }` and `"volume"`
#     blocks (for example `tags = data.aws_default_tags.current.tags`
#     merged with the template's own).
package tfgate.rules.aws.tagging.launch_template_tags

import data.tfgate.lib

_launched := {"instance", "volume"}

# Required tags: the same parameter semantics as required_tags.rego.
_param := lib.param("required_tags")

_required := {[_norm(k), k, null] |
	some k in _param
	is_string(k)
} if is_array(_param)

else := {[_norm(k), k, _pattern(p)] | some k, p in _param} if is_object(_param)

else := {[_norm(_param), _param, null]} if is_string(_param)

_pattern(p) := p if {
	is_string(p)
	p != ""
} else := null

_case_insensitive if object.get(data.tfgate.params, "required_tags_case_insensitive", false) == true

_norm(k) := lower(k) if _case_insensitive

_norm(k) := k if not _case_insensitive

_missing(tags) := {key |
	some [n, key, _] in _required
	count(_candidates(tags, n)) == 0
}

_candidates(tags, n) := [[k, v] |
	some k, v in tags
	_norm(k) == n
]

_mismatched(tags) := {[c[0], c[1], pattern] |
	some [n, _, pattern] in _required
	pattern != null
	cands := _candidates(tags, n)
	not _any_match(cands, pattern)
	not _any_open(cands)
	some c in cands
}

_undetermined(tags) := {[c[0], c[1], pattern] |
	some [n, _, pattern] in _required
	pattern != null
	cands := _candidates(tags, n)
	not _any_match(cands, pattern)
	some c in cands
	_open(c[1])
}

_any_match(cands, pattern) if {
	some c in cands
	is_string(c[1])
	not lib.is_redacted(c[1])
	regex.match(pattern, c[1])
}

_any_open(cands) if {
	some c in cands
	_open(c[1])
}

_open(v) if not is_string(v)

_open(v) if lib.is_redacted(v)

_why(v) := "sensitive" if lib.is_redacted(v)

else := "known only after apply"

# _specs: [template, index, block, tags] for every tag_specifications
# block, with keys whose value is known only after apply present as null.
_specs contains [r, i, s, _spec_tags(r, i, s)] if {
	some r in lib.resources_of_type("aws_launch_template")
	some i, s in _list(object.get(lib.after(r), "tag_specifications", []))
	is_object(s)
	not lib.is_unknown(r, ["tag_specifications", i, "tags"])
}

_spec_tags(r, i, s) := object.union(_object(object.get(s, "tags", null)), {k: null |
	some k, u in _object(object.get(r.unknown, ["tag_specifications", i, "tags"], {}))
	u == true
})

_list(v) := v if is_array(v)

else := []

_object(v) := v if is_object(v)

else := {}

_attr(i) := sprintf("tag_specifications[%d]", [i])

_launched_type(s) if object.get(s, "resource_type", null) in _launched

# Required keys absent from an instance or volume block.
deny contains lib.entry(r, msg, _attr(i)) if {
	some [r, i, s, tags] in _specs
	_launched_type(s)
	missing := _missing(tags)
	count(missing) > 0
	msg := sprintf("%s tag_specifications[%d] (%s) is missing required tag(s) %s", [r.address, i, s.resource_type, concat(", ", sort(missing))])
}

# Values that do not match their pattern.
deny contains lib.entry(r, msg, sprintf("%s.tags.%s", [_attr(i), m[0]])) if {
	some [r, i, s, tags] in _specs
	_launched_type(s)
	some m in _mismatched(tags)
	msg := sprintf("%s tag_specifications[%d] (%s) tag %s is %s, which does not match the required pattern %s", [r.address, i, s.resource_type, m[0], json.marshal(m[1]), m[2]])
}

unknown contains lib.entry(r, msg, sprintf("%s.tags.%s", [_attr(i), u[0]])) if {
	some [r, i, s, tags] in _specs
	_launched_type(s)
	some u in _undetermined(tags)
	msg := sprintf("%s tag_specifications[%d] (%s): tag %s is %s; whether it matches the required pattern %s is indeterminate", [r.address, i, s.resource_type, u[0], _why(u[1]), u[2]])
}

# A block whose resource_type is known only after apply and whose tags
# would fail for an instance or volume.
unknown contains lib.entry(r, msg, _attr(i)) if {
	some [r, i, _, tags] in _specs
	lib.is_unknown(r, ["tag_specifications", i, "resource_type"])
	_fails(tags)
	msg := sprintf("%s tag_specifications[%d]: its resource_type is known only after apply and its tags lack required ones", [r.address, i])
}

_fails(tags) if count(_missing(tags)) > 0

_fails(tags) if count(_mismatched(tags)) > 0

# A block whose tags are known only after apply.
unknown contains lib.entry(r, msg, _attr(i)) if {
	count(_required) > 0
	some r in lib.resources_of_type("aws_launch_template")
	some i, s in _list(object.get(lib.after(r), "tag_specifications", []))
	lib.is_unknown(r, ["tag_specifications", i, "tags"])
	not _other_type(s)
	msg := sprintf("%s tag_specifications[%d]: its tags are known only after apply", [r.address, i])
}

# Blocks known only after apply as a whole.
unknown contains lib.entry(r, msg, "tag_specifications") if {
	count(_required) > 0
	some r in lib.resources_of_type("aws_launch_template")
	lib.is_unknown(r, ["tag_specifications"])
	msg := sprintf("%s: its tag_specifications are known only after apply", [r.address])
}

# _other_type(s): the block tags something other than instances and
# volumes (a known resource_type not checked here).
_other_type(s) if {
	t := object.get(s, "resource_type", null)
	is_string(t)
	not t in _launched
}
