# Guardrail scope, shared by the parameterised guardrail rules (supply
# chain, resilience, cost): the optional parameter guardrail_scope_tags
# {tag: value or [values]} limits a rule to resources whose effective tags
# (auto scaling groups: their tag blocks) match every key; unset, every
# resource is in scope. Types that take no tags are always in scope. A
# scope tag whose value is known only after apply makes the resource
# "maybe in scope": a rule reports what it would fail there as
# indeterminate.
package tfgate.lib

_guardrail_scope := s if {
	s := object.get(data.tfgate.params, "guardrail_scope_tags", {})
	is_object(s)
} else := {}

# in_scope(r): r is in the guardrail scope.
in_scope(_) if count(_guardrail_scope) == 0

in_scope(r) if {
	count(_guardrail_scope) > 0
	not _scope_has_tags(r)
}

in_scope(r) if {
	count(_guardrail_scope) > 0
	tags := _scope_tags(r)
	every k, v in _guardrail_scope {
		object.get(tags, k, null) in _scope_values(v)
	}
}

# maybe_in_scope(r): whether r is in scope depends on a tag value known
# only after apply.
maybe_in_scope(r) if {
	count(_guardrail_scope) > 0
	tags := _scope_tags(r)
	not in_scope(r)
	every k, v in _guardrail_scope {
		_scope_tag_maybe(tags, k, v)
	}
}

_scope_values(v) := {x | some x in v} if is_array(v)

_scope_values(v) := {v} if not is_array(v)

_scope_has_tags(r) if takes_tags(r)

_scope_has_tags(r) if r.type == "aws_autoscaling_group"

_scope_tags(r) := tags(r) if takes_tags(r)

_scope_tags(r) := {t.key: object.get(t, "value", null) |
	some t in _scope_blocks(r)
	is_string(t.key)
} if {
	not takes_tags(r)
	r.type == "aws_autoscaling_group"
}

_scope_blocks(r) := bs if {
	bs := object.get(after(r), "tag", [])
	is_array(bs)
} else := []

_scope_tag_maybe(tags, k, v) if object.get(tags, k, null) in _scope_values(v)

_scope_tag_maybe(tags, k, _) if {
	k in object.keys(tags)
	tags[k] == null
}
