# METADATA
# title: Google Cloud resources must not grant access to allUsers or allAuthenticatedUsers
# description: |
#   No IAM binding may grant a role to `allUsers` (anyone on the internet)
#   or `allAuthenticatedUsers` (anyone with a Google account) on a Google
#   Cloud resource: every *_iam_member (`member`), *_iam_binding
#   (`members`) and *_iam_policy (`policy_data`, read as JSON, or from the
#   data.google_iam_policy it refers to when the JSON is known only after
#   apply) of the google providers, such as
#   google_bigquery_dataset_iam_*, google_pubsub_topic_iam_*,
#   google_kms_crypto_key_iam_*, google_kms_key_ring_iam_*,
#   google_cloud_run_service_iam_*, google_cloudfunctions_function_iam_*,
#   google_secret_manager_secret_iam_*, google_artifact_registry_repository_iam_*
#   and google_compute_image_iam_*. Also BigQuery dataset `access` blocks
#   and google_bigquery_dataset_access (`special_group` or `iam_member`
#   allAuthenticatedUsers / allUsers). Cloud Storage buckets are
#   TFG-GCP-EXPOSURE-002's. Members known only after apply are not judged.
#
#   A public Cloud Run service or Cloud Function (roles/run.invoker,
#   roles/cloudfunctions.invoker to allUsers) may be deliberate: waive it
#   with the reason.
# custom:
#   id: TFG-GCP-EXPOSURE-003
#   severity: critical
#   family: exposure
#   resource_types: ["*"]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["1.9", "7.1"]
#     nist-800-53: ["AC-3", "AC-6", "AC-21"]
#   remediation: |
#     Grant the role to the users, groups or service accounts that need it.
#     For a deliberately public service, keep the grant and record a waiver
#     with its reason.
package tfgate.rules.google.exposure.iam_public

import data.tfgate.lib

# IAM types present in the document, decided once per type (storage
# buckets and managed folders belong to TFG-GCP-EXPOSURE-002).
_iam_types := [t |
	some t, _ in lib.by_type
	lib.google_iam_type(t)
	not startswith(t, "google_storage_bucket_iam_")
	not startswith(t, "google_storage_managed_folder_iam_")
]

deny contains lib.entry(r, msg, a) if {
	some r in lib.google_resources_of_types(_iam_types)
	some [a, m, role] in lib.google_iam_public_grants(r)
	msg := sprintf("%s grants %s to %s: the resource is public", [r.address, role, m])
}

# BigQuery dataset access blocks and google_bigquery_dataset_access.
deny contains lib.entry(r, msg, lib.attr_path(["access", i, attr])) if {
	some r in lib.resources_of_type("google_bigquery_dataset")
	some i, acc in _list(object.get(lib.after(r), "access", []))
	some attr in ["special_group", "iam_member"]
	m := object.get(acc, attr, null)
	lib.google_public_member(m)
	msg := sprintf("%s grants %s to %s: the dataset is public", [r.address, object.get(acc, "role", ""), m])
}

deny contains lib.entry(r, msg, attr) if {
	some r in lib.resources_of_type("google_bigquery_dataset_access")
	some attr in ["special_group", "iam_member"]
	m := object.get(lib.after(r), attr, null)
	lib.google_public_member(m)
	msg := sprintf("%s grants %s to %s: the dataset is public", [r.address, object.get(lib.after(r), "role", ""), m])
}

_list(v) := v if is_array(v)

else := []
