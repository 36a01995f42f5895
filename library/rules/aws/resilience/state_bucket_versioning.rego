# METADATA
# title: S3 buckets that hold state must have versioning enabled
# description: |
#   Guardrail for buckets that hold state, switched on by the
#   `state_bucket_patterns` parameter (a list of RE2 regular expressions
#   matched anywhere in the bucket name, such as ["tfstate", "-state$"]);
#   until it is set the rule is reported as not evaluated. An aws_s3_bucket
#   whose `bucket` name (or `bucket_prefix`, when the name is generated)
#   matches a pattern fails unless versioning is enabled for it. It passes
#   with an aws_s3_bucket_versioning whose `bucket` refers to it (by
#   reference, or by the bucket's literal name) with
#   `versioning_configuration { status = "Enabled" }`, or with the legacy
#   inline `versioning { enabled = true }` block. Suspended, Disabled or no
#   versioning configuration fails. A status known only after apply, a
#   versioning resource that refers to an undetermined instance of the
#   bucket, or one that names its bucket only by a value known after apply,
#   is indeterminate. Buckets whose name is known only after apply (without
#   a bucket_prefix) cannot be matched and are not checked, nor are buckets
#   that match no pattern. Resources outside the optional
#   `guardrail_scope_tags` parameter (an object of tag key to a value or a
#   list of values, matched against effective tags; unset: every resource is
#   in scope) are not checked, and one whose scope tag is known only after
#   apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-004
#   severity: medium
#   family: resilience
#   resource_types: [aws_s3_bucket, aws_s3_bucket_versioning]
#   frameworks:
#     nist-800-53: ["CP-9", "CP-10", "SI-12", "AU-9(2)"]
#     aws-fsbp: ["S3.14"]
#   params: [state_bucket_patterns]
#   remediation: |
#     Add an aws_s3_bucket_versioning for the bucket with
#     `versioning_configuration { status = "Enabled" }` (and a lifecycle
#     rule that expires noncurrent versions after a while).
package tfgate.rules.aws.resilience.state_bucket_versioning

import data.tfgate.lib

_patterns := [p | some p in lib.param("state_bucket_patterns"); is_string(p)] if {
	is_array(lib.param("state_bucket_patterns"))
} else := [p | p := lib.param("state_bucket_patterns"); is_string(p)]

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

_versioning_type := "aws_s3_bucket_versioning"

_status(c) := object.get(lib.after(c), ["versioning_configuration", 0, "status"], null)

_status_unknown(c) if lib.is_unknown(c, ["versioning_configuration", 0, "status"])

# Link keys of the versioning resources, by what they say, built once.
_enabled_keys := {k |
	some c in lib.resources_of_type(_versioning_type)
	_status(c) == "Enabled"
	some k in lib.link_keys(c, "bucket")
}

_unknown_keys := {k |
	some c in lib.resources_of_type(_versioning_type)
	_status(c) != "Enabled"
	_status_unknown(c)
	some k in lib.link_keys(c, "bucket")
}

_all_keys := {k |
	some c in lib.resources_of_type(_versioning_type)
	some k in lib.link_keys(c, "bucket")
}

# Statuses other than Enabled, by key: {key: {status}}.
_other_status[k] contains s if {
	some c in lib.resources_of_type(_versioning_type)
	s := _status(c)
	is_string(s)
	s != "Enabled"
	some k in lib.link_keys(c, "bucket")
}

_unlinked_versioning if {
	some c in lib.resources_of_type(_versioning_type)
	lib.unlinked(c, "bucket")
}

_name(b) := n if {
	n := object.get(lib.after(b), "bucket", null)
	is_string(n)
} else := n if {
	n := object.get(lib.after(b), "bucket_prefix", null)
	is_string(n)
}

_state_bucket(b) if {
	some p in _patterns
	regex.match(p, _name(b))
}

_name_attrs := ["bucket", "id"]

_enabled(b) if lib.linked(_enabled_keys, b, _name_attrs)

_enabled(b) if lib.is_true(b, ["versioning", 0, "enabled"])

_maybe(b) if lib.linked(_unknown_keys, b, _name_attrs)

_maybe(b) if lib.linked_maybe(_all_keys, b)

_maybe(b) if _unlinked_versioning

_buckets := [b |
	count(_patterns) > 0
	some b in lib.resources_of_type("aws_s3_bucket")
	_state_bucket(b)
	not _enabled(b)
]

_fail contains [b, msg, ""] if {
	some b in _buckets
	not _maybe(b)
	msg := sprintf("%s holds state (its name %s matches state_bucket_patterns) but %s", [b.address, _name(b), _what(b)])
}

_indeterminate contains [b, msg, ""] if {
	some b in _buckets
	_maybe(b)
	msg := sprintf("%s holds state (its name %s matches state_bucket_patterns): whether its versioning is enabled is known only after apply", [b.address, _name(b)])
}

_what(b) := sprintf("its versioning is %s", [concat(" and ", statuses)]) if {
	statuses := {s |
		some k in _bucket_keys(b)
		some s in object.get(_other_status, k, set())
	}
	count(statuses) > 0
} else := "it has no versioning configuration"

_bucket_keys(b) := {b.address, lib.base_address(b.address)} | {concat("", ["=", v]) |
	some a in _name_attrs
	v := object.get(lib.after(b), a, null)
	is_string(v)
}
