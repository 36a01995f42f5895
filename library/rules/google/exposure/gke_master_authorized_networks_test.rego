package tfgate.rules.google.exposure.gke_master_authorized_networks_test

import data.tfgate.rules.google.exposure.gke_master_authorized_networks as rule
import data.tfgate.test

gke(after) := test.google_res("google_container_cluster", "c", object.union({"location": "europe-west1"}, after))

test_no_block_denied if {
	rule.deny == {{"resource": "google_container_cluster.c", "message": "google_container_cluster.c has a public control-plane endpoint and no master_authorized_networks_config: any address may reach it", "attribute": "master_authorized_networks_config"}} with input as test.doc([gke({"master_authorized_networks_config": []})])
	u := test.with_unknown(gke({"master_authorized_networks_config": null}), {"master_authorized_networks_config": true})
	some d in rule.deny with input as test.doc([u])
	d.attribute == ""
}

test_internet_ranges_denied if {
	c := gke({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "0.0.0.0/0", "display_name": "all"}]}]})
	some d in rule.deny with input as test.doc([c])
	d.attribute == "master_authorized_networks_config[0].cidr_blocks"
	g := gke({"master_authorized_networks_config": [{"cidr_blocks": [], "gcp_public_cidrs_access_enabled": true}]})
	count(rule.deny) == 1 with input as test.doc([g])
}

test_restricted_or_private_pass if {
	count(rule.deny) == 0 with input as test.doc([gke({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "203.0.113.0/28"}]}]})])
	count(rule.deny) == 0 with input as test.doc([gke({"private_cluster_config": [{"enable_private_endpoint": true, "enable_private_nodes": true}]})])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(gke({"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": null}]}]}), {"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": true}]}]}), {"references": {"master_authorized_networks_config.cidr_blocks.cidr_block": ["google_compute_address.a"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(gke({"master_authorized_networks_config": []}))])
}
