# METADATA
# title: Google resources must be in an allowed location
# description: |
#   Every located Google Cloud resource (google and google-beta providers)
#   must be in one of the `allowed_regions` parameter's locations. The
#   location is the document's effective region: the resource's `region`,
#   else the region of its `zone` (`us-central1-a` -> `us-central1`), else
#   its `location`, else the provider's region/zone. Regions compare in
#   lower case; multi-regions (`US`, `EU`, `ASIA`) and dual-regions (`NAM4`,
#   `EUR4`, ...) compare as themselves in upper case, so a bucket in `EU`
#   needs `EU` in the list (a region inside it is not enough: the data may
#   be anywhere in the multi-region). allowed_regions entries are
#   normalised the same way (`EU`, `eu`, `europe-west1`, a zone as its
#   region), so one list serves every cloud: `["eu-west-1", "westeurope",
#   "europe-west1", "EU"]`.
#
#   Not checked: resources at location `global` (a KMS key ring in
#   `global`, global load-balancing objects), and types that have no
#   location of their own: global services (VPC networks, firewalls,
#   routes, global addresses and load-balancing objects, instance
#   templates, images and snapshots, Cloud DNS, Monitoring, Logging sinks,
#   Pub/Sub topics and subscriptions, Secret Manager secrets, IAM,
#   projects, folders, organizations, service accounts, enabled services,
#   org policies, Access Context Manager, tags), IAM bindings (every
#   `*_iam_member`, `*_iam_binding`, `*_iam_policy`), and children that
#   live where their parent lives (KMS crypto keys, storage objects and
#   ACLs, BigQuery tables, Cloud SQL databases and users, secret versions,
#   peerings), whose parent is checked. A google_bigquery_dataset without
#   a `location` is created in the `US` multi-region (the API's default),
#   and is checked as such.
#
#   Indeterminate: a location known only after apply, on a resource that
#   has a location attribute.
# custom:
#   id: TFG-GCP-REG-001
#   severity: high
#   family: regions
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["SA-9(5)"]
#   params: [allowed_regions]
#   remediation: |
#     Set the resource's `location` / `region` / `zone` (or the provider's
#     `region` and `zone`) to an allowed location, or add the location to
#     allowed_regions if the data may live there.
package tfgate.rules.google.regions.allowed_locations

import data.tfgate.lib

allowed := {lib.google_location(a) |
	some a in lib.param("allowed_regions")
	is_string(a)
}

# Types with no location of their own, by prefix and by exact name.
global_prefixes := [
	"google_project", "google_folder", "google_organization", "google_billing_",
	"google_service_account", "google_compute_firewall", "google_compute_network_firewall_policy",
	"google_compute_global_", "google_compute_backend_bucket", "google_compute_security_policy",
	"google_compute_network_peering", "google_compute_shared_vpc_", "google_compute_project_",
	"google_compute_target_http", "google_compute_target_ssl", "google_compute_target_tcp",
	"google_compute_target_grpc", "google_dns_", "google_monitoring_", "google_access_context_manager_",
	"google_org_policy_", "google_iam_", "google_tags_", "google_essential_contacts_",
	"google_pubsub_topic", "google_pubsub_subscription", "google_pubsub_schema",
	"google_secret_manager_secret", "google_kms_crypto_key", "google_storage_bucket_acl",
	"google_storage_bucket_object", "google_storage_object_", "google_storage_default_object_",
	"google_storage_bucket_access_control", "google_storage_notification", "google_bigquery_table",
	"google_bigquery_routine", "google_bigquery_dataset_access", "google_sql_database",
	"google_sql_user", "google_sql_ssl_cert", "google_logging_project_", "google_logging_folder_",
	"google_logging_organization_", "google_logging_billing_account_", "google_endpoints_",
	"google_service_networking_", "google_service_usage_",
]

global_types := {
	"google_compute_network", "google_compute_route", "google_compute_backend_service",
	"google_compute_url_map", "google_compute_ssl_certificate", "google_compute_managed_ssl_certificate",
	"google_compute_ssl_policy", "google_compute_health_check", "google_compute_http_health_check",
	"google_compute_https_health_check", "google_compute_instance_template", "google_compute_image",
	"google_compute_snapshot", "google_compute_machine_image", "google_compute_attached_disk",
	"google_compute_firewall", "google_compute_route",
}

# Regional types whose names start like a global prefix.
regional_types := {"google_sql_database_instance", "google_compute_target_pool", "google_compute_target_instance"}

_global_type(t) if t in global_types

_global_type(t) if regex.match(`_iam_(member|binding|policy|audit_config)$`, t)

_global_type(t) if {
	not t in regional_types
	some p in global_prefixes
	startswith(t, p)
}

# The Google types present in this document that have a location, decided
# once per type.
_located_types := {t |
	some t, _ in lib.by_type
	startswith(t, "google_")
	not _global_type(t)
}

_checked := [r |
	some t in _located_types
	some r in lib.resources_of_type(t)
]

# _location(r): the effective location, normalised: the document's
# region; when that is null, the resource's own region / zone / location
# in that order, skipping attributes that are computed and not written (a
# GKE cluster's deprecated region and zone mirror its location). A
# BigQuery dataset with no location takes the API's default, US.
_location(r) := "US" if {
	r.type == "google_bigquery_dataset"
	object.get(lib.after(r), "location", null) == null
	not lib.written(r, ["location"])
} else := lib.google_location(r.region) if {
	is_string(r.region)
} else := lib.google_location(lib.after(r)[d[0][0]]) if {
	d := _decisive(r)
	d[0][1] == "value"
}

_own := ["region", "zone", "location"]

# _decisive(r): [attribute, "value" | "open"] of the own location
# attributes that decide, in order.
_decisive(r) := [[a, s] |
	some a in _own
	s := _state(r, a)
]

_state(r, a) := "value" if {
	v := object.get(lib.after(r), a, null)
	is_string(v)
	v != ""
} else := "open" if {
	lib.is_unknown(r, [a])
	lib.written(r, [a])
}

_attribute(r) := a if {
	some a in ["region", "zone", "location"]
	is_string(object.get(lib.after(r), a, null))
} else := ""

deny contains lib.entry(r, msg, _attribute(r)) if {
	count(allowed) > 0
	some r in _checked
	loc := _location(r)
	loc != "global"
	not loc in allowed
	msg := sprintf("%s is in location %s, which is not allowed (allowed: %s)", [r.address, loc, concat(", ", sort(lib.param("allowed_regions")))])
}

unknown contains lib.entry(r, msg, _unknown_attr(r)) if {
	count(allowed) > 0
	some r in _checked
	not _location(r)
	_unknown_attr(r)
	msg := sprintf("%s: its location is known only after apply", [r.address])
}

# _unknown_attr(r): the first own location attribute known only after
# apply (a resource with none has no location to judge).
_unknown_attr(r) := unknowns[0] if {
	unknowns := [a | some a in _own; lib.is_unknown(r, [a])]
	count(unknowns) > 0
}
