# METADATA
# title: S3 buckets must be encrypted with KMS keys
# description: |
#   Since January 2023 S3 encrypts every new object with SSE-S3 (AES256,
#   keys owned and managed by AWS), so "is the bucket encrypted" is always
#   yes and checking it proves nothing. What a security team still has to
#   require is encryption under keys it controls: SSE-KMS (`aws:kms`) or
#   dual-layer SSE-KMS (`aws:kms:dsse`), which give key policies, grants,
#   CloudTrail records of every decryption and the ability to revoke access.
#   A bucket passes when its encryption configuration, inline
#   (`server_side_encryption_configuration` on aws_s3_bucket, provider v3
#   style) or a separate aws_s3_bucket_server_side_encryption_configuration
#   whose `bucket` names it (by reference, or by its known name), uses
#   aws:kms or aws:kms:dsse. The join uses the configuration's references,
#   so it works when the bucket's id is known only after apply. An
#   algorithm known only after apply, a reference whose instance is known
#   only after apply, or a configuration naming its bucket only by a value
#   known after apply, is indeterminate.
#
#   Log-delivery targets pass whatever their encryption: S3 server access
#   logs and Application/Classic Load Balancer access and connection logs
#   can only be delivered to buckets encrypted with SSE-S3, so requiring
#   KMS there would break logging. A bucket is recognised as such a target
#   when (1) an aws_s3_bucket_acl, or the bucket's inline `acl`/`grant`,
#   gives it the canned ACL log-delivery-write or a grant to the S3
#   LogDelivery group (http://acs.amazonaws.com/groups/s3/LogDelivery);
#   (2) it is the `target_bucket` of an aws_s3_bucket_logging (or of a
#   bucket's inline `logging`); (3) it is the `access_logs` or
#   `connection_logs` bucket of an aws_lb / aws_alb that is not a Network
#   Load Balancer (those accept KMS), or the `access_logs` bucket of an
#   aws_elb; (4) its bucket policy (aws_s3_bucket_policy, or the inline
#   `policy`) allows the S3 logging service (logging.s3.amazonaws.com) or
#   the ELB log writers (logdelivery.elasticloadbalancing.amazonaws.com,
#   elasticloadbalancing.amazonaws.com, or a regional ELB account such as
#   arn:aws:iam::127311923021:root). Policies are read as JSON when their
#   text is known (jsonencode, a heredoc, an aws_iam_policy_document's
#   `json` in a plan), else from the aws_iam_policy_document data source
#   they refer to. A bucket that would fail is indeterminate, not failed,
#   when it may be such a target but the plan cannot tell: a policy whose
#   text and source are known only after apply, a reference whose instance
#   is undetermined, or a log setting that names its bucket only by a value
#   known after apply.
# custom:
#   id: TFG-AWS-ENC-003
#   severity: medium
#   family: encryption
#   resource_types: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration, aws_s3_bucket_acl, aws_s3_bucket_logging, aws_s3_bucket_policy, aws_lb, aws_alb, aws_elb]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.1.1"]
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Add an aws_s3_bucket_server_side_encryption_configuration for the
#     bucket with `apply_server_side_encryption_by_default { sse_algorithm =
#     "aws:kms"  kms_master_key_id = aws_kms_key.x.arn }` (and
#     `bucket_key_enabled = true` to keep KMS costs down). Buckets that
#     receive S3 access logs or load-balancer logs keep SSE-S3: make that
#     visible with the log-delivery grant, the bucket policy or the logging
#     configuration that names them.
package tfgate.rules.aws.encryption.s3_bucket

import data.tfgate.lib

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

_sse_type := "aws_s3_bucket_server_side_encryption_configuration"

_names := ["bucket", "id"]

# The algorithms of one SSE configuration's rules (the resource, or the
# inline block of a bucket): known values and whether any is unknown.
_algorithms(r, prefix) := {alg |
	some rule in object.get(lib.after(r), array.concat(prefix, ["rule"]), [])
	some d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := object.get(d, "sse_algorithm", null)
	is_string(alg)
}

_algorithm_unknown(r, prefix) if lib.unknown_within(r, array.concat(prefix, ["rule"]))

_uses_kms(r, prefix) if {
	some alg in _algorithms(r, prefix)
	alg in kms_algorithms
}

# Each separate SSE configuration's verdict: "kms" (some rule uses aws:kms
# or aws:kms:dsse), "unknown" (else an algorithm known only after apply)
# or "other", with its known algorithms. Configurations repeat the same
# rules: the algorithms of each distinct `rule` value are found once
# (_rule_algs), and a configuration is classed by a lookup; only those
# that do not use KMS are looked at for unknown algorithms. The key sets
# below join the configurations' link keys (lib.link_keys, written out:
# the references of `bucket`, and "=<bucket>" for a known, unredacted
# bucket name).
_sse_configs := lib.resources_of_type(_sse_type)

_rule_algs := {rv: algs |
	some rv in {c.after.rule | some c in _sse_configs}
	algs := {alg | # _algorithms(c, []), written out
		some rule in rv
		some d in object.get(rule, "apply_server_side_encryption_by_default", [])
		alg := object.get(d, "sse_algorithm", null)
		is_string(alg)
	}
}

_kms_rules := {rv | some rv, algs in _rule_algs; count(algs & kms_algorithms) > 0}

# Indexes (in _sse_configs) of the configurations by verdict.
_kms_at := {i | some i, c in _sse_configs; _kms_rules[c.after.rule]}

# (Not `not _kms_rules[c.after.rule]`: the compiler takes c.after.rule
# out of the negation, which a configuration without rules then fails.)
_unknown_at := {i |
	some i, c in _sse_configs
	not _kms_at[i]
	_algorithm_unknown(c, [])
}

# _config_keys(at): the link keys of the configurations at the indexes at.
_config_keys(at) := {k |
	some i in at
	some k in _sse_configs[i].references.bucket
} | {k |
	some i in at
	v := _sse_configs[i].after.bucket
	is_string(v)
	v != lib.redacted
	k := concat("", ["=", v])
}

# Keys of the buckets named by separate SSE configurations, by verdict.
kms_keys := _config_keys(_kms_at)

unknown_keys := _config_keys(_unknown_at)

# [key, algorithm] pairs of configurations that do not use KMS (a set of
# pairs, not an object: two configurations may name the same bucket).
other_pairs := {[k, alg] |
	some c in _other_configs
	some alg in _rule_algs[c.after.rule]
	some k in c.references.bucket
} | {[k, alg] |
	some c in _other_configs
	some alg in _rule_algs[c.after.rule]
	v := c.after.bucket
	is_string(v)
	v != lib.redacted
	k := concat("", ["=", v])
}

_other_configs := [c |
	some i, c in _sse_configs
	not _kms_at[i]
	not _unknown_at[i]
]

_inline := ["server_side_encryption_configuration", 0]

# The attributes set (not null) in some aws_s3_bucket (lib.type_attributes):
# the bucket's own (provider v3 style) encryption, ACL, grants, policy and
# logging are looked at only when some bucket sets them.
_bucket_attrs := object.get(lib.type_attributes, "aws_s3_bucket", {})

# Indexes (in lib.resources_of_type("aws_s3_bucket")) of the buckets whose
# inline encryption block uses aws:kms: a lookup per bucket, and no pass at
# all when no bucket sets the block. (A set built whole, not a partial set
# rule, which a lookup with a given index would evaluate once per bucket.)
_inline_kms_at := {i |
	_bucket_attrs.server_side_encryption_configuration
	some i, b in lib.resources_of_type("aws_s3_bucket")
	_uses_kms(b, _inline)
}

# The inline block is computed by AWS provider v4+ (it mirrors the bucket's
# actual configuration), so an unknown inline block says nothing: only a
# known inline aws:kms counts, and only separate configurations can make a
# bucket indeterminate: when one of its keys is named by a configuration
# whose algorithm is unknown, or its maybe key (lib.maybe_key) by any
# configuration that would make it pass.
_sse_open_maybe := kms_keys | unknown_keys

# An SSE configuration that would make its bucket pass (aws:kms, or an
# algorithm known only after apply) but names the bucket only through a
# value known after apply cannot be joined: every bucket that would fail is
# indeterminate.
_unjoined_sse if {
	some i in _kms_at | _unknown_at
	lib.unlinked(_sse_configs[i], "bucket")
}

# ---------------------------------------------------------------------
# Log-delivery targets (SSE-S3 only).

_log_delivery_uri := "http://acs.amazonaws.com/groups/s3/LogDelivery"

_log_services := {
	"logging.s3.amazonaws.com",
	"logdelivery.elasticloadbalancing.amazonaws.com",
	"elasticloadbalancing.amazonaws.com",
}

# The AWS accounts that write Elastic Load Balancing access logs, one per
# region (the older regions; newer ones use the log-delivery service).
_elb_accounts := {
	"127311923021", "033677994240", "027434742980", "797873946194", # us-east-1, us-east-2, us-west-1, us-west-2
	"098369216593", "754344448648", "589379963580", "718504428378", # af-south-1, ap-east-1, ap-southeast-3, ap-south-1
	"383597477331", "600734575887", "114774131450", "783225319266", # ap-northeast-3, ap-northeast-2, ap-southeast-1, ap-southeast-2
	"582318560864", "985666609251", "054676820928", "156460612806", # ap-northeast-1, ca-central-1, eu-central-1, eu-west-1
	"652711504416", "635631232127", "009996457667", "897822967062", # eu-west-2, eu-south-1, eu-west-3, eu-north-1
	"076674570225", "507241528517", "048591011584", "190560391635", # me-south-1, sa-east-1, us-gov-west-1, us-gov-east-1
	"638102146993", "037604701340", # cn-north-1, cn-northwest-1
}

_log_principal("Service", id) if id in _log_services

_log_principal("AWS", id) if {
	is_string(id)
	parts := regex.find_all_string_submatch_n(`^(?:arn:aws[a-z-]*:iam::)?([0-9]{12})(?::root)?$`, id, 1)
	parts[0][1] in _elb_accounts
}

_as_array(v) := v if is_array(v)

else := [v]

# Policy JSON text: the statements allowing a log-delivery principal.
_json_allows_log(text) if {
	is_string(text)
	json.is_valid(text)
	doc := json.unmarshal(text)
	is_object(doc)
	some st in _as_array(object.get(doc, "Statement", []))
	is_object(st)
	object.get(st, "Effect", "") == "Allow"
	principal := object.get(st, "Principal", null)
	is_object(principal)
	some kind, ids in principal
	some id in _as_array(ids)
	_log_principal(kind, id)
}

# aws_iam_policy_document data sources by address and by address without
# instance index, built once (they are not managed resources, so they are
# read from lib.by_address).
_documents := [d |
	some d in lib.by_address
	d.type == "aws_iam_policy_document"
]

_policy_documents := {a: docs |
	some a in {x |
		some d in _documents
		some x in [d.address, lib.base_address(d.address)]
	}
	docs := [d |
		some d in _documents
		a in {d.address, lib.base_address(d.address)}
	]
}

_doc_allows_log(d) if {
	some st in object.get(lib.after(d), "statement", [])
	object.get(st, "effect", "Allow") in {"Allow", null}
	some p in object.get(st, "principals", [])
	some id in object.get(p, "identifiers", [])
	_log_principal(object.get(p, "type", ""), id)
}

_doc_allows_log(d) if {
	some attr in ["source_policy_documents", "override_policy_documents"]
	some text in object.get(lib.after(d), attr, [])
	_json_allows_log(text)
}

_doc_allows_log(d) if {
	some attr in ["json", "source_json", "override_json"]
	_json_allows_log(object.get(lib.after(d), attr, null))
}

# _doc_undecided(d): the parts of the document that could name a
# log-delivery principal are known only after apply.
_doc_undecided(d) if {
	some i, _ in object.get(lib.after(d), "statement", [])
	some attr in ["principals", "effect"]
	lib.unknown_within(d, ["statement", i, attr])
}

_doc_undecided(d) if lib.is_unknown(d, ["statement"])

_doc_undecided(d) if {
	some attr in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]
	lib.unknown_within(d, [attr])
}

# _policy_verdict(r, attr): "log" when the policy in attribute attr of r
# allows a log-delivery principal, "maybe" when that cannot be known before
# apply; undefined otherwise.
_policy_verdict(r, attr) := "log" if {
	_json_allows_log(object.get(lib.after(r), attr, null))
} else := "log" if {
	not is_string(object.get(lib.after(r), attr, null))
	some ref in lib.references(r, attr)
	some d in object.get(_policy_documents, ref, [])
	_doc_allows_log(d)
} else := "maybe" if {
	not is_string(object.get(lib.after(r), attr, null))
	lib.is_unknown(r, [attr])
	not _resolved_documents(r, attr)
}

# _resolved_documents(r, attr): the unknown policy is built only from
# aws_iam_policy_document data sources that are fully decided (and name no
# log-delivery principal).
_resolved_documents(r, attr) if {
	refs := lib.references(r, attr)
	count(refs) > 0
	every ref in refs {
		docs := object.get(_policy_documents, ref, [])
		count(docs) > 0
		every d in docs {
			not _doc_undecided(d)
		}
	}
}

# ACL signals: the canned ACL or a grant to the LogDelivery group.
_acl_is_log(r) if object.get(lib.after(r), "acl", "") == "log-delivery-write"

_acl_is_log(r) if {
	some acp in object.get(lib.after(r), "access_control_policy", [])
	some g in object.get(acp, "grant", [])
	some ge in object.get(g, "grantee", [])
	object.get(ge, "uri", "") == _log_delivery_uri
}

# Load balancers whose access or connection logs need SSE-S3 (Network Load
# Balancers accept SSE-KMS with a customer key and are left out).
_lb_log_blocks := {
	"aws_lb": ["access_logs", "connection_logs"],
	"aws_alb": ["access_logs", "connection_logs"],
	"aws_elb": ["access_logs"],
}

_sse_s3_only_lb(r) if r.type == "aws_elb"

_sse_s3_only_lb(r) if {
	r.type != "aws_elb"
	object.get(lib.after(r), "load_balancer_type", null) in {"application", null}
}

# _nested_keys(r, block, attr): like lib.link_keys for the attribute attr
# of the first `block` block of r.
_nested_keys(r, block, attr) := {k |
	some k in lib.references(r, concat(".", [block, attr]))
} | {k |
	v := object.get(lib.after(r), [block, 0, attr], null)
	is_string(v)
	v != ""
	k := concat("", ["=", v])
}

_nested_unlinked(r, block, attr) if {
	count(object.get(lib.after(r), block, [])) > 0
	count(_nested_keys(r, block, attr)) == 0
}

_nested_unlinked(r, block, _) if lib.is_unknown(r, [block])

# [key, signal] pairs for every log-delivery signal, built once. signal is
# "log" (certainly a log target) or "maybe".
_log_signals := (((_acl_signals | _logging_signals) | _lb_signals) | _policy_signals) | _inline_logging_signals

_acl_signals := {[k, "log"] |
	some c in lib.resources_of_type("aws_s3_bucket_acl")
	_acl_is_log(c)
	some k in lib.link_keys(c, "bucket")
} | {[k, "maybe"] |
	some c in lib.resources_of_type("aws_s3_bucket_acl")
	not _acl_is_log(c)
	lib.is_unknown(c, ["acl"])
	some k in lib.link_keys(c, "bucket")
}

_logging_signals := {[k, "log"] |
	some c in lib.resources_of_type("aws_s3_bucket_logging")
	some k in lib.link_keys(c, "target_bucket")
}

# _nested_keys(b, "logging", "target_bucket") of every bucket, written
# out (one per bucket: no call per bucket): the references, then the known
# names, looked up only when some bucket sets logging.
_inline_logging_signals := {[k, "log"] |
	some b in lib.resources_of_type("aws_s3_bucket")
	some k in b.references["logging.target_bucket"]
} | {[k, "log"] |
	_bucket_attrs.logging
	some b in lib.resources_of_type("aws_s3_bucket")
	v := b.after.logging[0].target_bucket
	is_string(v)
	v != ""
	k := concat("", ["=", v])
}

_lb_signals := {[k, "log"] |
	some t, blocks in _lb_log_blocks
	some r in lib.resources_of_type(t)
	_sse_s3_only_lb(r)
	some block in blocks
	some k in _nested_keys(r, block, "bucket")
}

_policy_signals := {[k, v] |
	some c in lib.resources_of_type("aws_s3_bucket_policy")
	v := _policy_verdict(c, "policy")
	some k in lib.link_keys(c, "bucket")
}

log_keys := {k | some [k, "log"] in _log_signals}

maybe_log_keys := {k | some [k, "maybe"] in _log_signals}

# A log setting naming its bucket only by a value known after apply: any
# bucket may be its target.
_unjoined_log if {
	some c in lib.resources_of_type("aws_s3_bucket_acl")
	_acl_is_log(c)
	lib.unlinked(c, "bucket")
}

_unjoined_log if {
	some c in lib.resources_of_type("aws_s3_bucket_logging")
	lib.unlinked(c, "target_bucket")
}

_unjoined_log if {
	some c in lib.resources_of_type("aws_s3_bucket_policy")
	_policy_verdict(c, "policy")
	lib.unlinked(c, "bucket")
}

_unjoined_log if {
	some t, blocks in _lb_log_blocks
	some r in lib.resources_of_type(t)
	_sse_s3_only_lb(r)
	some block in blocks
	_nested_unlinked(r, block, "bucket")
}

# Indexes (in lib.resources_of_type("aws_s3_bucket")) of the buckets that
# their own (provider v3 style) ACL, grants or policy make log targets,
# built whole like _inline_kms_at: the acl, grant and known policy are
# looked at only when some bucket sets them; a policy known only after
# apply, only when it refers to something. The last two are the two ways
# _policy_verdict(b, "policy") is "log": the known JSON, else the policy
# documents the policy refers to.
_inline_log_at := ((_inline_acl_log_at | _inline_grant_log_at) | _inline_policy_log_at) | _inline_policy_doc_log_at

_inline_acl_log_at := {i |
	_bucket_attrs.acl
	some i, b in lib.resources_of_type("aws_s3_bucket")
	b.after.acl == "log-delivery-write"
}

_inline_grant_log_at := {i |
	_bucket_attrs.grant
	some i, b in lib.resources_of_type("aws_s3_bucket")
	some g in b.after.grant
	object.get(g, "uri", "") == _log_delivery_uri
}

_inline_policy_log_at := {i |
	_bucket_attrs.policy
	some i, b in lib.resources_of_type("aws_s3_bucket")
	_json_allows_log(b.after.policy)
}

_inline_policy_doc_log_at := {i |
	some i, b in lib.resources_of_type("aws_s3_bucket")
	refs := b.references.policy
	not is_string(object.get(lib.after(b), "policy", null))
	some ref in refs
	some d in object.get(_policy_documents, ref, [])
	_doc_allows_log(d)
}

# Keys that, as the maybe key of a bucket (lib.maybe_key), may make it a
# log target.
_log_open_maybe := log_keys | maybe_log_keys

# ---------------------------------------------------------------------
# Verdicts.

# Each bucket that no configuration (separate, or its inline block) makes
# compliant and that is not a log target, with its index (in
# lib.resources_of_type("aws_s3_bucket")) and its verdict (_verdict),
# computed once. The keys that name a bucket (lib.target_keys: its
# address, its base address, and "=<name>" for its names) are joined with
# the key sets of the configurations and log settings; its maybe key
# (lib.maybe_key) depends on its base address only.
#
# Most buckets are named by no key of those sets (a configuration or log
# setting names a few buckets, or names them all by their maybe key): the
# verdict of such a bucket depends only on its base address, and is decided
# once per distinct base address (_base_verdicts); a bucket then costs a
# few lookups. Only the buckets some key names (_named_at) have their keys
# built and joined, as before.
_candidates := array.concat(_plain_candidates, _named_candidates)

_buckets := lib.resources_of_type("aws_s3_bucket")

# The base address of each bucket (lib.base_address), by index.
_bucket_bases := [lib.base_address(b.address) | some b in _buckets]

# Every key that makes a bucket it names pass, or changes its verdict.
_named := ((kms_keys | unknown_keys) | log_keys) | maybe_log_keys

# The indexes of the buckets a key of _named names: by address, by base
# address, or (when a key is a name, "=<name>") by a name.
_named_at := (_named_address_at | _named_base_at) | _named_value_at

_named_address_at := {i |
	count(_named) > 0
	some i, b in _buckets
	_named[b.address]
}

# (Decided per distinct base address first: most often none is named.)
_named_base_at := {i |
	count(_named_bases) > 0
	some i, base in _bucket_bases
	_named_bases[base]
}

_distinct_bases := {x | some x in _bucket_bases}

_named_bases := {base | some base in _distinct_bases; _named[base]}

_named_value_at := {i |
	_by_value
	some k in _named
	startswith(k, "=")
	some i, b in _buckets
	some a in _names
	v := b.after[a]
	is_string(v)
	concat("", ["=", v]) == k
}

_base_verdicts := {base: _verdict(set(), concat("", [base, "[*]"])) | some base in _distinct_bases}

_plain_candidates := [[i, b, verdict] |
	some i, b in _buckets
	not _inline_kms_at[i]
	not _inline_log_at[i]
	not _named_at[i]
	verdict := _base_verdicts[_bucket_bases[i]]
]

_named_candidates := [[i, b, verdict] |
	some i in _named_at
	b := _buckets[i]
	keys := _keys(b, _bucket_bases[i])
	count(kms_keys & keys) == 0
	not _inline_kms_at[i]
	count(log_keys & keys) == 0
	not _inline_log_at[i]
	verdict := _verdict(keys, concat("", [_bucket_bases[i], "[*]"]))
]

# _keys(b, base): the keys that name the bucket b (lib.target_keys with
# the names; the keys of its names are left out when no key it is joined
# with is a name (_by_value): they would meet none).
_keys(b, base) := {b.address, base} | {concat("", ["=", v]) |
	_by_value
	some a in _names
	v := b.after[a]
	is_string(v)
}

# Some configuration or log setting names a bucket by a known value (a
# "=<name>" key, lib.link_keys): among the keys the bucket keys are joined
# with (here, in _verdict and in _other_algorithms).
_by_value if {
	some k in ((kms_keys | unknown_keys) | log_keys) | maybe_log_keys
	startswith(k, "=")
}

_by_value if {
	some [k, _] in other_pairs
	startswith(k, "=")
}

# _verdict(keys, maybe): "sse" when the bucket's encryption is known only
# after apply, else "unjoined" when an SSE configuration cannot be joined,
# else "log" when the bucket may be a log target (only apply tells), else
# "fail".
_verdict(keys, maybe) := "sse" if {
	count(unknown_keys & keys) > 0
} else := "sse" if {
	_sse_open_maybe[maybe]
} else := "unjoined" if {
	_unjoined_sse
} else := "log" if {
	_log_open_maybe[maybe]
} else := "log" if {
	count(maybe_log_keys & keys) > 0
} else := "log" if {
	_unjoined_log
} else := "fail"

# (lib.entry written out: this rule may report most buckets of a plan.)
deny contains {"resource": b.address, "message": _message(b, _keys(b, _bucket_bases[i])), "attribute": ""} if {
	some [i, b, "fail"] in _candidates
}

unknown contains {"resource": b.address, "message": sprintf(_unknown_messages[verdict], [b.address]), "attribute": ""} if {
	some [_, b, verdict] in _candidates
	verdict != "fail"
}

_unknown_messages := {
	"sse": "%s: its encryption configuration is known only after apply",
	"unjoined": "%s: an SSE configuration in this change names its bucket only by a value known after apply",
	"log": "%s may receive S3 access logs or load-balancer logs (which require SSE-S3): its log-delivery grant, policy or logging target is known only after apply",
}

_message(b, keys) := sprintf("%s uses %s, not a KMS key: SSE-S3 is S3's default since January 2023; require aws:kms or aws:kms:dsse", [b.address, concat(" and ", sort(algs))]) if {
	algs := _other_algorithms(b, keys)
	count(algs) > 0
} else := sprintf("%s has no KMS encryption configuration (only S3's default SSE-S3 applies); add an aws_s3_bucket_server_side_encryption_configuration with aws:kms", [b.address])

# The non-KMS algorithms configured for b (only computed for failing
# buckets: a pass over the pairs, which are few).
_other_algorithms(b, keys) := algs if {
	algs := {alg |
		some alg in _other_algs
		some k in keys
		[k, alg] in other_pairs
	}
	count(algs) > 0
} else := _algorithms(b, _inline) if {
	_bucket_attrs.server_side_encryption_configuration
} else := set()

# The algorithms any non-KMS configuration uses (a few): _other_algorithms
# looks each up with each key of a bucket, so its cost does not grow with
# the number of configurations.
_other_algs := {alg | some [_, alg] in other_pairs}
