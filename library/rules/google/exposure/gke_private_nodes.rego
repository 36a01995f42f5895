# METADATA
# title: GKE clusters must use private nodes
# description: |
#   A google_container_cluster must give its nodes internal IP addresses
#   only: `private_cluster_config { enable_private_nodes = true }`. Without
#   it every node gets an external IP address and is reachable from the
#   internet wherever the VPC firewall allows. Fails: enable_private_nodes
#   false or unset, or no private_cluster_config block (the provider
#   computes the block, so an unwritten one shows as known only after
#   apply in a plan: that is a public cluster, not an open question).
#   Indeterminate: the block or enable_private_nodes written as a value
#   known only after apply. Node pools that override the cluster's setting
#   (network_config.enable_private_nodes on google_container_node_pool)
#   are not judged.
# custom:
#   id: TFG-GCP-EXPOSURE-006
#   severity: medium
#   family: exposure
#   resource_types: [google_container_cluster]
#   frameworks:
#     nist-800-53: ["SC-7", "AC-4"]
#   remediation: |
#     Add `private_cluster_config { enable_private_nodes = true
#     master_ipv4_cidr_block = "172.16.0.0/28" }` and give the nodes
#     internet access through Cloud NAT.
package tfgate.rules.google.exposure.gke_private_nodes

import data.tfgate.lib

_flag := ["private_cluster_config", 0, "enable_private_nodes"]

_open(r) if {
	lib.is_unknown(r, _flag)
	lib.written(r, _flag)
}

_open(r) if {
	lib.is_unknown(r, ["private_cluster_config"])
	lib.written(r, ["private_cluster_config"])
}

_attr(r) := "private_cluster_config[0].enable_private_nodes" if {
	is_boolean(object.get(lib.after(r), _flag, null))
} else := "private_cluster_config" if {
	is_array(object.get(lib.after(r), "private_cluster_config", null))
	not lib.unknown_within(r, ["private_cluster_config"])
} else := ""

deny contains lib.entry(r, msg, _attr(r)) if {
	some r in lib.resources_of_type("google_container_cluster")
	not lib.is_true(r, _flag)
	not _open(r)
	msg := sprintf("%s gives its nodes external IP addresses (private_cluster_config.enable_private_nodes is not true)", [r.address])
}

unknown contains lib.entry(r, msg, "private_cluster_config") if {
	some r in lib.resources_of_type("google_container_cluster")
	not lib.is_true(r, _flag)
	_open(r)
	msg := sprintf("%s: whether its nodes are private is known only after apply", [r.address])
}
