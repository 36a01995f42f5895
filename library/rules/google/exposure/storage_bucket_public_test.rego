package tfgate.rules.google.exposure.storage_bucket_public_test

import data.tfgate.rules.google.exposure.storage_bucket_public as rule
import data.tfgate.test

member(m) := test.google_res("google_storage_bucket_iam_member", "m", {"bucket": "b", "role": "roles/storage.objectViewer", "member": m})

policy_doc(members) := object.union(test.google_res("google_iam_policy", "p", {"binding": [{"role": "roles/storage.objectViewer", "members": members}]}), {
	"address": "data.google_iam_policy.p",
	"mode": "data",
	"change": {"actions": ["read"], "kind": "read"},
})

test_member_all_users_denied if {
	rule.deny == {{"resource": "google_storage_bucket_iam_member.m", "message": "google_storage_bucket_iam_member.m grants roles/storage.objectViewer to allUsers: the bucket is public", "attribute": "member"}} with input as test.doc([member("allUsers")])
}

test_binding_all_authenticated_denied if {
	b := test.google_res("google_storage_bucket_iam_binding", "b", {"bucket": "b", "role": "roles/storage.admin", "members": ["user:a@example.com", "allAuthenticatedUsers"]})
	rule.deny == {{"resource": "google_storage_bucket_iam_binding.b", "message": "google_storage_bucket_iam_binding.b grants roles/storage.admin to allAuthenticatedUsers: the bucket is public", "attribute": "members"}} with input as test.doc([b])
}

test_policy_json_denied if {
	p := test.google_res("google_storage_bucket_iam_policy", "p", {"bucket": "b", "policy_data": json.marshal({"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]})})
	some d in rule.deny with input as test.doc([p])
	d.attribute == "policy_data"
}

test_policy_from_data_source_denied if {
	p := test.google_with(test.with_unknown(test.google_res("google_storage_bucket_iam_policy", "p", {"bucket": "b", "policy_data": null}), {"policy_data": true}), {"references": {"policy_data": ["data.google_iam_policy.p"]}})
	count(rule.deny) == 1 with input as test.doc([p, policy_doc(["allUsers"])])
	count(rule.deny) == 0 with input as test.doc([p, policy_doc(["user:a@example.com"])])
}

test_acls_denied if {
	acl := test.google_res("google_storage_bucket_acl", "acl", {"bucket": "b", "role_entity": ["OWNER:user-a@example.com", "READER:allUsers"]})
	rule.deny == {{"resource": "google_storage_bucket_acl.acl", "message": "google_storage_bucket_acl.acl grants READER to allUsers: the bucket is public", "attribute": "role_entity"}} with input as test.doc([acl])
	pre := test.google_res("google_storage_default_object_acl", "d", {"bucket": "b", "predefined_acl": "publicRead"})
	count(rule.deny) == 1 with input as test.doc([pre])
	ac := test.google_res("google_storage_bucket_access_control", "ac", {"bucket": "b", "role": "READER", "entity": "allUsers"})
	count(rule.deny) == 1 with input as test.doc([ac])
}

test_private_grants_pass if {
	count(rule.deny) == 0 with input as test.doc([member("group:data@example.com")])
	u := test.with_unknown(member(null), {"member": true})
	count(rule.deny) == 0 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(member("allUsers"))])
}
