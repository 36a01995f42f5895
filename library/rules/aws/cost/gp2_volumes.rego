# METADATA
# title: EBS and RDS storage should be gp3, not gp2
# description: |
#   Guardrail for storage cost, switched on by the `flag_gp2` parameter
#   (bool): until it is set the rule is reported as not evaluated, and with
#   `false` it reports nothing. The gp3 volume type costs about 20% less per
#   GiB than gp2 and gives 3,000 IOPS and 125 MiB/s at any size. The value
#   gp2 fails on aws_ebs_volume `type`, on the `root_block_device` and
#   `ebs_block_device` blocks of aws_instance and aws_launch_configuration
#   (`volume_type`), on the `block_device_mappings[].ebs` of
#   aws_launch_template (`volume_type`), and on aws_db_instance
#   `storage_type`. Any other known type (gp3, io1, io2, st1, sc1, standard)
#   passes. An aws_ebs_volume without `type` is indeterminate: AWS's default
#   is gp2, but the plan leaves the value unknown and cannot tell "not set"
#   from "known only after apply". A block device of an instance or a launch
#   template without volume_type takes the AMI's volume type, which a plan
#   cannot see, and is not checked; nor is an RDS instance without
#   storage_type. Resources outside the optional `guardrail_scope_tags`
#   parameter (an object of tag key to a value or a list of values, matched
#   against effective tags; unset: every resource is in scope) are not
#   checked, and one whose scope tag is known only after apply is
#   indeterminate instead of failing.
# custom:
#   id: TFG-AWS-COST-004
#   severity: low
#   family: cost
#   resource_types: [aws_ebs_volume, aws_instance, aws_launch_template, aws_launch_configuration, aws_db_instance]
#   frameworks:
#     nist-800-53: ["CM-6"]
#   params: [flag_gp2]
#   remediation: |
#     Use `gp3` (EBS `type` / `volume_type`, RDS `storage_type`). Existing
#     gp2 volumes can be modified to gp3 in place, without downtime.
package tfgate.rules.aws.cost.gp2_volumes

import data.tfgate.lib

_on if lib.param("flag_gp2") == true

_list(v) := v if is_array(v)

_list(v) := [] if not is_array(v)

# Guardrail scope (lib.in_scope, lib.maybe_in_scope): the rule builds
# _fail and _indeterminate, sets of [resource, message, attribute], and these
# outputs keep what is in scope.

deny contains lib.entry(f[0], f[1], f[2]) if {
	some f in _fail
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], f[1], f[2]) if {
	some f in _indeterminate
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], sprintf("%s (whether it is in guardrail_scope_tags is known only after apply)", [f[1]]), f[2]) if {
	some f in _fail | _indeterminate
	lib.maybe_in_scope(f[0])
}

_message(r, path) := sprintf("%s uses gp2 storage (%s = gp2); gp3 is cheaper and faster", [r.address, lib.attr_path(path)])

# aws_ebs_volume.
_fail contains [r, _message(r, ["type"]), "type"] if {
	_on
	some r in lib.resources_of_type("aws_ebs_volume")
	object.get(lib.after(r), "type", null) == "gp2"
}

_indeterminate contains [r, msg, "type"] if {
	_on
	some r in lib.resources_of_type("aws_ebs_volume")
	lib.is_unknown(r, ["type"])
	msg := sprintf("%s: type is not set or known only after apply (AWS's default is gp2; set type = \"gp3\")", [r.address])
}

# Block devices of instances and launch configurations.
_device_types := ["aws_instance", "aws_launch_configuration"]

_fail contains [r, _message(r, path), lib.attr_path(path)] if {
	_on
	some t in _device_types
	some r in lib.resources_of_type(t)
	some block in ["root_block_device", "ebs_block_device"]
	some i, d in _list(object.get(lib.after(r), block, []))
	object.get(d, "volume_type", null) == "gp2"
	path := [block, i, "volume_type"]
}

# Launch templates.
_fail contains [r, _message(r, path), lib.attr_path(path)] if {
	_on
	some r in lib.resources_of_type("aws_launch_template")
	some i, m in _list(object.get(lib.after(r), "block_device_mappings", []))
	some j, e in _list(object.get(m, "ebs", []))
	object.get(e, "volume_type", null) == "gp2"
	path := ["block_device_mappings", i, "ebs", j, "volume_type"]
}

# RDS.
_fail contains [r, _message(r, ["storage_type"]), "storage_type"] if {
	_on
	some r in lib.resources_of_type("aws_db_instance")
	object.get(lib.after(r), "storage_type", null) == "gp2"
}
