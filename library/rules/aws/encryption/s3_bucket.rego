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
#   whose `bucket` refers to it, uses aws:kms or aws:kms:dsse. The join uses
#   the configuration's references, so it works when the bucket's id is
#   known only after apply. An algorithm known only after apply is
#   indeterminate.
# custom:
#   id: TFG-AWS-ENC-003
#   severity: medium
#   family: encryption
#   resource_types: [aws_s3_bucket, aws_s3_bucket_server_side_encryption_configuration]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.1.1"]
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Add an aws_s3_bucket_server_side_encryption_configuration for the
#     bucket with `apply_server_side_encryption_by_default { sse_algorithm =
#     "aws:kms"  kms_master_key_id = aws_kms_key.x.arn }` (and
#     `bucket_key_enabled = true` to keep KMS costs down).
package tfgate.rules.aws.encryption.s3_bucket

import data.tfgate.lib

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

_sse_type := "aws_s3_bucket_server_side_encryption_configuration"

# The algorithms of one SSE configuration's rules (the resource, or the
# inline block of a bucket): known values and whether any is unknown.
_algorithms(r, prefix) := {alg |
	some i, rule in object.get(lib.after(r), array.concat(prefix, ["rule"]), [])
	some j, d in object.get(rule, "apply_server_side_encryption_by_default", [])
	alg := object.get(d, "sse_algorithm", null)
	is_string(alg)
}

_algorithm_unknown(r, prefix) if lib.unknown_within(r, array.concat(prefix, ["rule"]))

_uses_kms(r, prefix) if {
	some alg in _algorithms(r, prefix)
	alg in kms_algorithms
}

# Reference sets, built once: buckets named by a separate SSE configuration.
kms_refs := {ref |
	some c in lib.resources_of_type(_sse_type)
	_uses_kms(c, [])
	some ref in lib.references(c, "bucket")
}

unknown_refs := {ref |
	some c in lib.resources_of_type(_sse_type)
	not _uses_kms(c, [])
	_algorithm_unknown(c, [])
	some ref in lib.references(c, "bucket")
}

other_refs := {ref: algs |
	some c in lib.resources_of_type(_sse_type)
	not _uses_kms(c, [])
	not _algorithm_unknown(c, [])
	some ref in lib.references(c, "bucket")
	algs := _algorithms(c, [])
}

_inline := ["server_side_encryption_configuration", 0]

_compliant(b) if lib.ref_in(kms_refs, b.address)

_compliant(b) if _uses_kms(b, _inline)

_indeterminate(b) if lib.ref_in(unknown_refs, b.address)

# The inline block is computed by AWS provider v4+ (it mirrors the bucket's
# actual configuration), so an unknown inline block says nothing: only a
# known inline aws:kms counts, and only separate configurations can make a
# bucket indeterminate.

# A bucket whose SSE configuration refers to it only through a value known
# after apply (no reference recorded) cannot be joined: indeterminate, not
# a failure, when any SSE configuration has no known bucket reference.
_unjoined_sse if {
	some c in lib.resources_of_type(_sse_type)
	count(lib.references(c, "bucket")) == 0
	not is_string(object.get(lib.after(c), "bucket", null))
}

# Bucket names given as known strings by KMS configurations, built once.
kms_names := {name |
	some c in lib.resources_of_type(_sse_type)
	_uses_kms(c, [])
	name := object.get(lib.after(c), "bucket", null)
	is_string(name)
}

_named_by_value(b) if object.get(lib.after(b), "bucket", null) in kms_names

deny contains lib.entry(b, msg, "") if {
	some b in lib.resources_of_type("aws_s3_bucket")
	not _compliant(b)
	not _named_by_value(b)
	not _indeterminate(b)
	not _unjoined_sse
	msg := _message(b)
}

unknown contains lib.entry(b, msg, "") if {
	some b in lib.resources_of_type("aws_s3_bucket")
	not _compliant(b)
	not _named_by_value(b)
	_indeterminate(b)
	msg := sprintf("%s: its encryption algorithm is known only after apply", [b.address])
}

unknown contains lib.entry(b, msg, "") if {
	some b in lib.resources_of_type("aws_s3_bucket")
	not _compliant(b)
	not _named_by_value(b)
	not _indeterminate(b)
	_unjoined_sse
	msg := sprintf("%s: an SSE configuration in this change names its bucket only by a value known after apply", [b.address])
}

_message(b) := sprintf("%s uses %s, not a KMS key: SSE-S3 is S3's default since January 2023; require aws:kms or aws:kms:dsse", [b.address, concat(" and ", sort(algs))]) if {
	algs := _other_algorithms(b)
	count(algs) > 0
} else := sprintf("%s has no KMS encryption configuration (only S3's default SSE-S3 applies); add an aws_s3_bucket_server_side_encryption_configuration with aws:kms", [b.address])

_other_algorithms(b) := algs if {
	algs := object.get(other_refs, b.address, object.get(other_refs, lib.base_address(b.address), set()))
	count(algs) > 0
} else := _algorithms(b, _inline)
