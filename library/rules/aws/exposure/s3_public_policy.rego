# METADATA
# title: S3 bucket policies must not grant public read or write access
# description: |
#   A bucket policy statement that allows S3 actions to everyone (Principal
#   "*", {"AWS": "*"} or {"AWS": ["*", ...]}, or an Allow with NotPrincipal)
#   without any Condition makes the bucket public. Covers
#   aws_s3_bucket_policy `policy` and the legacy aws_s3_bucket `policy`.
#   Fails when such a statement allows a read action (s3:GetObject,
#   s3:ListBucket, ...) or a write action (s3:PutObject, s3:DeleteObject,
#   s3:PutBucketPolicy, ...), by name or by wildcard ("s3:*", "s3:Get*",
#   "*"), or allows everything but some actions (NotAction). Passes when
#   every public statement carries a Condition (aws:SourceVpce,
#   aws:SourceIp, aws:PrincipalOrgID ...: tfgate does not judge the
#   condition), names specific principals, or denies. The policy is read as
#   JSON (Statement an object or a list; Action a string or a list); a
#   policy that is not valid JSON is indeterminate. A policy known only
#   after apply is judged from the aws_iam_policy_document data source it
#   refers to, whose statement blocks are in the document even when its
#   JSON is not (statement `effect` defaults to Allow; principals type "*"
#   or "AWS" with identifier "*" is everyone); when the data source merges
#   other documents that are known only after apply, or the policy refers to
#   no such data source (jsonencode over values known after apply), the
#   finding is indeterminate.
# custom:
#   id: TFG-AWS-EXPOSURE-030
#   severity: critical
#   family: exposure
#   resource_types: [aws_s3_bucket_policy, aws_s3_bucket]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6", "AC-21", "SC-7"]
#     aws-fsbp: ["S3.2", "S3.3"]
#   remediation: |
#     Grant the principals that need access (account roles, a CloudFront
#     origin access control via the service principal with an
#     aws:SourceArn condition) instead of "*", or add a Condition that
#     limits the statement (aws:SourceVpce, aws:PrincipalOrgID). Keep the
#     bucket's public access block on: block_public_policy rejects public
#     policies.
package tfgate.rules.aws.exposure.s3_public_policy

import data.tfgate.lib

# Actions that read or write a bucket's data or open it further. Patterns
# from the policy are matched against these (lower case).
read_actions := [
	"s3:getobject", "s3:getobjectversion", "s3:getobjectacl", "s3:getobjecttagging",
	"s3:listbucket", "s3:listbucketversions", "s3:listmultipartuploadparts",
	"s3:getbucketacl", "s3:getbucketpolicy",
]

write_actions := [
	"s3:putobject", "s3:putobjectacl", "s3:deleteobject", "s3:deleteobjectversion",
	"s3:restoreobject", "s3:replicateobject", "s3:abortmultipartupload",
	"s3:putbucketpolicy", "s3:deletebucketpolicy", "s3:putbucketacl", "s3:deletebucket",
	"s3:putbucketpublicaccessblock", "s3:putlifecycleconfiguration",
]

# A policy is checked on aws_s3_bucket_policy and on the legacy inline
# policy of aws_s3_bucket (computed by provider v4+: unknown and not
# written means no inline policy, so that case is silent).
_policy_types := ["aws_s3_bucket_policy", "aws_s3_bucket"]

# Policies whose JSON is known (looked for only in the types where some
# resource sets a policy, lib.type_attributes).
deny contains lib.entry(r, msg, "policy") if {
	some t in _policy_types
	lib.type_attributes[t].policy
	some r in lib.resources_of_type(t)
	doc := _known_policy(r)
	found := _public_grants(_json_statements(doc))
	count(found) > 0
	msg := _message(r, found, "")
}

unknown contains lib.entry(r, msg, "policy") if {
	some t in _policy_types
	lib.type_attributes[t].policy
	some r in lib.resources_of_type(t)
	p := lib.value(r, ["policy"])
	is_string(p)
	not lib.is_redacted(p)
	p != ""
	not json.is_valid(p)
	msg := sprintf("%s: its policy is not valid JSON, so who it grants access to cannot be told", [r.address])
}

# Policies known only after apply, judged from their policy documents
# (only a policy that refers to something has any: that is tested first).
deny contains lib.entry(r, msg, "policy") if {
	some t in _policy_types
	some r in lib.resources_of_type(t)
	count(r.references.policy) > 0
	lib.is_unknown(r, ["policy"])
	docs := {d.address | some d in _policy_docs(r); count(_doc_grants[d.address]) > 0}
	count(docs) > 0
	found := union({_doc_grants[a] | some a in docs})
	msg := _message(r, found, sprintf(" (from %s)", [concat(", ", sort(docs))]))
}

# The policy of aws_s3_bucket_policy is required; the legacy inline policy
# of aws_s3_bucket is computed, so there an unknown value that refers to
# nothing is no policy (tested first: most buckets have none).
unknown contains lib.entry(r, msg, "policy") if {
	some r in lib.resources_of_type("aws_s3_bucket_policy")
	lib.is_unknown(r, ["policy"])
	not _public_via_doc(r)
	not _all_docs_known(r)
	msg := sprintf("%s: its policy is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "policy") if {
	some r in lib.resources_of_type("aws_s3_bucket")
	count(r.references.policy) > 0
	lib.is_unknown(r, ["policy"])
	not _public_via_doc(r)
	not _all_docs_known(r)
	msg := sprintf("%s: its policy is known only after apply", [r.address])
}

_public_via_doc(r) if {
	some d in _policy_docs(r)
	count(_doc_grants[d.address]) > 0
}

# _all_docs_known(r): the policy refers only to aws_iam_policy_document
# data sources found in the document, each judged completely.
_all_docs_known(r) if {
	refs := lib.references(r, "policy")
	count(refs) > 0
	every ref in refs {
		count(_docs_for(ref)) > 0
	}
	every d in _policy_docs(r) {
		not d.address in _docs_incomplete
	}
}

_message(r, found, via) := sprintf("%s grants %s to everyone without a condition%s: %s", [
	r.address,
	concat(" and ", sort({k | some g in found; k := g.kind})),
	via,
	concat("; ", sort({g.text | some g in found})),
])

# _known_policy(r): the parsed policy of r when known and valid.
_known_policy(r) := json.unmarshal(p) if {
	p := lib.value(r, ["policy"])
	is_string(p)
	not lib.is_redacted(p)
	json.is_valid(p)
}

# Statements of a JSON policy, normalised to
# {"sid", "allow", "public", "conditional", "actions"}.
_json_statements(doc) := [s |
	is_object(doc)
	some i, raw in _as_list(object.get(doc, "Statement", []))
	is_object(raw)
	s := {
		"where": _sid(raw, sprintf("Statement[%d]", [i])),
		"allow": object.get(raw, "Effect", "") == "Allow",
		"public": _public_json(raw),
		"conditional": _present(object.get(raw, "Condition", null)),
		"actions": _json_actions(raw),
	}
]

_sid(raw, fallback) := sprintf("statement %q", [raw.Sid]) if {
	is_string(raw.Sid)
	raw.Sid != ""
} else := fallback

_json_public_principal(raw) if object.get(raw, "Principal", null) == "*"

_json_public_principal(raw) if {
	p := object.get(raw, "Principal", null)
	is_object(p)
	some v in _as_list(object.get(p, "AWS", []))
	v == "*"
}

# An Allow with NotPrincipal allows everyone but the principals listed.
_json_public_principal(raw) if object.get(raw, "NotPrincipal", null) != null

_json_actions(raw) := ["*"] if object.get(raw, "NotAction", null) != null

else := [lower(a) | some a in _as_list(object.get(raw, "Action", [])); is_string(a)]

# _public_grants(statements): {"kind", "text"} for each public statement
# allowing read or write actions.
_public_grants(statements) := {g |
	some s in statements
	s.allow
	s.public
	not s.conditional
	some kind, actions in {"read access": read_actions, "write access": write_actions}
	matched := {a | some a in s.actions; _matches_any(a, actions)}
	count(matched) > 0
	g := {"kind": kind, "text": sprintf("%s allows %s", [s.where, concat(", ", sort(matched))])}
}

# Patterns are IAM wildcards (* and ?); anything else is compared as is,
# so a malformed pattern never reaches glob.match.
_matches_any(pattern, actions) if {
	regex.match(`^[a-z0-9:*?_-]+$`, pattern)
	some a in actions
	glob.match(pattern, ["."], a)
}

_matches_any(pattern, actions) if {
	not regex.match(`^[a-z0-9:*?_-]+$`, pattern)
	pattern in actions
}

# aws_iam_policy_document data sources of the document, and what each
# grants, judged once per data source (not once per policy naming it).
_iam_docs := [d |
	some _, d in lib.by_address
	d.mode == "data"
	d.type == "aws_iam_policy_document"
	d.change.kind != "delete"
]

_doc_by_address := {d.address: d | some d in _iam_docs}

_doc_base := {d.address: lib.base_address(d.address) | some d in _iam_docs}

# Instances by the address without index ("data.x.p" names every p[i]):
# one pass over the data sources per distinct data block.
_docs_by_base := {b: [d | some d in _iam_docs; _doc_base[d.address] == b] | some b in {b | some _, b in _doc_base}}

_doc_grants := {d.address: _doc_public_grants(d) | some d in _iam_docs}

_docs_incomplete := {d.address | some d in _iam_docs; _doc_incomplete(d)}

# _docs_for(ref): the data sources a reference string names.
_docs_for(ref) := [_doc_by_address[ref]] if _doc_by_address[ref]

else := object.get(_docs_by_base, ref, [])

_policy_docs(r) := [d |
	some ref in lib.references(r, "policy")
	some d in _docs_for(ref)
]

# Statements of an aws_iam_policy_document data source (its arguments).
_doc_statements(d) := [s |
	some i, raw in _as_list(object.get(lib.after(d), "statement", null))
	is_object(raw)
	s := {
		"where": _sid_block(raw, i),
		"allow": object.get(raw, "effect", null) in {null, "Allow"},
		"public": _public_block(raw),
		"conditional": _present(object.get(raw, "condition", null)),
		"actions": _doc_actions(raw),
	}
]

_sid_block(raw, i) := sprintf("statement %q", [raw.sid]) if {
	is_string(raw.sid)
	raw.sid != ""
} else := sprintf("statement[%d]", [i])

_doc_public_principal(raw) if {
	some p in _as_list(object.get(raw, "principals", null))
	is_object(p)
	object.get(p, "type", null) in {"*", "AWS"}
	"*" in _as_list(object.get(p, "identifiers", null))
}

_doc_public_principal(raw) if count(_as_list(object.get(raw, "not_principals", null))) > 0

_doc_actions(raw) := ["*"] if count(_as_list(object.get(raw, "not_actions", []))) > 0

else := [lower(a) | some a in _as_list(object.get(raw, "actions", [])); is_string(a)]

# Public grants of a data source: its statement blocks (unless documents
# that override statements are merged in) and the known JSON documents it
# merges.
_doc_public_grants(d) := grants if {
	not _overridden(d)
	grants := _public_grants(array.concat(_doc_statements(d), _merged_statements(d)))
} else := _public_grants(_merged_statements(d))

_merged_statements(d) := [s |
	some attr in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]
	some p in _as_list(object.get(lib.after(d), attr, null))
	is_string(p)
	json.is_valid(p)
	some s in _json_statements(json.unmarshal(p))
]

_overridden(d) if _non_empty(object.get(lib.after(d), "override_policy_documents", null))

_overridden(d) if _non_empty(object.get(lib.after(d), "override_json", null))

_overridden(d) if lib.unknown_within(d, ["override_policy_documents"])

_overridden(d) if lib.is_unknown(d, ["override_json"])

# _doc_incomplete(d): something deciding who the data source grants what
# is known only after apply.
_doc_incomplete(d) if _overridden(d)

_doc_incomplete(d) if lib.unknown_within(d, ["source_policy_documents"])

_doc_incomplete(d) if lib.is_unknown(d, ["source_json"])

_doc_incomplete(d) if {
	some i, _ in _as_list(object.get(lib.after(d), "statement", null))
	some attr in ["effect", "principals", "not_principals", "condition", "actions", "not_actions"]
	lib.unknown_within(d, ["statement", i, attr])
}

_doc_incomplete(d) if lib.is_unknown(d, ["statement"])

# Booleans for the normalised statements (a helper that is undefined would
# drop the statement).
_public_json(raw) := true if _json_public_principal(raw)

else := false

_public_block(raw) := true if _doc_public_principal(raw)

else := false

_present(x) := true if _non_empty(x)

else := false

_as_list(x) := x if is_array(x)

else := [x] if x != null

else := []

# _non_empty(x): x is a non-empty object, array or string, or any other
# non-null value (an unexpected shape is taken as present).
_non_empty(x) if {
	_sized(x)
	count(x) > 0
}

_non_empty(x) if {
	not _sized(x)
	x != null
}

_sized(x) if is_object(x)

_sized(x) if is_array(x)

_sized(x) if is_string(x)
