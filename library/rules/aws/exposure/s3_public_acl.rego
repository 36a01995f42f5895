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

# Canned ACLs, on aws_s3_bucket_acl and the legacy aws_s3_bucket.acl.
deny contains lib.entry(r, msg, "acl") if {
	some t in _types
	some r in lib.resources_of_type(t)
	acl := lib.value(r, ["acl"])
	is_string(acl)
	why := public_acls[acl]
	msg := sprintf("%s has the canned ACL %q: %s", [r.address, acl, why])
}

unknown contains lib.entry(r, msg, "acl") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, ["acl"])
	_written(r, "acl", "acl")
	msg := sprintf("%s: its canned ACL is known only after apply", [r.address])
}

# Grants of aws_s3_bucket_acl.access_control_policy.
deny contains lib.entry(r, msg, lib.attr_path(["access_control_policy", 0, "grant", i])) if {
	some r in lib.resources_of_type("aws_s3_bucket_acl")
	some i, g in _list(object.get(lib.after(r), ["access_control_policy", 0, "grant"], null))
	is_object(g)
	some grantee in _list(object.get(g, "grantee", null))
	who := _public_group(grantee)
	msg := sprintf("%s grants %s to %s", [r.address, object.get(g, "permission", "access"), who])
}

unknown contains lib.entry(r, msg, lib.attr_path(["access_control_policy", 0, "grant", i])) if {
	some r in lib.resources_of_type("aws_s3_bucket_acl")
	some i, _ in _list(object.get(lib.after(r), ["access_control_policy", 0, "grant"], null))
	some attr in ["uri", "type"]
	lib.is_unknown(r, ["access_control_policy", 0, "grant", i, "grantee", 0, attr])
	msg := sprintf("%s: the grantee of access_control_policy grant %d is known only after apply", [r.address, i])
}

# Legacy grant blocks of aws_s3_bucket (provider v3 style).
deny contains lib.entry(r, msg, lib.attr_path(["grant", i])) if {
	some r in lib.resources_of_type("aws_s3_bucket")
	some i, g in _list(object.get(lib.after(r), "grant", null))
	who := _public_group(g)
	msg := sprintf("%s grants %s to %s", [r.address, concat(", ", sort([p | some p in _list(object.get(g, "permissions", null)); is_string(p)])), who])
}

unknown contains lib.entry(r, msg, "grant") if {
	some r in lib.resources_of_type("aws_s3_bucket")
	lib.unknown_within(r, ["grant"])
	_written(r, "grant", "grant.uri")
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

# _written(r, attr, ref_key): attr is written in the configuration: listed
# in the resource's source location (an attribute or a block), or, without
# a location, its unknown value refers to something.
_written(r, attr, _) if {
	attrs := _attrs(r)
	some k, _ in attrs
	_names(k, attr)
}

_written(r, _, ref_key) if {
	not _attrs(r)
	count(lib.references(r, ref_key)) > 0
}

_names(k, attr) if k == attr

_names(k, attr) if startswith(k, concat("", [attr, "["]))

_attrs(r) := attrs if {
	loc := object.get(r, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
}
