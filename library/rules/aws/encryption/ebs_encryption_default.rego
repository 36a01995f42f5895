# METADATA
# title: EBS encryption by default must stay on
# description: |
#   aws_ebs_encryption_by_default turns the account's per-region "always
#   encrypt new EBS volumes" setting on or off.
#
#   Fails: `enabled = false`.
#
#   Passes: `enabled = true`, and a resource that does not set it (the
#   provider default is true).
#
#   Indeterminate: `enabled` known only after apply.
#
#   Not checked: a region without the resource (the resource is the only way
#   a plan can show the setting), and the removal of the resource, which
#   turns the setting off (deleted resources are never checked: review such a
#   removal by hand).
# custom:
#   id: TFG-AWS-ENC-004
#   severity: medium
#   family: encryption
#   resource_types: [aws_ebs_encryption_by_default]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.2.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["EC2.7"]
#   remediation: |
#     Set `enabled = true` (optionally with aws_ebs_default_kms_key for a key
#     you control) in every region you use.
package tfgate.rules.aws.encryption.ebs_encryption_default

import data.tfgate.lib

deny contains lib.entry(r, msg, "enabled") if {
	some r in lib.resources_of_type("aws_ebs_encryption_by_default")
	lib.is_false(r, ["enabled"])
	msg := sprintf("%s turns EBS encryption by default off (enabled = false) in %s", [r.address, _region(r)])
}

unknown contains lib.entry(r, msg, "enabled") if {
	some r in lib.resources_of_type("aws_ebs_encryption_by_default")
	lib.is_unknown(r, ["enabled"])
	msg := sprintf("%s: enabled is known only after apply", [r.address])
}

_region(r) := r.region if is_string(r.region)

else := "its region"
