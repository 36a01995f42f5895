# METADATA
# title: Launch templates and launch configurations must encrypt EBS volumes
# description: |
#   The EBS volumes an Auto Scaling group or a RunInstances call creates from
#   a template must be encrypted.
#
#   Fails: a `block_device_mappings[].ebs[]` of aws_launch_template with
#   `encrypted = "false"` (the provider schema types it as a string: "true",
#   "false", or "" for unset; a boolean false fails too), and a
#   `root_block_device[]` or `ebs_block_device[]` of aws_launch_configuration
#   with `encrypted = false`.
#
#   Passes: `encrypted = "true"` / `true`; a mapping or block without
#   `encrypted` when the plan holds an unchanged (no-op)
#   aws_ebs_encryption_by_default with `enabled = true` for the same provider
#   configuration and region (the setting is then in force, as for
#   TFG-AWS-ENC-001).
#
#   Indeterminate: a mapping or block written without `encrypted` (its
#   snapshot or the account's EBS encryption-by-default setting decides, which
#   a plan cannot see), and a value known only after apply.
#
#   Not checked: a template or configuration with no mapping or device block
#   written (the AMI's mappings apply).
# custom:
#   id: TFG-AWS-ENC-005
#   severity: high
#   family: encryption
#   resource_types: [aws_launch_template, aws_launch_configuration]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.2.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#   remediation: |
#     Set `encrypted = "true"` (launch template, a string) or `encrypted =
#     true` (launch configuration) on every EBS mapping, with `kms_key_id`
#     for a key you control; and turn on EBS encryption by default in every
#     region (aws_ebs_encryption_by_default).
package tfgate.rules.aws.encryption.launch_template_ebs

import data.tfgate.lib

# As TFG-AWS-ENC-001: provider configurations and regions whose account
# setting is known to be on. Built once.
default_on := {[s.provider.config_key, s.region] |
	some s in lib.resources_of_type("aws_ebs_encryption_by_default")
	lib.is_no_op(s)
	lib.is_true(s, ["enabled"])
}

_default_on(r) if [r.provider.config_key, r.region] in default_on

_list(v) := v if is_array(v)

else := []

# Every EBS device of a template or configuration: [path, device].
_devices(r) := [[["block_device_mappings", i, "ebs", j], ebs] |
	some i, m in _list(object.get(lib.after(r), "block_device_mappings", []))
	some j, ebs in _list(object.get(m, "ebs", []))
] if r.type == "aws_launch_template"

_devices(r) := [[[block, i], dev] |
	some block in ["root_block_device", "ebs_block_device"]
	some i, dev in _list(object.get(lib.after(r), block, []))
] if r.type == "aws_launch_configuration"

_false(v) if v == false

_false(v) if v == "false"

_true(v) if v == true

_true(v) if v == "true"

_types := ["aws_launch_template", "aws_launch_configuration"]

deny contains lib.entry(r, msg, lib.attr_path(array.concat(path, ["encrypted"]))) if {
	some t in _types
	some r in lib.resources_of_type(t)
	some [path, dev] in _devices(r)
	_false(object.get(dev, "encrypted", null))
	msg := sprintf("%s has an unencrypted EBS volume at %s (encrypted = false)", [r.address, lib.attr_path(path)])
}

# Written without encrypted (null, "" or computed), or known only after apply.
unknown contains lib.entry(r, msg, lib.attr_path(path)) if {
	some t in _types
	some r in lib.resources_of_type(t)
	some [path, dev] in _devices(r)
	v := object.get(dev, "encrypted", null)
	not _false(v)
	not _true(v)
	not _default_on(r)
	msg := _unknown_message(r, path)
}

_unknown_message(r, path) := sprintf("%s: encrypted at %s is known only after apply", [r.address, lib.attr_path(path)]) if {
	lib.is_unknown(r, array.concat(path, ["encrypted"]))
	lib.written(r, array.concat(path, ["encrypted"]))
} else := sprintf("%s does not set encrypted at %s: it depends on the snapshot and the account's EBS encryption-by-default setting", [r.address, lib.attr_path(path)])
