package tfgate.rules.aws.exposure.s3_public_acl_test

import data.tfgate.rules.aws.exposure.s3_public_acl as rule
import data.tfgate.test

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 20} | some a in attrs}}})

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

test_public_read_denied if {
	r := test.res("aws_s3_bucket_acl", "site", {"bucket": "site", "acl": "public-read"})
	rule.deny == {{"resource": "aws_s3_bucket_acl.site", "message": "aws_s3_bucket_acl.site has the canned ACL \"public-read\": anyone on the internet can list and read", "attribute": "acl"}} with input as test.doc([r])
}

test_public_canned_acls_denied if {
	every acl in ["public-read-write", "authenticated-read"] {
		count(rule.deny) == 1 with input as test.doc([test.res("aws_s3_bucket_acl", "a", {"acl": acl})])
	}
}

test_private_acls_allowed if {
	every acl in ["private", "log-delivery-write", "bucket-owner-full-control"] {
		count(rule.deny) == 0 with input as test.doc([test.res("aws_s3_bucket_acl", "a", {"acl": acl})])
	}
}

test_grant_to_all_users_denied if {
	grants := [
		{"permission": "FULL_CONTROL", "grantee": [{"type": "CanonicalUser", "id": "abc", "uri": null}]},
		{"permission": "READ", "grantee": [{"type": "Group", "uri": all_users}]},
	]
	r := test.res("aws_s3_bucket_acl", "g", {"acl": null, "access_control_policy": [{"grant": grants, "owner": [{"id": "abc"}]}]})
	rule.deny == {{"resource": "aws_s3_bucket_acl.g", "message": "aws_s3_bucket_acl.g grants READ to anyone on the internet (AllUsers)", "attribute": "access_control_policy[0].grant[1]"}} with input as test.doc([r])
}

test_grant_to_authenticated_users_denied if {
	grants := [{"permission": "WRITE", "grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}]}]
	r := test.res("aws_s3_bucket_acl", "g", {"access_control_policy": [{"grant": grants}]})
	count(rule.deny) == 1 with input as test.doc([r])
}

test_log_delivery_group_allowed if {
	grants := [{"permission": "WRITE", "grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery"}]}]
	r := test.res("aws_s3_bucket_acl", "g", {"access_control_policy": [{"grant": grants}]})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_legacy_bucket_acl_and_grant_denied if {
	a := test.res("aws_s3_bucket", "old", {"bucket": "old", "acl": "public-read-write"})
	g := test.res("aws_s3_bucket", "older", {"bucket": "older", "grant": [{"type": "Group", "uri": all_users, "permissions": ["READ", "READ_ACP"]}]})
	rule.deny == {
		{"resource": "aws_s3_bucket.old", "message": "aws_s3_bucket.old has the canned ACL \"public-read-write\": anyone on the internet can list, read and write", "attribute": "acl"},
		{"resource": "aws_s3_bucket.older", "message": "aws_s3_bucket.older grants READ, READ_ACP to anyone on the internet (AllUsers)", "attribute": "grant[0]"},
	} with input as test.doc([a, g])
}

test_legacy_computed_unknown_silent if {
	b := located(test.with_unknown(test.res("aws_s3_bucket", "b", {"bucket": "b"}), {"acl": true, "grant": true}), ["bucket"])
	count(rule.deny) == 0 with input as test.doc([b])
	count(rule.unknown) == 0 with input as test.doc([b])
	bare := test.with_unknown(test.res("aws_s3_bucket", "b", {"bucket": "b"}), {"acl": true, "grant": true})
	count(rule.unknown) == 0 with input as test.doc([bare])
}

test_written_unknown_indeterminate if {
	r := located(test.with_unknown(test.res("aws_s3_bucket_acl", "a", {}), {"acl": true}), ["acl"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
	g := test.with_unknown(test.res("aws_s3_bucket_acl", "g", {"access_control_policy": [{"grant": [{"permission": "READ", "grantee": [{"type": "Group", "uri": null}]}]}]}), {"access_control_policy": [{"grant": [{"grantee": [{"uri": true}]}]}]})
	count(rule.deny) == 0 with input as test.doc([g])
	count(rule.unknown) == 1 with input as test.doc([g])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_s3_bucket_acl", "site", {"acl": "public-read"}))
	count(rule.deny) == 0 with input as test.doc([r])
}

test_odd_shapes_do_not_error if {
	r := test.res("aws_s3_bucket_acl", "g", {"access_control_policy": [{"grant": [null, {"permission": "READ", "grantee": null}]}]})
	count(rule.deny) == 0 with input as test.doc([r])
	b := test.res("aws_s3_bucket", "b", {"grant": [null, {"type": "Group", "uri": all_users, "permissions": null}]})
	count(rule.deny) == 1 with input as test.doc([b])
}

# Without a source location, an unknown ACL or grant that refers to
# something is written; a grant block listed in the location is written.
test_written_by_reference_or_block_indeterminate if {
	b := object.union(test.with_unknown(test.res("aws_s3_bucket", "b", {"bucket": "b"}), {"acl": true, "grant": true}), {"references": {"acl": ["aws_s3_bucket_acl.x"], "grant.uri": ["aws_s3_bucket_acl.x"]}})
	{[u.resource, u.attribute] | some u in rule.unknown} == {["aws_s3_bucket.b", "acl"], ["aws_s3_bucket.b", "grant"]} with input as test.doc([b])
	g := located(test.with_unknown(test.res("aws_s3_bucket", "g", {"bucket": "g"}), {"acl": true, "grant": true}), ["bucket", "grant[0]"])
	{[u.resource, u.attribute] | some u in rule.unknown} == {["aws_s3_bucket.g", "grant"]} with input as test.doc([g])
	other := object.union(test.with_unknown(test.res("aws_s3_bucket", "o", {"bucket": "o"}), {"acl": true, "grant": true}), {"references": {"bucket": ["aws_s3_bucket_acl.x"]}})
	count(rule.unknown) == 0 with input as test.doc([other])
}
