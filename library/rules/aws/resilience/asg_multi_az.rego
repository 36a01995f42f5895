# METADATA
# title: Auto Scaling groups must span more than one Availability Zone
# description: |
#   Guardrail for Auto Scaling groups, switched on by the `require_multi_az`
#   parameter (bool): until it is set the rule is reported as not evaluated,
#   and with `false` it reports nothing. An aws_autoscaling_group fails when
#   `availability_zones` lists one zone, when `vpc_zone_identifier` lists
#   one subnet, or when every subnet it lists is an aws_subnet of this
#   configuration in the same zone (subnets are matched by known id). A
#   group passes with two or more zones, or two or more distinct existing
#   subnets named by id (a plan cannot see their zones, so they are assumed
#   to be in different zones). When the subnet list is known only after
#   apply (subnets created in the same change, such as `[aws_subnet.a.id]`
#   or `aws_subnet.private[*].id`), its length is unknown, because the same
#   expression may also add subnets from variables: the group passes when
#   the aws_subnet resources it refers to (every instance of a `count` or
#   `for_each` subnet) are in two or more zones. Such a group is otherwise
#   indeterminate, and so is a group whose zones and subnets are all known
#   only after apply. Auto Scaling groups take no provider default_tags:
#   give them the scope tag as a `tag` block. Resources outside the optional
#   `guardrail_scope_tags` parameter (an object of tag key to a value or a
#   list of values, matched against effective tags; unset: every resource is
#   in scope) are not checked, and one whose scope tag is known only after
#   apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-003
#   severity: medium
#   family: resilience
#   resource_types: [aws_autoscaling_group, aws_subnet]
#   frameworks:
#     nist-800-53: ["CP-10", "CP-2(2)", "CP-6(2)", "SC-36", "SC-5(2)", "SI-13(5)"]
#     aws-fsbp: ["AutoScaling.2"]
#   params: [require_multi_az]
#   remediation: |
#     List subnets in at least two Availability Zones in
#     `vpc_zone_identifier` (or two zones in `availability_zones`).
package tfgate.rules.aws.resilience.asg_multi_az

import data.tfgate.lib

_on if lib.param("require_multi_az") == true

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

# Subnets of this document, built once: by address (and base address), and
# the known zone of each by address and by known id.
_az(s) := v if {
	v := object.get(lib.after(s), "availability_zone", null)
	is_string(v)
} else := v if {
	v := object.get(lib.after(s), "availability_zone_id", null)
	is_string(v)
}

_subnets := lib.resources_of_type("aws_subnet")

_subnet_by_key[k] contains s.address if {
	some s in _subnets
	some k in {s.address, lib.base_address(s.address)}
}

_az_by_address := {s.address: _az(s) | some s in _subnets; _az(s)}

_az_by_id := {id: _az(s) |
	some s in _subnets
	id := object.get(lib.after(s), "id", null)
	is_string(id)
	_az(s)
}

_groups := [r |
	_on
	some r in lib.resources_of_type("aws_autoscaling_group")
]

# availability_zones known: decided by it.
_zones(r) := {z | some z in object.get(lib.after(r), "availability_zones", []); is_string(z)} if {
	is_array(object.get(lib.after(r), "availability_zones", null))
	not lib.unknown_within(r, ["availability_zones"])
	count(object.get(lib.after(r), "availability_zones", [])) > 0
}

_fail contains [r, msg, "availability_zones"] if {
	some r in _groups
	zones := _zones(r)
	count(zones) == 1
	msg := sprintf("%s runs in one Availability Zone (%s)", [r.address, concat(", ", zones)])
}

# vpc_zone_identifier fully known: the distinct subnet ids.
_ids(r) := {v | some v in object.get(lib.after(r), "vpc_zone_identifier", []); is_string(v)} if {
	not _zones(r)
	is_array(object.get(lib.after(r), "vpc_zone_identifier", null))
	not lib.unknown_within(r, ["vpc_zone_identifier"])
}

_fail contains [r, msg, "vpc_zone_identifier"] if {
	some r in _groups
	ids := _ids(r)
	count(ids) == 1
	msg := sprintf("%s runs in one subnet (%s), so in one Availability Zone", [r.address, concat(", ", ids)])
}

_fail contains [r, msg, "vpc_zone_identifier"] if {
	some r in _groups
	ids := _ids(r)
	count(ids) > 1
	every id in ids {
		_az_by_id[id]
	}
	zones := {_az_by_id[id] | some id in ids}
	count(zones) == 1
	msg := sprintf("%s spreads over %d subnets, all in %s", [r.address, count(ids), concat(", ", zones)])
}

# vpc_zone_identifier known only after apply: the subnets it refers to.
_incomplete(r) if {
	not _zones(r)
	not _ids(r)
}

# An empty subnet list leaves the zones to availability_zones, unknown here.
_incomplete(r) if {
	not _zones(r)
	count(_ids(r)) == 0
}

_referenced(r) := {a |
	some ref in lib.references(r, "vpc_zone_identifier")
	some a in object.get(_subnet_by_key, ref, set())
}

_referenced_zones(r) := {_az_by_address[a] | some a in _referenced(r); _az_by_address[a]}

_indeterminate contains [r, msg, "vpc_zone_identifier"] if {
	some r in _groups
	_incomplete(r)
	count(_referenced_zones(r)) < 2
	msg := sprintf("%s: its subnets are known only after apply%s", [r.address, _named(r)])
}

_named(r) := sprintf(" (the subnets it refers to are in %s)", [concat(", ", _referenced_zones(r))]) if {
	count(_referenced_zones(r)) > 0
} else := ""
