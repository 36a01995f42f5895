# METADATA
# title: Google resources must carry the required labels
# description: |
#   Every Google Cloud resource (google and google-beta providers) whose
#   type takes labels must carry each label the parameters require among
#   its effective labels: its own `labels` merged over the provider's
#   `default_labels` (provider 5+: `effective_labels` / `terraform_labels`
#   where the plan has them). Types that take no labels (the document's
#   tags are null for them) are never reported.
#
#   Which labels: the `required_tags` parameter, shared with the other
#   clouds, in the same two forms as TFG-AWS-TAG-001: a list of keys (the
#   label must be present, any value) or a map of key to a value pattern
#   (RE2, matched anywhere in the value as Rego's regex.match does; anchor
#   it with ^ and $; an empty pattern accepts any value). Google label keys
#   can only hold lower-case letters, digits, `_` and `-`, so each key of
#   required_tags is compared in lower case: `CostCenter` is satisfied by the
#   label `costcenter`. The optional parameter `required_labels` (list or
#   map, same forms; default unset) replaces required_tags for Google
#   resources and is used as written (for keys such as `cost_center` that
#   have no AWS/Azure spelling). required_tags must be set for the rule to
#   run (as for the other clouds' tagging rules). Values are compared as
#   written (Google label values are lower-case too: write patterns to
#   match).
#
#   Fails: a required label is absent, or its value does not match its
#   pattern. Indeterminate: a value known only after apply (or sensitive)
#   that must match a pattern, and a resource whose set of labels is known
#   only after apply. A label whose value is known only after apply counts
#   as present.
# custom:
#   id: TFG-GCP-TAG-001
#   severity: medium
#   family: tagging
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["CM-8"]
#   params: [required_tags]
#   remediation: |
#     Add the missing labels to the resource's `labels`, or once for every
#     resource to the provider's `default_labels` (google provider 5+). Use
#     lower-case keys: Google rejects upper-case label keys.
package tfgate.rules.google.tagging.required_labels

import data.tfgate.lib

# The requirement, read once: a set of [key, pattern or null]. From
# required_labels when set (keys as written), else from required_tags
# (keys in lower case).
_required := _parse(lib.param("required_labels"), false) if lib.has_param("required_labels")

else := _parse(lib.param("required_tags"), true)

_parse(p, lowered) := {[_key(k, lowered), null] |
	some k in p
	is_string(k)
} if is_array(p)

else := {[_key(k, lowered), _pattern(v)] | some k, v in p} if is_object(p)

else := {[_key(p, lowered), null]} if is_string(p)

_key(k, true) := lower(k)

_key(k, false) := k

_pattern(p) := p if {
	is_string(p)
	p != ""
} else := null

# The Google resources that take labels, with their effective labels.
_labelled := [[r, tags] |
	some r in lib.google_resources
	tags := lib.tags(r)
]

deny contains lib.entry(r, msg, "labels") if {
	some [r, tags] in _labelled
	missing := {k | some [k, _] in _required; not _has_key(tags, k)}
	count(missing) > 0
	msg := sprintf("%s is missing required label(s) %s", [r.address, concat(", ", sort(missing))])
}

_has_key(tags, k) if _ = tags[k]

deny contains lib.entry(r, msg, sprintf("labels.%s", [k])) if {
	some [r, tags] in _labelled
	some [k, pattern] in _required
	pattern != null
	v := tags[k]
	is_string(v)
	not lib.is_redacted(v)
	not regex.match(pattern, v)
	msg := sprintf("%s label %s is %s, which does not match the required pattern %s", [r.address, k, json.marshal(v), pattern])
}

unknown contains lib.entry(r, msg, sprintf("labels.%s", [k])) if {
	some [r, tags] in _labelled
	some [k, pattern] in _required
	pattern != null
	v := tags[k]
	_open(v)
	msg := sprintf("%s: label %s is %s; whether it matches the required pattern %s is indeterminate", [r.address, k, _why(v), pattern])
}

_open(v) if not is_string(v)

_open(v) if lib.is_redacted(v)

_why(v) := "sensitive" if lib.is_redacted(v)

else := "known only after apply"

# A resource whose labels are known only after apply as a whole (the
# document then gives no labels).
unknown contains lib.entry(r, msg, "labels") if {
	count(_required) > 0
	some r in lib.google_resources
	not lib.takes_tags(r)
	_labels_open(r)
	msg := sprintf("%s: which labels it will carry is known only after apply", [r.address])
}

_labels_open(r) if lib.is_unknown(r, ["labels"])

_labels_open(r) if lib.is_unknown(r, ["effective_labels"])

_labels_open(r) if lib.is_unknown(r, ["terraform_labels"])
