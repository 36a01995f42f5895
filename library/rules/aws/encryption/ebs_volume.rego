# METADATA
# title: EBS volumes must be encrypted
# description: |
#   aws_ebs_volume, and the root and additional EBS block devices of
#   aws_instance, must set `encrypted = true`. When `encrypted` is not set the
#   plan leaves it unknown: the volume is then encrypted only if the account's
#   "EBS encryption by default" setting is on, which a plan cannot see, so the
#   outcome is reported as indeterminate rather than as a failure.
# custom:
#   id: TFG-AWS-ENC-001
#   severity: high
#   family: encryption
#   resource_types: [aws_ebs_volume, aws_instance]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.2.1"]
#     nist-800-53: ["SC-28"]
#   remediation: |
#     Set `encrypted = true` (and optionally `kms_key_id`) on the volume or
#     on the instance's `root_block_device` / `ebs_block_device` blocks, and
#     turn on EBS encryption by default in every region
#     (aws_ebs_encryption_by_default).
package tfgate.rules.aws.encryption.ebs_volume

import data.tfgate.lib

deny contains lib.entry(r, msg, "encrypted") if {
	some r in lib.resources_of_type("aws_ebs_volume")
	lib.is_false(r, ["encrypted"])
	msg := sprintf("%s is not encrypted (encrypted = false)", [r.address])
}

unknown contains lib.entry(r, msg, "encrypted") if {
	some r in lib.resources_of_type("aws_ebs_volume")
	not lib.is_false(r, ["encrypted"])
	not lib.is_true(r, ["encrypted"])
	msg := sprintf("%s does not set encrypted: it depends on the account's EBS encryption-by-default setting", [r.address])
}

_device_blocks := ["root_block_device", "ebs_block_device"]

deny contains lib.entry(r, msg, lib.attr_path([block, i, "encrypted"])) if {
	some r in lib.resources_of_type("aws_instance")
	some block in _device_blocks
	some i, dev in object.get(lib.after(r), block, [])
	dev.encrypted == false
	msg := sprintf("%s has an unencrypted %s (encrypted = false)", [r.address, block])
}
