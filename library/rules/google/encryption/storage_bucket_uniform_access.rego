# METADATA
# title: Cloud Storage buckets must use uniform bucket-level access
# description: |
#   A google_storage_bucket must set `uniform_bucket_level_access = true`,
#   so access is governed by IAM alone and per-object ACLs (which can make
#   single objects public without anyone noticing) are disabled. Fails when
#   it is false, or not written: the bucket then gets fine-grained ACLs
#   (the API's default; an organization policy
#   storage.uniformBucketLevelAccess that would enforce it is not visible
#   to the plan). The name it had before google provider 4,
#   `bucket_policy_only = true`, passes too. Written as a value known only
#   after apply: indeterminate.
# custom:
#   id: TFG-GCP-ENC-002
#   severity: medium
#   family: encryption
#   resource_types: [google_storage_bucket]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["5.2"]
#     nist-800-53: ["AC-3", "AC-6"]
#   remediation: |
#     Set `uniform_bucket_level_access = true` (and grant access with
#     google_storage_bucket_iam_* instead of ACLs).
package tfgate.rules.google.encryption.storage_bucket_uniform_access

import data.tfgate.lib

_path := ["uniform_bucket_level_access"]

deny contains lib.entry(r, msg, "uniform_bucket_level_access") if {
	some r in lib.resources_of_type("google_storage_bucket")
	lib.is_false(r, _path)
	not lib.is_true(r, ["bucket_policy_only"])
	msg := sprintf("%s does not use uniform bucket-level access (uniform_bucket_level_access = false)", [r.address])
}

# Not written: null in configuration input, computed and unknown in a plan.
deny contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type("google_storage_bucket")
	object.get(lib.after(r), _path, null) == null
	not lib.written(r, _path)
	not lib.is_true(r, ["bucket_policy_only"])
	msg := sprintf("%s does not set uniform_bucket_level_access (fine-grained ACLs by default)", [r.address])
}

unknown contains lib.entry(r, msg, "uniform_bucket_level_access") if {
	some r in lib.resources_of_type("google_storage_bucket")
	lib.is_unknown(r, _path)
	lib.written(r, _path)
	not lib.is_true(r, ["bucket_policy_only"])
	msg := sprintf("%s: uniform_bucket_level_access is known only after apply", [r.address])
}
