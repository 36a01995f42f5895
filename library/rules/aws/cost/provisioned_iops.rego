# METADATA
# title: Provisioned IOPS must not exceed the allowed maximum
# description: |
#   Guardrail for provisioned performance, switched on by the
#   `max_provisioned_iops` parameter (a number); until it is set the rule is
#   reported as not evaluated. Provisioned IOPS are billed per IOPS-month
#   whether used or not. A volume or database fails when it provisions more
#   IOPS than the maximum: aws_ebs_volume `iops` (io1, io2, gp3), the `iops`
#   of the `root_block_device` / `ebs_block_device` blocks of aws_instance
#   and aws_launch_configuration and of aws_launch_template
#   `block_device_mappings[].ebs`, and aws_db_instance and aws_rds_cluster
#   `iops`. IOPS at or below the maximum pass. IOPS of gp2, st1, sc1 and
#   standard volumes are a baseline, not provisioned, and are not checked.
#   IOPS not set in the configuration are computed by AWS (the free
#   baseline) and known only after apply: they are not checked either.
#   Nothing is indeterminate except a resource whose scope tag is known only
#   after apply. Resources outside the optional `guardrail_scope_tags`
#   parameter (an object of tag key to a value or a list of values, matched
#   against effective tags; unset: every resource is in scope) are not
#   checked, and one whose scope tag is known only after apply is
#   indeterminate instead of failing.
# custom:
#   id: TFG-AWS-COST-005
#   severity: low
#   family: cost
#   resource_types: [aws_ebs_volume, aws_instance, aws_launch_template, aws_launch_configuration, aws_db_instance, aws_rds_cluster]
#   frameworks:
#     nist-800-53: ["CM-6"]
#   params: [max_provisioned_iops]
#   remediation: |
#     Lower `iops` to at most max_provisioned_iops (gp3 includes 3,000 IOPS
#     at no extra cost), or ask for an exception for this workload.
package tfgate.rules.aws.cost.provisioned_iops

import data.tfgate.lib

_max := m if {
	m := lib.param("max_provisioned_iops")
	is_number(m)
}

# Volume types whose IOPS are a baseline rather than provisioned.
_baseline := {"gp2", "st1", "sc1", "standard"}

_provisioned(volume_type) if not volume_type in _baseline

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

# Unset IOPS are the baseline: nothing here is indeterminate.
_indeterminate := set()

_message(r, path, v, volume_type) := sprintf("%s provisions %v IOPS (%s = %v, %s), above max_provisioned_iops %v", [r.address, v, lib.attr_path(path), v, _shown(volume_type), _max])

_shown(null) := "volume type not set"

_shown(t) := t if t != null

# _over(obj, type_key): obj provisions more IOPS than allowed.
_over(obj, type_key) := v if {
	v := object.get(obj, "iops", null)
	is_number(v)
	v > _max
	_provisioned(object.get(obj, type_key, null))
}

_fail contains [r, _message(r, ["iops"], v, object.get(lib.after(r), "type", null)), "iops"] if {
	some r in lib.resources_of_type("aws_ebs_volume")
	v := _over(lib.after(r), "type")
}

_fail contains [r, _message(r, ["iops"], v, object.get(lib.after(r), "storage_type", null)), "iops"] if {
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some r in lib.resources_of_type(t)
	v := _over(lib.after(r), "storage_type")
}

_fail contains [r, _message(r, path, v, object.get(d, "volume_type", null)), lib.attr_path(path)] if {
	some t in ["aws_instance", "aws_launch_configuration"]
	some r in lib.resources_of_type(t)
	some block in ["root_block_device", "ebs_block_device"]
	some i, d in _list(object.get(lib.after(r), block, []))
	v := _over(d, "volume_type")
	path := [block, i, "iops"]
}

_fail contains [r, _message(r, path, v, object.get(e, "volume_type", null)), lib.attr_path(path)] if {
	some r in lib.resources_of_type("aws_launch_template")
	some i, m in _list(object.get(lib.after(r), "block_device_mappings", []))
	some j, e in _list(object.get(m, "ebs", []))
	v := _over(e, "volume_type")
	path := ["block_device_mappings", i, "ebs", j, "iops"]
}
