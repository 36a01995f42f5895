# METADATA
# title: MSK clusters must encrypt traffic in transit
# description: |
#   aws_msk_cluster must encrypt traffic between clients and brokers and
#   between brokers.
#
#   Fails: `encryption_info.encryption_in_transit.client_broker` "PLAINTEXT"
#   or "TLS_PLAINTEXT" (which still accepts plaintext clients), and
#   `in_cluster = false`.
#
#   Passes: `client_broker = "TLS"` and `in_cluster = true`, which are also
#   the defaults, so a cluster that does not write `encryption_info` or
#   `encryption_in_transit` passes.
#
#   Indeterminate: either value known only after apply.
#
#   Not checked: encryption at rest (always on for MSK, with an AWS managed
#   key by default), and aws_msk_serverless_cluster (always TLS).
# custom:
#   id: TFG-AWS-ENC-016
#   severity: high
#   family: encryption
#   resource_types: [aws_msk_cluster]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     aws-fsbp: ["MSK.1"]
#   remediation: |
#     Set `encryption_info { encryption_in_transit { client_broker = "TLS"
#     in_cluster = true } }` (or remove the overrides: both are the
#     defaults). Changing in_cluster replaces the cluster.
package tfgate.rules.aws.encryption.msk_in_transit

import data.tfgate.lib

_transit := ["encryption_info", 0, "encryption_in_transit", 0]

_plaintext := {"PLAINTEXT", "TLS_PLAINTEXT"}

deny contains lib.entry(r, msg, lib.attr_path(array.concat(_transit, ["client_broker"]))) if {
	some r in lib.resources_of_type("aws_msk_cluster")
	v := lib.value(r, array.concat(_transit, ["client_broker"]))
	v in _plaintext
	msg := sprintf("%s accepts plaintext client connections (client_broker = %q)", [r.address, v])
}

deny contains lib.entry(r, msg, lib.attr_path(array.concat(_transit, ["in_cluster"]))) if {
	some r in lib.resources_of_type("aws_msk_cluster")
	lib.is_false(r, array.concat(_transit, ["in_cluster"]))
	msg := sprintf("%s does not encrypt traffic between brokers (in_cluster = false)", [r.address])
}

unknown contains lib.entry(r, msg, lib.attr_path(array.concat(_transit, [attr]))) if {
	some r in lib.resources_of_type("aws_msk_cluster")
	some attr in ["client_broker", "in_cluster"]
	lib.is_unknown(r, array.concat(_transit, [attr]))
	msg := sprintf("%s: encryption_in_transit.%s is known only after apply", [r.address, attr])
}
