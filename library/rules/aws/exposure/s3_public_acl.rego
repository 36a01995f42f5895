# METADATA
# title: S3 bucket ACLs must not grant access to everyone
# description: |
#   A bucket ACL that grants the AllUsers group (anyone on the internet) or
#   the AuthenticatedUsers group (anyone with any AWS account) makes the
#   bucket public. Covers aws_s3_bucket_acl (`acl` canned ACL and
#   `access_control_policy` grants) and the legacy aws_s3_bucket `acl` and
#   `grant` arguments. Fails: the canned ACLs public-read,
#   public-read-write and authenticated-read; a grant whose grantee is of
#   type Group with the AllUsers or AuthenticatedUsers URI (one finding per
#   grant, at that grant). Passes: private, log-delivery-write,
#   bucket-owner-* and grants to canonical users. Indeterminate: an ACL or
#   grantee written in the configuration but known only after apply. The
#   legacy aws_s3_bucket arguments are computed by provider v4+, so an
#   unknown value there that is not written is silent. Reported even when
#   a public access block would neutralise the ACL (ignore_public_acls):
#   the configuration still asks for a public bucket, and with
#   block_public_acls the apply fails.
# custom:
#   id: TFG-AWS-EXPOSURE-029
#   severity: critical
#   family: exposure
#   resource_types: [aws_s3_bucket_acl, aws_s3_bucket]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-6", "AC-21"]
#     aws-fsbp: ["S3.2", "S3.3", "S3.12"]
#   remediation: |
#     Use `acl = "private"` or, better, disable ACLs with an
#     aws_s3_bucket_ownership_controls of object_ownership =
#     "BucketOwnerEnforced" and grant access through the bucket policy to
#     named principals (CloudFront origin access control for websites).
package tfgate.rules.aws.exposure.s3_public_acl

import data.tfgate.lib

public_acls := {
	"public-read": "anyone on the internet can list and read",
	"public-read-write": "anyone on the internet can list, read and write",
	"authenticated-read": "any AWS account can list and read",
}

_groups := {
	"AllUsers": "anyone on the internet (AllUsers)",
	"AuthenticatedUsers": "any AWS account (AuthenticatedUsers)",
}

_types := ["aws_s3_bucket_acl", "aws_s3_bucket"]

# Canned ACLs, on aws_s3_bucket_acl and the legacy aws_s3_bucket.acl,
# looked up (lib.value, written out) only in the types where some resource
# sets one (lib.type_attributes).
deny contains lib.entry(r, msg, "acl") if {
	some t in _types
	lib.type_attributes[t].acl
	some r in lib.resources_of_type(t)
	acl := r.after.acl
	is_string(acl)
	why := public_acls[acl]
	msg := sprintf("%s has the canned ACL %q: %s", [r.address, acl, why])
}

# A canned ACL known only after apply is indeterminate when the
# configuration writes it (_written: listed in the resource's source
# location, or, without one, referring to something).
unknown contains lib.entry(r, msg, "acl") if {
	some [r, attrs] in _located
	_written_at(attrs, "acl")
	lib.is_unknown(r, ["acl"])
	msg := sprintf("%s: its canned ACL is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "acl") if {
	some r in _referring
	count(r.references.acl) > 0
	lib.is_unknown(r, ["acl"])
	msg := sprintf("%s: its canned ACL is known only after apply", [r.address])
}

# Grants of aws_s3_bucket_acl.access_control_policy (when some ACL sets
# one).
deny contains lib.entry(r, msg, lib.attr_path(["access_control_policy", 0, "grant", i])) if {
	lib.type_attributes.aws_s3_bucket_acl.access_control_policy
	some r in lib.resources_of_type("aws_s3_bucket_acl")
	some i, g in _list(object.get(lib.after(r), ["access_control_policy", 0, "grant"], null))
	is_object(g)
	some grantee in _list(object.get(g, "grantee", null))
	who := _public_group(grantee)
	msg := sprintf("%s grants %s to %s", [r.address, object.get(g, "permission", "access"), who])
}

unknown contains lib.entry(r, msg, lib.attr_path(["access_control_policy", 0, "grant", i])) if {
	lib.type_attributes.aws_s3_bucket_acl.access_control_policy
	some r in lib.resources_of_type("aws_s3_bucket_acl")
	some i, _ in _list(object.get(lib.after(r), ["access_control_policy", 0, "grant"], null))
	some attr in ["uri", "type"]
	lib.is_unknown(r, ["access_control_policy", 0, "grant", i, "grantee", 0, attr])
	msg := sprintf("%s: the grantee of access_control_policy grant %d is known only after apply", [r.address, i])
}

# Legacy grant blocks of aws_s3_bucket (provider v3 style), when some
# bucket sets them.
deny contains lib.entry(r, msg, lib.attr_path(["grant", i])) if {
	lib.type_attributes.aws_s3_bucket.grant
	some r in lib.resources_of_type("aws_s3_bucket")
	some i, g in _list(object.get(lib.after(r), "grant", null))
	who := _public_group(g)
	msg := sprintf("%s grants %s to %s", [r.address, concat(", ", sort([p | some p in _list(object.get(g, "permissions", null)); is_string(p)])), who])
}

unknown contains lib.entry(r, msg, "grant") if {
	some [r, attrs] in _located
	r.type == "aws_s3_bucket"
	_written_at(attrs, "grant")
	lib.unknown_within(r, ["grant"])
	msg := sprintf("%s: its ACL grants are known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "grant") if {
	some r in _referring
	r.type == "aws_s3_bucket"
	count(r.references["grant.uri"]) > 0
	lib.unknown_within(r, ["grant"])
	msg := sprintf("%s: its ACL grants are known only after apply", [r.address])
}

# _public_group(grantee): who a Group grantee is, when it is everyone.
_public_group(grantee) := who if {
	is_object(grantee)
	object.get(grantee, "type", "") == "Group"
	uri := object.get(grantee, "uri", "")
	is_string(uri)
	some suffix, who in _groups
	endswith(uri, concat("", ["/groups/global/", suffix]))
}

_list(x) := x if is_array(x)

else := []

# _written(r, attr, ref_key): attr is written in the configuration:
# listed in the resource's source location (an attribute or a block), or,
# without a location, its unknown value refers to something (the
# references of ref_key). The unknown rules above test it in two steps,
# over resources sorted once by those two cases, so that a resource with
# no source location and no reference (every resource of a plan whose .tf
# files are not found) costs no call.

# The resources of both types that have a source location, with its
# attributes.
_located := [[r, attrs] |
	some t in _types
	some r in lib.resources_of_type(t)
	attrs := r.location.attributes
	is_object(attrs)
]

# The resources of both types without one that refer to something.
_referring := [r |
	some t in _types
	some r in lib.resources_of_type(t)
	not is_object(object.get(r, ["location", "attributes"], null))
	count(r.references) > 0
]

# _written_at(attrs, attr): the located attributes attrs list attr, as an
# attribute or as blocks ("grant[0]").
_written_at(attrs, attr) if _ = attrs[attr]

_written_at(attrs, attr) if {
	prefix := concat("", [attr, "["])
	some k, _ in attrs
	startswith(k, prefix)
}
