# METADATA
# title: tfgate policy helpers
# description: |
#   Helpers over the tfgate document (input). Rules read the input only
#   through these, so the document shape can change in one place. Lookups are
#   built once per evaluation as comprehensions: using them inside a
#   per-resource rule keeps evaluation linear in the number of resources.
package tfgate.lib

# Redaction marker tfgate puts in place of every value Terraform marks sensitive.
redacted := "(sensitive)"

# Change kinds whose result exists after apply: these are checked.
checked_kinds := {"create", "update", "replace", "no-op"}

# resources: every managed resource that is checked (created, updated,
# replaced or unchanged; never deleted, read or forgotten).
#
# resources, by_type and by_address are given by the engine, built once per
# document in Go (data.tfgate.index, rules/index.go); the comprehensions
# below compute the same when it is absent (Rego unit tests that mock
# input).
resources := data.tfgate.index.resources if _indexed

else := [r |
	some r in input.resources
	is_checked(r)
]

_indexed if data.tfgate.index

# is_checked(r): r is a managed resource that exists after apply.
is_checked(r) if {
	r.mode == "managed"
	r.change.kind in checked_kinds
}

# by_type: {type: [checked resources of that type]}, built once.
# Cost: one pass per distinct type (types are few), not one per resource.
by_type := data.tfgate.index.by_type if _indexed

else := {t: [r | some r in resources; r.type == t] | some t in {r.type | some r in resources}}

# resources_of_type(t): checked resources of type t ([] when none).
resources_of_type(t) := object.get(by_type, t, [])

# type_attributes: {type: {attribute}}: the top-level attributes of after
# that hold a value (not null) in some checked resource of that type, built
# once. A rule that looks for a few attribute names iterates the types
# that set one, then their resources, instead of looking every name up in
# every resource.
type_attributes := data.tfgate.index.type_attributes if _indexed

else := {t: {k | some r in rs; some k, v in after(r); v != null} | some t, rs in by_type}

# by_address: {address: resource} over every resource of the document
# (checked or not), built once.
by_address := data.tfgate.index.by_address if _indexed

else := {r.address: r | some r in input.resources}

# Change-kind helpers.
is_create(r) if r.change.kind == "create"

is_update(r) if r.change.kind == "update"

is_replace(r) if r.change.kind == "replace"

is_delete(r) if r.change.kind == "delete"

is_no_op(r) if r.change.kind == "no-op"

# after(r): the planned values of r as an object ({} when null or not an
# object, e.g. a no-op read of a resource with no state).
after(r) := r.after if is_object(r.after)

else := {}

# value(r, path): the planned value at path (an array of keys and indices)
# in r.after; undefined when absent.
value(r, path) := v if {
	v := object.get(after(r), path, null)
	v != null
}

# is_true(r, path) / is_false(r, path): the planned value at path is the
# boolean true / false (never when unknown or unset). Prefer these to
# comparing value(...) with a boolean.
is_true(r, path) if object.get(after(r), path, null) == true

is_false(r, path) if object.get(after(r), path, null) == false

# has_value(r, path): path is set to a non-null, known value.
has_value(r, path) if {
	object.get(after(r), path, null) != null
	not is_unknown(r, path)
}

# is_unknown(r, path): the value at path, or an enclosing value, is known
# only after apply.
is_unknown(r, _) if r.unknown == true

is_unknown(r, path) if {
	count(path) == 1
	r.unknown[path[0]] == true
}

is_unknown(r, path) if {
	count(path) > 1
	some i in numbers.range(1, count(path))
	object.get(r.unknown, array.slice(path, 0, i), false) == true
}

# unknown_within(r, path): something at or below path is known only after apply.
unknown_within(r, path) if is_unknown(r, path)

unknown_within(r, path) if {
	sub := object.get(r.unknown, path, false)
	not is_boolean(sub)
	walk(sub, [_, true])
}

# written(r, path): the configuration writes the attribute at path (an
# array of keys and indices): its expression refers to something, or the
# document has a source range for it (configuration input always has them;
# a plan has them when its .tf files are found). A computed attribute that
# the configuration does not write is unknown in a plan and has neither. A
# written attribute known only after apply (a reference to another
# resource; in configuration input, also a variable given no value) is
# indeterminate; an unwritten one takes the service's default.
written(r, path) if count(references(r, concat(".", [p | some p in path; is_string(p)]))) > 0

written(r, path) if object.get(r, ["location", "attributes", attr_path(path)], null) != null

# attr_has_value(r, attr), attr_unknown(r, attr), attr_written(r, attr):
# has_value, is_unknown and written of a top-level attribute (the path
# [attr]) without building a path: for a rule that tests one attribute of
# every resource of a type.
attr_has_value(r, attr) if {
	r.after[attr] != null
	not attr_unknown(r, attr)
}

attr_unknown(r, _) if r.unknown == true

attr_unknown(r, attr) if r.unknown[attr] == true

attr_written(r, attr) if count(r.references[attr]) > 0

attr_written(r, attr) if r.location.attributes[attr] != null

# is_redacted(v): v is a value Terraform marks sensitive.
is_redacted(v) if v == redacted

# references(r, attr): addresses the expression of attribute attr (dotted
# path without indices) refers to; [] when none.
references(r, attr) := object.get(object.get(r, "references", {}), attr, [])

# refers_to(r, attr, target): attribute attr of r refers to the resource
# address target. A reference without an index refers to every instance.
refers_to(r, attr, target) if {
	some ref in references(r, attr)
	same_resource(ref, target)
}

# same_resource(ref, address): the reference ref names address (exactly, or
# without the instance index of address).
same_resource(ref, address) if ref == address

same_resource(ref, address) if ref == base_address(address)

# base_address(address): the address without its final instance index:
# aws_s3_bucket.b["x"] -> aws_s3_bucket.b.
base_address(address) := regex.replace(address, `\[[^\[\]]*\]$`, "")

# ref_in(refs, address): the set of reference strings refs names address,
# by exact address or without its instance index. Build refs once in a rule
# without arguments (a set comprehension over lib.resources_of_type), then
# test each resource with ref_in: the join stays linear.
ref_in(refs, address) if address in refs

ref_in(refs, address) if base_address(address) in refs

# Joins. A reference names the instance where Terraform's configuration
# says which one: `aws_s3_bucket.data[count.index * 2].id` on instance 3 of
# its resource becomes "aws_s3_bucket.data[6]", `each.value.id` under
# `for_each = aws_s3_bucket.b` becomes `aws_s3_bucket.b["key"]`. A reference
# without an index ("aws_s3_bucket.b") names every instance (a resource
# without count/for_each, a splat, the whole object). A reference whose
# instance could not be determined (an index known only after apply) ends in
# "[*]": every instance is a candidate, and a rule must report the
# candidates it would otherwise fail as indeterminate, never as passing.

# ref_maybe(refs, address): refs holds an undetermined-instance reference
# ("x[*]") to the resource of address: the join is indeterminate.
ref_maybe(refs, address) if concat("", [base_address(address), "[*]"]) in refs

# link_keys(r, attr): how the attribute attr of r names its targets: every
# reference of attr, plus "=<value>" when attr has a known string value
# (a bucket name, an id written as a literal). Build a set of these once
# per rule (a comprehension over lib.resources_of_type) and test each
# target with linked / linked_maybe.
link_keys(r, attr) := keys if {
	v := object.get(after(r), attr, null)
	is_string(v)
	not is_redacted(v)
	keys := {k | some k in array.concat(references(r, attr), [concat("", ["=", v])])}
} else := {k | some k in references(r, attr)}

# linked(keys, t, name_attrs): the target t is named by keys: by its
# address (exactly, or as the whole resource) or by the known value of one
# of its attributes name_attrs (["bucket", "id"] for a bucket).
linked(keys, t, _) if ref_in(keys, t.address)

linked(keys, t, name_attrs) if {
	some a in name_attrs
	v := t.after[a]
	is_string(v)
	concat("", ["=", v]) in keys
}

# target_keys(t, name_attrs): every key that names the target t (its
# address, its address without the instance key, "=<value>" for each known
# string value of name_attrs): linked(keys, t, name_attrs) is
# count(keys & target_keys(t, name_attrs)) > 0. Build them once per target
# and intersect, when a rule tests one target against several key sets.
target_keys(t, name_attrs) := {t.address, base_address(t.address)} | {concat("", ["=", v]) |
	some a in name_attrs
	v := t.after[a]
	is_string(v)
}

# maybe_key(t): the key of a reference to t's resource without saying which
# instance (linked_maybe(keys, t) is maybe_key(t) in keys).
maybe_key(t) := concat("", [base_address(t.address), "[*]"])

# linked_maybe(keys, t): keys name t's resource without saying which
# instance: t is a candidate, the verdict is indeterminate.
linked_maybe(keys, t) if ref_maybe(keys, t.address)

# unlinked(r, attr): attr of r names its target neither by a reference nor
# by a known value (for example an id known only after apply from a data
# source): any target could be the one, so targets it would make compliant
# are indeterminate rather than failed.
unlinked(r, attr) if {
	count(references(r, attr)) == 0
	not is_string(object.get(after(r), attr, null))
}

# tags(r): the effective tags (provider default_tags included; an
# auto scaling group's tag blocks); undefined when the type takes no tags
# or when which keys it carries is known only after apply. Whether a type
# takes tags at all: data.tfgate.lib.aws_taggable.types (generated from the
# provider schema).
tags(r) := r.tags if is_object(r.tags)

# takes_tags(r): the resource type takes tags.
takes_tags(r) if is_object(r.tags)

# missing_tags(r, keys): the keys not present in r's effective tags (a tag
# whose value is known only after apply counts as present).
missing_tags(r, keys) := {k | some k in keys} - {k | some k, _ in tags(r)}

# param(name): data.tfgate.params[name]; undefined when not set.
param(name) := data.tfgate.params[name]

# has_param(name): the parameter is set (and not empty).
has_param(name) if {
	v := data.tfgate.params[name]
	v != null
	not _empty(v)
}

_empty(v) if {
	is_array(v)
	count(v) == 0
}

_empty(v) if v == ""

# attr_path(parts): a display path such as "egress[0].cidr_blocks" from
# ["egress", 0, "cidr_blocks"].
attr_path(parts) := concat("", [s |
	some i, p in parts
	s := _path_part(i, p)
])

_path_part(_, p) := sprintf("[%d]", [p]) if is_number(p)

_path_part(0, p) := p if is_string(p)

_path_part(i, p) := sprintf(".%s", [p]) if {
	is_string(p)
	i > 0
}

# deny_entry / unknown_entry build the rule outputs.
entry(r, msg, attribute) := {"resource": r.address, "message": msg, "attribute": attribute}
