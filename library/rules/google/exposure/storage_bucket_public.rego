# METADATA
# title: Cloud Storage buckets must not be publicly accessible
# description: |
#   No Cloud Storage bucket may be opened to `allUsers` (anyone on the
#   internet) or `allAuthenticatedUsers` (anyone with a Google account),
#   in any of the ways Terraform can grant it:
#   google_storage_bucket_iam_member (`member`),
#   google_storage_bucket_iam_binding (`members`),
#   google_storage_bucket_iam_policy (`policy_data`, read as JSON, or from
#   the data.google_iam_policy it refers to when the JSON is known only
#   after apply), the same three for managed folders
#   (google_storage_managed_folder_iam_*), and ACLs:
#   google_storage_bucket_acl / google_storage_default_object_acl /
#   google_storage_object_acl (`role_entity` entries such as
#   "READER:allUsers", `predefined_acl` publicRead, publicReadWrite,
#   authenticatedRead) and the *_access_control resources (`entity`).
#   Members known only after apply are not judged (public members are
#   literals). A bucket with `public_access_prevention = "enforced"` would
#   refuse such grants at apply; they are still reported, as the
#   configuration is wrong.
# custom:
#   id: TFG-GCP-EXPOSURE-002
#   severity: critical
#   family: exposure
#   resource_types: [google_storage_bucket_iam_member, google_storage_bucket_iam_binding, google_storage_bucket_iam_policy, google_storage_managed_folder_iam_member, google_storage_managed_folder_iam_binding, google_storage_managed_folder_iam_policy, google_storage_bucket_acl, google_storage_default_object_acl, google_storage_object_acl, google_storage_bucket_access_control, google_storage_default_object_access_control, google_storage_object_access_control]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["5.1"]
#     nist-800-53: ["AC-3", "AC-6", "AC-21"]
#   remediation: |
#     Grant access to the identities that need it (users, groups, service
#     accounts), serve public content through Cloud CDN or a load balancer
#     with signed URLs, and set `public_access_prevention = "enforced"` on
#     buckets that must never be public.
package tfgate.rules.google.exposure.storage_bucket_public

import data.tfgate.lib

_iam_types := [
	"google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy",
	"google_storage_managed_folder_iam_member", "google_storage_managed_folder_iam_binding", "google_storage_managed_folder_iam_policy",
]

_acl_types := ["google_storage_bucket_acl", "google_storage_default_object_acl", "google_storage_object_acl"]

_control_types := ["google_storage_bucket_access_control", "google_storage_default_object_access_control", "google_storage_object_access_control"]


deny contains lib.entry(r, msg, a) if {
	some r in lib.google_resources_of_types(_iam_types)
	some [a, m, role] in lib.google_iam_public_grants(r)
	msg := sprintf("%s grants %s to %s: the bucket is public", [r.address, role, m])
}

# role_entity entries "ROLE:entity" of ACL resources.
deny contains lib.entry(r, msg, "role_entity") if {
	some r in lib.google_resources_of_types(_acl_types)
	some e in _list(object.get(lib.after(r), "role_entity", []))
	is_string(e)
	parts := split(e, ":")
	count(parts) == 2
	lib.google_public_member(parts[1])
	msg := sprintf("%s grants %s to %s: the bucket is public", [r.address, parts[0], parts[1]])
}

deny contains lib.entry(r, msg, "predefined_acl") if {
	some r in lib.google_resources_of_types(_acl_types)
	acl := object.get(lib.after(r), "predefined_acl", null)
	is_string(acl)
	lower(acl) in {"publicread", "publicreadwrite", "authenticatedread"}
	msg := sprintf("%s applies the predefined ACL %s: the bucket is public", [r.address, acl])
}

deny contains lib.entry(r, msg, "entity") if {
	some r in lib.google_resources_of_types(_control_types)
	e := object.get(lib.after(r), "entity", null)
	lib.google_public_member(e)
	msg := sprintf("%s grants %s to %s: the bucket is public", [r.address, object.get(lib.after(r), "role", ""), e])
}

_list(v) := v if is_array(v)

else := []
