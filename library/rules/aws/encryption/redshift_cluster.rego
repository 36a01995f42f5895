# METADATA
# title: Redshift clusters must be encrypted at rest
# description: |
#   aws_redshift_cluster must set `encrypted = true`.
#
#   Fails: `encrypted = false`, written or the provider 5.x default that a
#   plan shows when it is not written. AWS has encrypted new provisioned
#   clusters by default since 2025 and provider 5.x leaves `Encrypted` out of
#   the create call when it is false, so a new cluster may start encrypted;
#   but the configuration still says false, and a later apply sees the
#   difference and modifies the cluster to unencrypted. (Provider 6.0 made
#   true the default.)
#
#   Passes: `encrypted = true`.
#
#   Indeterminate: `encrypted` known only after apply.
# custom:
#   id: TFG-AWS-ENC-014
#   severity: high
#   family: encryption
#   resource_types: [aws_redshift_cluster]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["Redshift.10"]
#   remediation: |
#     Set `encrypted = true` (and `kms_key_id` for a key you control).
package tfgate.rules.aws.encryption.redshift_cluster

import data.tfgate.lib

deny contains lib.entry(r, msg, "encrypted") if {
	some r in lib.resources_of_type("aws_redshift_cluster")
	not lib.is_true(r, ["encrypted"])
	not lib.is_unknown(r, ["encrypted"])
	msg := sprintf("%s is not encrypted at rest (encrypted = false, the provider 5.x default when it is not set)", [r.address])
}

unknown contains lib.entry(r, msg, "encrypted") if {
	some r in lib.resources_of_type("aws_redshift_cluster")
	lib.is_unknown(r, ["encrypted"])
	msg := sprintf("%s: encrypted is known only after apply", [r.address])
}
