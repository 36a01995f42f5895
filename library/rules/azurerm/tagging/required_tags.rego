# METADATA
# title: Azure resources must carry the required tags
# description: |
#   Every azurerm (and azapi) resource whose type takes tags must carry each
#   tag the `required_tags` parameter names in its `tags` map. Types that
#   take no tags (the document gives them no tags: subnets, network security
#   rules, role assignments, ...) are never reported. Azure treats tag keys
#   case-insensitively (`owner` and `Owner` are one tag to Azure), so keys
#   are always compared without regard to case; values are compared as
#   written.
#
#   `required_tags` is, as for AWS (TFG-AWS-TAG-001), either a list of keys
#   (`["Owner", "CostCenter"]`: the key must be present, any value) or a
#   map of key to a value pattern (`{Owner = ".+", Environment =
#   "^(dev|staging|prod)$"}`: present and matching; an empty pattern accepts
#   any value). Patterns are RE2 regular expressions matched anywhere in the
#   value (anchor them with ^ and $).
#
#   Fails: a required key is absent, or its value does not match its
#   pattern. Indeterminate, never failed: a value known only after apply
#   (or sensitive) that must match a pattern, and a resource whose set of
#   tag keys is known only after apply (`tags = var.tags` with no value,
#   a merge with a value known only after apply). A tag whose value is
#   known only after apply counts as present. Azure resources inherit no
#   tags from their resource group (Azure Policy can copy them, but that
#   happens after apply and is not part of the change), so a resource group
#   with the tags does not make its resources pass.
# custom:
#   id: TFG-AZURE-TAG-001
#   severity: medium
#   family: tagging
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["CM-8"]
#   params: [required_tags]
#   remediation: |
#     Add the missing keys to the resource's `tags` (for example a shared
#     `local.tags` merged into every resource), and correct values that do
#     not match the required pattern.
package tfgate.rules.azurerm.tagging.required_tags

import data.tfgate.lib

_providers := {"azurerm", "azapi"}

_param := lib.param("required_tags")

# {[lower-case key, key as written, pattern or null]}.
_required := {[lower(k), k, null] |
	some k in _param
	is_string(k)
} if is_array(_param)

else := {[lower(k), k, _pattern(p)] | some k, p in _param} if is_object(_param)

else := {[lower(_param), _param, null]} if is_string(_param)

_pattern(p) := p if {
	is_string(p)
	p != ""
} else := null

_azure(r) if r.provider.name in _providers

# The checked resources with their tags (a type that takes tags and whose
# tag keys are known).
_checked := [[r, lib.tags(r)] |
	some r in lib.resources
	_azure(r)
	lib.takes_tags(r)
]

_missing(tags) := {key |
	some [n, key, _] in _required
	not _present(tags, n)
}

_present(tags, n) if {
	some k, _ in tags
	lower(k) == n
}

_candidates(tags, n) := [[k, v] |
	some k, v in tags
	lower(k) == n
]

_open(v) if not is_string(v)

_open(v) if lib.is_redacted(v)

_any_match(cands, pattern) if {
	some c in cands
	not _open(c[1])
	regex.match(pattern, c[1])
}

_any_open(cands) if {
	some c in cands
	_open(c[1])
}

deny contains lib.entry(r, msg, "tags") if {
	some [r, tags] in _checked
	missing := _missing(tags)
	count(missing) > 0
	msg := sprintf("%s is missing required tag(s) %s", [r.address, concat(", ", sort(missing))])
}

# Values that do not match their pattern (when no other tag of the key,
# differing only in case, matches or is undetermined).
deny contains lib.entry(r, msg, sprintf("tags.%s", [k])) if {
	some [r, tags] in _checked
	some [n, _, pattern] in _required
	pattern != null
	cands := _candidates(tags, n)
	not _any_match(cands, pattern)
	not _any_open(cands)
	some [k, v] in cands
	msg := sprintf("%s tag %s is %s, which does not match the required pattern %s", [r.address, k, json.marshal(v), pattern])
}

unknown contains lib.entry(r, msg, sprintf("tags.%s", [k])) if {
	some [r, tags] in _checked
	some [n, _, pattern] in _required
	pattern != null
	cands := _candidates(tags, n)
	not _any_match(cands, pattern)
	some [k, v] in cands
	_open(v)
	msg := sprintf("%s: tag %s is %s; whether it matches the required pattern %s is indeterminate", [r.address, k, _why(v), pattern])
}

_why(v) := "sensitive" if lib.is_redacted(v)

else := "known only after apply"

# A resource whose tag keys are known only after apply: the document gives
# no tags, and its `tags` is unknown.
unknown contains lib.entry(r, msg, "tags") if {
	count(_required) > 0
	some r in lib.resources
	_azure(r)
	not lib.takes_tags(r)
	lib.unknown_within(r, ["tags"])
	msg := sprintf("%s: which tags it will carry is known only after apply", [r.address])
}
