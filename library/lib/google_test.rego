# Google test builders (package tfgate.test, beside mock_test.rego) and the
# tests of library/lib/google.rego.
package tfgate.test

import data.tfgate.lib

# google_res(type, name, after): a checked Google resource being created,
# provider "google" with region europe-west1; its document region is the
# resource's region/zone/location when written (as lib.google_location
# normalises it), else the provider's; its tags are its labels (null when
# after has no labels).
google_res(type, name, after) := object.union(res(type, name, after), {
	"provider": {"name": "google", "source": "registry.terraform.io/hashicorp/google", "alias": "", "config_key": "google", "region": "europe-west1", "default_tags": null},
	"region": _google_region(after),
	"tags": _google_labels(after),
})

_google_region(after) := lib.google_location(after.region) if is_string(object.get(after, "region", null))

else := lib.google_location(after.zone) if is_string(object.get(after, "zone", null))

else := lib.google_location(after.location) if is_string(object.get(after, "location", null))

else := "europe-west1"

_google_labels(after) := after.labels if is_object(object.get(after, "labels", null))

else := null

# google_with(r, patch): r with top-level fields replaced (references,
# location, region, tags, provider).
google_with(r, patch) := object.union(r, patch)

test_google_location_forms if {
	lib.google_location("us-central1") == "us-central1"
	lib.google_location("US-Central1") == "us-central1"
	lib.google_location("us-central1-a") == "us-central1"
	lib.google_location("europe-west1-b") == "europe-west1"
	lib.google_location("EU") == "EU"
	lib.google_location("eu") == "EU"
	lib.google_location("nam4") == "NAM4"
	lib.google_location("global") == "global"
	lib.google_location("Global") == "global"
	# Other clouds' names never become a Google region.
	lib.google_location("eu-west-1") == "EU-WEST-1"
	lib.google_location("westeurope") == "WESTEUROPE"
}

test_google_resources_only_google_types if {
	a := google_res("google_storage_bucket", "a", {"location": "EU"})
	b := res("aws_s3_bucket", "b", {})
	gone := deleted(google_res("google_storage_bucket", "gone", {}))
	{r.address | some r in lib.google_resources} == {"google_storage_bucket.a"} with input as doc([a, b, gone])
}

test_google_ports_cover if {
	lib.google_ports_cover(["22"], 22)
	lib.google_ports_cover(["20-30"], 25)
	lib.google_ports_cover([], 3389)
	lib.google_ports_cover(null, 3389)
	lib.google_ports_cover([22], 22)
	not lib.google_ports_cover(["80", "443"], 22)
	not lib.google_ports_cover(["23-25"], 22)
	not lib.google_ports_cover(["x"], 22)
}

test_google_public_member if {
	lib.google_public_member("allUsers")
	lib.google_public_member("allAuthenticatedUsers")
	lib.google_public_member("principalSet://goog/public:all")
	not lib.google_public_member("user:a@example.com")
	not lib.google_public_member("allusers")
}

test_google_require_cmek if {
	lib.google_require_cmek with data.tfgate.params.require_customer_managed_keys as true
	not lib.google_require_cmek with data.tfgate.params.require_customer_managed_keys as false
	not lib.google_require_cmek with data.tfgate.params as {}
}

test_google_key_named if {
	r := google_res("google_pubsub_topic", "t", {"kms_key_name": "projects/p/locations/l/keyRings/r/cryptoKeys/k"})
	lib.google_key_named(r, ["kms_key_name"])
	u := google_with(with_unknown(google_res("google_pubsub_topic", "u", {"kms_key_name": null}), {"kms_key_name": true}), {"references": {"kms_key_name": ["google_kms_crypto_key.k"]}})
	lib.google_key_named(u, ["kms_key_name"])
	not lib.google_key_named(google_res("google_pubsub_topic", "n", {"kms_key_name": ""}), ["kms_key_name"])
	v := google_with(with_unknown(google_res("google_pubsub_topic", "v", {"kms_key_name": null}), {"kms_key_name": true}), {"location": {"attributes": {"kms_key_name": {"start_line": 3}}}})
	lib.google_key_open(v, ["kms_key_name"])
	not lib.google_key_named(v, ["kms_key_name"])
}

test_google_firewall_direction if {
	lib.google_firewall_direction(google_res("google_compute_firewall", "e", {"direction": "egress"})) == "EGRESS"
	lib.google_firewall_direction(google_res("google_compute_firewall", "d", {})) == "INGRESS"
	lib.google_firewall_direction(with_unknown(google_res("google_compute_firewall", "u", {}), {"direction": true})) == "INGRESS"
	w := google_with(with_unknown(google_res("google_compute_firewall", "w", {}), {"direction": true}), {"references": {"direction": ["terraform_data.x"]}})
	not lib.google_firewall_direction(w)
}
