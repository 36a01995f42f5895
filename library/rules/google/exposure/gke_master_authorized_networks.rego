# METADATA
# title: GKE control planes must be reachable only from authorized networks
# description: |
#   A google_container_cluster whose control plane has a public endpoint
#   must restrict who can reach it: a `master_authorized_networks_config`
#   block whose `cidr_blocks` are not the internet (lib CIDR helpers:
#   0.0.0.0/0, 0.0.0.0/1 with 128.0.0.0/1, ...), and without
#   `gcp_public_cidrs_access_enabled = true` (which admits every Google
#   Cloud public IP address, anyone's VMs included). A cluster with a
#   private endpoint only (`private_cluster_config { enable_private_endpoint
#   = true }`) passes.
#
#   Fails: no block (the API then admits any address; the conftest/old
#   provider shape `[]` and the unwritten computed block alike), internet
#   ranges, or Google Cloud public ranges enabled. Indeterminate: the block,
#   its ranges or enable_private_endpoint written as values known only after
#   apply.
# custom:
#   id: TFG-GCP-EXPOSURE-007
#   severity: high
#   family: exposure
#   resource_types: [google_container_cluster]
#   frameworks:
#     nist-800-53: ["SC-7", "AC-3", "AC-17"]
#   remediation: |
#     Add `master_authorized_networks_config { cidr_blocks { cidr_block =
#     "203.0.113.0/28"  display_name = "office" } }` with the ranges of your
#     administrators and CI, or make the endpoint private
#     (enable_private_endpoint = true) and reach it over a VPN or
#     Connect Gateway.
package tfgate.rules.google.exposure.gke_master_authorized_networks

import data.tfgate.lib

_man := ["master_authorized_networks_config"]

_private_endpoint := ["private_cluster_config", 0, "enable_private_endpoint"]

_list(v) := v if is_array(v)

else := []

_written_unknown(r, path) if {
	lib.is_unknown(r, path)
	lib.written(r, path)
}

# The clusters whose endpoint may be public.
_public := [r |
	some r in lib.resources_of_type("google_container_cluster")
	not lib.is_true(r, _private_endpoint)
	not _written_unknown(r, _private_endpoint)
]

_maybe_private := [r |
	some r in lib.resources_of_type("google_container_cluster")
	_written_unknown(r, _private_endpoint)
]

_blocks(r) := _list(object.get(lib.after(r), _man, []))

_cidrs(r) := [c |
	some b in _blocks(r)
	some cb in _list(object.get(b, "cidr_blocks", []))
	c := object.get(cb, "cidr_block", null)
	is_string(c)
]

# _verdict(r): [fail?, attribute, why] or ["open", attribute].
_verdict(r) := ["open", "master_authorized_networks_config"] if {
	count(_blocks(r)) == 0
	_written_unknown(r, _man)
} else := ["fail", _absent_attr(r), "no master_authorized_networks_config: any address may reach it"] if {
	count(_blocks(r)) == 0
} else := ["fail", "master_authorized_networks_config[0].cidr_blocks", sprintf("authorized networks include the internet (%s)", [concat(", ", sort(cidrs))])] if {
	cidrs := lib.internet_cidrs(_cidrs(r))
	count(cidrs) > 0
} else := ["fail", "master_authorized_networks_config[0].gcp_public_cidrs_access_enabled", "gcp_public_cidrs_access_enabled admits every Google Cloud public IP address"] if {
	some b in _blocks(r)
	object.get(b, "gcp_public_cidrs_access_enabled", false) == true
} else := ["open", "master_authorized_networks_config[0].cidr_blocks"] if {
	_ranges_open(r)
}

# _ranges_open(r): the ranges, or one of them, are written as values known
# only after apply.
_ranges_open(r) if _written_unknown(r, array.concat(_man, [0, "cidr_blocks"]))

_ranges_open(r) if {
	some b in _blocks(r)
	some i, _ in _list(object.get(b, "cidr_blocks", []))
	_written_unknown(r, array.concat(_man, [0, "cidr_blocks", i, "cidr_block"]))
}

_absent_attr(r) := "master_authorized_networks_config" if {
	is_array(object.get(lib.after(r), _man, null))
	not lib.is_unknown(r, _man)
} else := ""

deny contains lib.entry(r, msg, v[1]) if {
	some r in _public
	v := _verdict(r)
	v[0] == "fail"
	msg := sprintf("%s has a public control-plane endpoint and %s", [r.address, v[2]])
}

unknown contains lib.entry(r, msg, v[1]) if {
	some r in _public
	v := _verdict(r)
	v[0] == "open"
	msg := sprintf("%s: who may reach its public control-plane endpoint is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "private_cluster_config[0].enable_private_endpoint") if {
	some r in _maybe_private
	v := _verdict(r)
	v[0] == "fail"
	msg := sprintf("%s: its control plane %s, and whether its endpoint is private is known only after apply", [r.address, v[2]])
}
