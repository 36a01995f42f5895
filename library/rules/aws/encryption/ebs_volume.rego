# METADATA
# title: EBS volumes must be encrypted
# description: |
#   aws_ebs_volume, and the root and additional EBS block devices of
#   aws_instance, must be encrypted.
#
#   Fails: `encrypted = false` on a volume or on an instance's
#   `root_block_device` / `ebs_block_device`.
#
#   Passes: `encrypted = true`; a volume or written device block without
#   `encrypted` when the plan holds an unchanged (no-op)
#   aws_ebs_encryption_by_default with `enabled = true` for the same provider
#   configuration and region (the setting is then already in force; one
#   created or changed in the same plan may be applied after the volume, so
#   it does not count).
#
#   Indeterminate: a volume, or a written device block, without `encrypted`:
#   the plan leaves it unknown, and the volume is encrypted only if the
#   account's EBS encryption-by-default setting is on in its region (or its
#   snapshot is encrypted), which a plan cannot see.
#
#   Not checked: an instance with no root_block_device / ebs_block_device
#   block written (its AMI's mappings apply). The account-wide setting itself
#   is TFG-AWS-ENC-004; launch templates and launch configurations are
#   TFG-AWS-ENC-005.
# custom:
#   id: TFG-AWS-ENC-001
#   severity: high
#   family: encryption
#   resource_types: [aws_ebs_volume, aws_instance]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.2.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["EC2.3"]
#   remediation: |
#     Set `encrypted = true` (and optionally `kms_key_id`) on the volume or
#     on the instance's `root_block_device` / `ebs_block_device` blocks, and
#     turn on EBS encryption by default in every region
#     (aws_ebs_encryption_by_default).
package tfgate.rules.aws.encryption.ebs_volume

import data.tfgate.lib

# Provider configurations and regions whose account setting is known to be
# on: an unchanged aws_ebs_encryption_by_default with enabled = true. Built once.
default_on := {[s.provider.config_key, s.region] |
	some s in lib.resources_of_type("aws_ebs_encryption_by_default")
	lib.is_no_op(s)
	lib.is_true(s, ["enabled"])
}

# _default_on(r): r's provider configuration and region have the setting
# on (nothing to look up, and no key to build, when no setting is).
_default_on(r) if {
	count(default_on) > 0
	[r.provider.config_key, r.region] in default_on
}

_volumes := lib.resources_of_type("aws_ebs_volume")

# aws_ebs_volume with encrypted = false (lib.is_false of the top-level
# attribute, read inline; the entry is lib.entry's, written out).
deny contains {"resource": r.address, "message": msg, "attribute": "encrypted"} if {
	some r in _volumes
	r.after.encrypted == false
	msg := sprintf("%s is not encrypted (encrypted = false)", [r.address])
}

# aws_ebs_volume without encrypted (neither true nor false: absent, null,
# or no planned values at all): the account setting or the snapshot decides.
# (Two negations: `not x in {true, false}` is false when x is undefined.)
unknown contains {"resource": r.address, "message": msg, "attribute": "encrypted"} if {
	some r in _volumes
	not r.after.encrypted == true
	not r.after.encrypted == false
	not _default_on(r)
	msg := _unknown_message(r, [], r.address)
}

# _unknown_message(r, prefix, what): why the encryption at prefix is not known.
_unknown_message(r, prefix, what) := sprintf("%s: encrypted is known only after apply", [what]) if {
	lib.written(r, array.concat(prefix, ["encrypted"]))
} else := sprintf("%s does not set encrypted: it depends on %s", [what, _depends_on(r, prefix)])

_depends_on(r, prefix) := "its snapshot's encryption and the account's EBS encryption-by-default setting" if {
	_has_snapshot(r, prefix)
} else := "the account's EBS encryption-by-default setting"

_has_snapshot(r, prefix) if lib.has_value(r, array.concat(prefix, ["snapshot_id"]))

_has_snapshot(r, prefix) if {
	lib.is_unknown(r, array.concat(prefix, ["snapshot_id"]))
	lib.written(r, array.concat(prefix, ["snapshot_id"]))
}

_device_blocks := ["root_block_device", "ebs_block_device"]

_devices(r, block) := devs if {
	devs := object.get(lib.after(r), block, [])
	is_array(devs)
} else := []

# aws_instance root / additional device with encrypted = false.
deny contains lib.entry(r, msg, lib.attr_path([block, i, "encrypted"])) if {
	some block in _device_blocks
	lib.type_attributes.aws_instance[block]
	some r in lib.resources_of_type("aws_instance")
	some i, dev in _devices(r, block)
	object.get(dev, "encrypted", null) == false
	msg := sprintf("%s has an unencrypted %s (encrypted = false)", [r.address, block])
}

# aws_instance device block written without encrypted.
unknown contains lib.entry(r, msg, lib.attr_path([block, i])) if {
	some block in _device_blocks
	lib.type_attributes.aws_instance[block]
	some r in lib.resources_of_type("aws_instance")
	some i, dev in _devices(r, block)
	not object.get(dev, "encrypted", null) in {true, false}
	not _default_on(r)
	msg := _unknown_message(r, [block, i], sprintf("%s: its %s", [r.address, block]))
}
