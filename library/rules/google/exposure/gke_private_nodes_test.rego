package tfgate.rules.google.exposure.gke_private_nodes_test

import data.tfgate.rules.google.exposure.gke_private_nodes as rule
import data.tfgate.test

gke(pcc) := test.google_res("google_container_cluster", "c", {"location": "europe-west1", "private_cluster_config": pcc})

test_public_nodes_denied if {
	rule.deny == {{"resource": "google_container_cluster.c", "message": "google_container_cluster.c gives its nodes external IP addresses (private_cluster_config.enable_private_nodes is not true)", "attribute": "private_cluster_config"}} with input as test.doc([gke([])])
	some d in rule.deny with input as test.doc([gke([{"enable_private_nodes": false}])])
	d.attribute == "private_cluster_config[0].enable_private_nodes"
	u := test.with_unknown(gke(null), {"private_cluster_config": true})
	some e in rule.deny with input as test.doc([u])
	e.attribute == ""
}

test_private_nodes_pass if {
	count(rule.deny) == 0 with input as test.doc([gke([{"enable_private_nodes": true, "master_ipv4_cidr_block": "172.16.0.0/28"}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(gke([{"enable_private_nodes": null}]), {"private_cluster_config": [{"enable_private_nodes": true}]}), {"references": {"private_cluster_config.enable_private_nodes": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(gke([]))])
}
