# METADATA
# title: Resources must carry the required tags
# description: |
#   Every AWS resource whose type takes tags must carry each tag the
#   `required_tags` parameter names among its effective tags: its own `tags`
#   merged with the provider's `default_tags` (Terraform's `tags_all`). The
#   types that take tags are generated from the provider schema
#   (library/lib/aws_taggable.rego); other types are never reported, even
#   when they have an attribute called `tags` (aws_inspector_resource_group
#   uses one as a filter).
#
#   `required_tags` is either a list of keys (`["Owner", "CostCenter"]`:
#   the key must be present, any value) or a map of key to a value pattern
#   (`{Owner = ".+", Environment = "^(dev|staging|prod)$"}`: the key must be
#   present and its value match the pattern; an empty pattern accepts any
#   value). Patterns are RE2 regular expressions matched anywhere in the
#   value, as Rego's regex.match does: anchor them with ^ and $ to match
#   the whole value. The optional parameter
#   `required_tags_case_insensitive` (boolean, default false) compares keys
#   without regard to case (`owner` satisfies `Owner`); values are always
#   compared as written.
#
#   aws_autoscaling_group takes no `tags` map: its tags are its `tag { key
#   value propagate_at_launch }` blocks (static or dynamic). The provider
#   does not apply default_tags to auto scaling groups (the type has no
#   `tags_all`; the provider documents the aws_default_tags data source for
#   copying them into tag blocks), so default_tags do not count for them,
#   unlike some other tools, which would pass a group that AWS will show
#   untagged. Tags an aws_autoscaling_group_tag gives a group of the plan
#   (its autoscaling_group_name refers to the group, or is its known name)
#   count as the group's; when such a resource names its group by a value
#   known only after apply, keys it could supply are indeterminate, not
#   missing. Whether the instances a group launches carry the tags is
#   TFG-AWS-TAG-003's question, launch template tag_specifications are
#   TFG-AWS-TAG-002's.
#
#   Fails: a required key is absent, or its value does not match its
#   pattern. Indeterminate (`unknown`), never failed: a value known only
#   after apply that must match a pattern, a sensitive value (redacted, so
#   it cannot be matched), and a resource whose set of tag keys is known only
#   after apply (tags, or dynamic tag blocks, over a value known only after
#   apply). A tag whose value is known only after apply counts as present.
#   Messages print the key, the pattern and the value seen, never a value
#   Terraform marks sensitive.
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
#     resource to the provider's `default_tags { tags = {...} }` block. For
#     aws_autoscaling_group add `tag { key = "..." value = "..."
#     propagate_at_launch = true }` blocks (for example a dynamic "tag" block
#     over data.aws_default_tags.current.tags). Correct values that do not
#     match the required pattern.
package tfgate.rules.aws.tagging.required_tags

import data.tfgate.lib
import data.tfgate.lib.aws_taggable

# The parameter, read once: {normalized key: {"key": as written,
# "pattern": pattern or null}}. A list names keys only; a map gives each a
# value pattern ("" or null: any value); a string is one key.
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

# _missing(tags): the required keys (as written) with no tag in tags: one
# set difference, or (case ignored) one pass over the tag keys per key.
_missing(tags) := _required_keys - object.keys(tags) if not _case_insensitive

else := {key |
	some [n, key, _] in _required
	not _present_ci(tags, n)
}

# _required_keys: the required keys as written (each its own normalized
# key when case counts).
_required_keys := {key | some [_, key, _] in _required}

_present_ci(tags, n) if {
	some k, _ in tags
	lower(k) == n
}

# _has_patterns: some required key has a value pattern.
_has_patterns if {
	some [_, _, pattern] in _required
	pattern != null
}

# _candidates(tags, n): [key, value] of the tags whose key is n (several
# when keys differ only in case and case is ignored).
_candidates(tags, n) := [[k, v] |
	some k, v in tags
	_norm(k) == n
]

# _mismatched(tags): [key, value, pattern] of the tags of a required key
# whose value is known, readable and not a match (when no other tag of the
# key matches or is undetermined).
_mismatched(tags) := {[c[0], c[1], pattern] |
	_has_patterns
	some [n, _, pattern] in _required
	pattern != null
	cands := _candidates(tags, n)
	not _any_match(cands, pattern)
	not _any_open(cands)
	some c in cands
}

# _undetermined(tags): [key, value, pattern] of the tags of a required key
# whose value must match a pattern but is known only after apply (null) or
# sensitive, when no other tag of the key matches.
_undetermined(tags) := {[c[0], c[1], pattern] |
	_has_patterns
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

# The types checked: the document's types that take tags, decided once per
# type (lib.by_type holds each checked resource once, under its type),
# split into those with a `tags` map and those with tag blocks.
_map_types := [[t, rs] |
	some t, rs in lib.by_type
	aws_taggable.types[t]
	not aws_taggable.tag_block_types[t]
]

_block_types := [[t, rs] |
	some t, rs in lib.by_type
	aws_taggable.tag_block_types[t]
	aws_taggable.types[t]
]

_tag_blocks(r) if aws_taggable.tag_block_types[r.type]

# Where a tag problem is in the source: the tag blocks of an auto scaling
# group (the first one: a plan orders the set by key, not as written), else
# `tags`, or the item of the key in it (the resource block when the tag
# comes from default_tags).
_tags_attr(r) := "tag" if _tag_blocks(r)

else := "tags"

# _missing_note(r): for an auto scaling group r, why default_tags do not
# count.
_missing_note(r) := " (the provider's default_tags do not apply to auto scaling groups: add tag blocks)" if {
	is_object(r.provider.default_tags)
	count(r.provider.default_tags) > 0
} else := ""

# aws_autoscaling_group_tag manages one tag of a group named by
# autoscaling_group_name (meant for groups made outside Terraform, but it
# may name one of the plan's). Its tags join the group's, built once:
# {link key: {tag key: value}} over the references and known names of the
# tag resources (lib.link_keys), plus the tag keys of tag resources that
# name their group by a value known only after apply (any group may get
# them).
_group_tag_links := {[k, t.key, _tag_value(c, t)] |
	some c in lib.resources_of_type("aws_autoscaling_group_tag")
	some t in _tag_resource_tag(c)
	some k in lib.link_keys(c, "autoscaling_group_name")
}

_group_tags := {k: {[key, v] | some [k2, key, v] in _group_tag_links; k2 == k} |
	some [k, _, _] in _group_tag_links
}

_unlinked_group_tags := {t.key |
	some c in lib.resources_of_type("aws_autoscaling_group_tag")
	lib.unlinked(c, "autoscaling_group_name")
	some t in _tag_resource_tag(c)
}

_tag_resource_tag(c) := [t |
	some t in object.get(lib.after(c), "tag", [])
	is_string(object.get(t, "key", null))
]

_tag_value(c, t) := null if lib.is_unknown(c, ["tag", 0, "value"])

else := object.get(t, "value", null)

# _joined(r): the tags of group r from tag resources naming it (by
# address, whole resource, or its known name or id).
_joined(r) := {key: sort(vs)[0] |
	pairs := {p |
		some k in _group_link_keys(r)
		some p in object.get(_group_tags, k, set())
	}
	some [key, _] in pairs
	vs := [v | some [key2, v] in pairs; key2 == key]
}

_group_link_keys(r) := keys if {
	keys := {r.address, lib.base_address(r.address)} | {concat("", ["=", v]) |
		some a in ["name", "id"]
		v := object.get(lib.after(r), a, null)
		is_string(v)
	}
}

# _maybe_joined(r): tag keys that tag resources may give group r (their
# group is a reference whose instance is undetermined, or a value known
# only after apply).
_maybe_joined(r) := _unlinked_group_tags | {key |
	some [key, _] in object.get(_group_tags, concat("", [lib.base_address(r.address), "[*]"]), set())
}

# Required keys absent from the effective tags (lib.tags) of a tags map,
# decided in one pass (this rule reports most resources of a plan that
# lacks a tag everywhere): the set difference when case counts, _missing
# otherwise (two rules, not one calling _missing: the call, cached by its
# tags argument, costs a quarter more where every resource's tags differ,
# 44.9 k against 57.9 k allocations on 1,100 resources). The entry
# lib.entry builds, written out; its message formats
# the address with the format of the missing keys (_missing_format: one per
# set of missing keys, not per resource).
deny contains {"resource": r.address, "message": msg, "attribute": "tags"} if {
	not _case_insensitive
	some [_, rs] in _map_types
	some r in rs
	r.provider.name == "aws"
	tags := r.tags
	is_object(tags)
	missing := _required_keys - object.keys(tags)
	missing != set()
	msg := sprintf(_missing_format(missing), [r.address])
}

deny contains {"resource": r.address, "message": msg, "attribute": "tags"} if {
	_case_insensitive
	some [_, rs] in _map_types
	some r in rs
	r.provider.name == "aws"
	tags := r.tags
	is_object(tags)
	missing := _missing(tags)
	missing != set()
	msg := sprintf(_missing_format(missing), [r.address])
}

# _missing_format(missing): the format of the message for a resource (%s)
# that lacks the keys missing (a set: concat joins it in sorted order; a
# % in a key is escaped).
_missing_format(missing) := concat("", ["%s is missing required tag(s) ", replace(concat(", ", missing), "%", "%%")])

# The checked resources with their effective tags (lib.tags) and whether
# they take tag blocks (tb): an auto scaling group's tags are joined with
# those of the tag resources that name it, computed once each.
_checked := array.concat(_checked_maps, _checked_blocks)

_checked_maps := [[r, r.tags, false] |
	some [_, rs] in _map_types
	some r in rs
	r.provider.name == "aws"
	is_object(r.tags)
]

_checked_blocks := [[r, object.union(r.tags, _joined(r)), true] |
	some [_, rs] in _block_types
	some r in rs
	r.provider.name == "aws"
	is_object(r.tags)
]

# [resource, required keys it lacks] for the resources with tag blocks that
# lack some.
_lacking_blocks := [[r, missing] |
	some [r, tags, true] in _checked_blocks
	missing := _missing(tags)
	count(missing) > 0
]

# Required keys absent from tag blocks.
deny contains lib.entry(r, msg, "tag") if {
	some [r, missing] in _lacking_blocks
	not _maybe_supplied(r, missing)
	msg := sprintf("%s is missing required tag(s) %s%s", [r.address, concat(", ", sort(missing)), _missing_note(r)])
}

# _maybe_supplied(r, missing): a tag resource may supply a missing key of
# an auto scaling group.
_maybe_supplied(r, missing) if {
	some k in missing
	some j in _maybe_joined(r)
	_norm(j) == _norm(k)
}

unknown contains lib.entry(r, msg, "tag") if {
	some [r, missing] in _lacking_blocks
	_maybe_supplied(r, missing)
	msg := sprintf("%s is missing required tag(s) %s unless an aws_autoscaling_group_tag whose group is known only after apply supplies them", [r.address, concat(", ", sort(missing))])
}

# Values that do not match their pattern.
deny contains lib.entry(r, msg, _value_attr(tb, m[0])) if {
	_has_patterns
	some [r, tags, tb] in _checked
	some m in _mismatched(tags)
	msg := sprintf("%s tag %s is %s, which does not match the required pattern %s", [r.address, m[0], json.marshal(m[1]), m[2]])
}

# Values that must match a pattern but are known only after apply or
# sensitive.
unknown contains lib.entry(r, msg, _value_attr(tb, u[0])) if {
	_has_patterns
	some [r, tags, tb] in _checked
	some u in _undetermined(tags)
	msg := sprintf("%s: tag %s is %s; whether it matches the required pattern %s is indeterminate", [r.address, u[0], _why(u[1]), u[2]])
}

_why(v) := "sensitive" if lib.is_redacted(v)

else := "known only after apply"

_value_attr(true, _) := "tag"

_value_attr(false, k) := sprintf("tags.%s", [k])

# A taggable resource whose tag keys are known only after apply: the
# document gives no tags (rather than a partial set).
unknown contains lib.entry(r, msg, _tags_attr(r)) if {
	count(_required) > 0
	some [_, rs] in array.concat(_map_types, _block_types)
	some r in rs
	r.provider.name == "aws"
	not is_object(r.tags)
	_tags_open(r)
	msg := sprintf("%s: which tags it will carry is known only after apply", [r.address])
}

_tags_open(r) if lib.unknown_within(r, ["tags"])

_tags_open(r) if lib.unknown_within(r, ["tags_all"])

_tags_open(r) if lib.unknown_within(r, ["tag"])
