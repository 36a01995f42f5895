# METADATA
# title: Compute Engine instances must not have external IP addresses
# description: |
#   A google_compute_instance (and the instances a
#   google_compute_instance_template or
#   google_compute_region_instance_template launches) must not get an
#   external address: a network interface with an `access_config` block
#   (an ephemeral external IPv4 address, or the static one in `nat_ip`)
#   or an `ipv6_access_config` block (an external IPv6 range). Such an
#   instance is reachable from the internet wherever the firewall allows.
#   An interface without these blocks has internal addresses only.
#
#   Indeterminate: access_config blocks written as values known only after
#   apply (a dynamic block over values known after apply).
# custom:
#   id: TFG-GCP-EXPOSURE-005
#   severity: medium
#   family: exposure
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["4.9"]
#     nist-800-53: ["AC-4", "SC-7"]
#   remediation: |
#     Remove the `access_config` block, reach the internet through Cloud
#     NAT, expose services through a load balancer and administer the
#     instance through IAP TCP forwarding.
package tfgate.rules.google.exposure.instance_external_ip

import data.tfgate.lib

_types := ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]

_list(v) := v if is_array(v)

else := []

deny contains lib.entry(r, msg, lib.attr_path(["network_interface", i, block])) if {
	some r in lib.google_resources_of_types(_types)
	some i, nic in _list(object.get(lib.after(r), "network_interface", []))
	some block in ["access_config", "ipv6_access_config"]
	count(_list(object.get(nic, block, []))) > 0
	msg := sprintf("%s has an external IP address (network_interface[%d].%s)", [r.address, i, block])
}

unknown contains lib.entry(r, msg, lib.attr_path(["network_interface", i, block])) if {
	some r in lib.google_resources_of_types(_types)
	some i, nic in _list(object.get(lib.after(r), "network_interface", []))
	not _external(nic)
	some block in ["access_config", "ipv6_access_config"]
	lib.is_unknown(r, ["network_interface", i, block])
	lib.written(r, ["network_interface", i, block])
	msg := sprintf("%s: whether network_interface[%d] has an external IP address is known only after apply", [r.address, i])
}

_external(nic) if {
	some block in ["access_config", "ipv6_access_config"]
	count(_list(object.get(nic, block, []))) > 0
}
