# METADATA
# title: RDS storage must be encrypted
# description: |
#   aws_db_instance and aws_rds_cluster (Aurora, and Multi-AZ DB clusters)
#   must set `storage_encrypted = true`.
#
#   Fails: `storage_encrypted = false`; an aws_db_instance that does not set
#   it (no provider default, and RDS creates an unencrypted instance); a
#   provisioned aws_rds_cluster that does not write it. On a cluster the
#   attribute is computed, so a plan shows it as known only after apply when
#   it is not written: tfgate tells "not written" (no reference and no
#   source range for it) from "written as a value known only after apply"
#   (a reference to another resource; in configuration input, also a
#   variable given no value), and RDS's default for
#   provisioned clusters (Aurora provisioned and Serverless v2, Multi-AZ DB
#   clusters) is unencrypted.
#
#   Passes: `storage_encrypted = true`, and Aurora Serverless v1 clusters
#   (`engine_mode = "serverless"`), which are always encrypted.
#
#   Indeterminate: a value written as an expression known only after apply;
#   a cluster whose `engine_mode` is known only after apply (it may be
#   Serverless v1) unless `storage_encrypted = false`; and, when `storage_encrypted` is not true, an instance or cluster that
#   takes its source's encryption: restored from a snapshot
#   (`snapshot_identifier`) or to a point in time (`restore_to_point_in_time`),
#   a cluster replicating another (`replication_source_identifier`) or
#   joining a global cluster (`global_cluster_identifier`).
#
#   Not checked: read replicas (`replicate_source_db` on an instance), which
#   take their source's encryption.
# custom:
#   id: TFG-AWS-ENC-002
#   severity: high
#   family: encryption
#   resource_types: [aws_db_instance, aws_rds_cluster]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.3.1"]
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["RDS.3", "RDS.27"]
#   remediation: |
#     Set `storage_encrypted = true` (and `kms_key_id` for a key you
#     control). Encryption cannot be turned on for an existing instance or
#     cluster: restore an encrypted copy of a snapshot.
package tfgate.rules.aws.encryption.rds_instance

import data.tfgate.lib

# _configured(r, attr): attr is written in the configuration: a known
# value, or a value known only after apply that refers to something.
# An unknown computed attribute that is not written is one left unset.
_configured(r, attr) if lib.attr_has_value(r, attr)

_configured(r, attr) if {
	lib.attr_unknown(r, attr)
	lib.attr_written(r, attr)
}

# _block_written(r, block): the nested block is written (a block, or
# something in it known only after apply).
_block_written(r, block) if count(object.get(lib.after(r), block, [])) > 0

_block_written(r, block) if lib.unknown_within(r, [block])

# Sources whose encryption a new instance or cluster takes.
_inherit_attrs := {
	"aws_db_instance": ["snapshot_identifier"],
	"aws_rds_cluster": ["snapshot_identifier", "replication_source_identifier", "global_cluster_identifier"],
}

_inherits(r) := attr if {
	some attr in _inherit_attrs[r.type]
	_configured(r, attr)
} else := "restore_to_point_in_time" if _block_written(r, "restore_to_point_in_time")

# _candidates: [resource, verdict, source] for each instance and cluster
# whose storage_encrypted is not true and that is not exempt, built once
# and read by the deny and unknown rules. The test that fails for most
# resources (storage_encrypted = true, looked up inline) comes first: the
# exemptions and the verdict are computed only for the others.
_candidates := array.concat(
	[[r, verdict, src] |
		some r in lib.resources_of_type("aws_db_instance")
		not r.after.storage_encrypted == true
		not _replica(r)
		[verdict, src] := _verdict(r)
	],
	[[r, verdict, src] |
		some r in lib.resources_of_type("aws_rds_cluster")
		not r.after.storage_encrypted == true
		not _maybe_serverless_v1(r)
		[verdict, src] := _verdict(r)
	],
)

# _replica(r): the instance r is a read replica (replicate_source_db set
# to a value, or known only after apply): not checked.
_replica(r) if {
	v := r.after.replicate_source_db
	v != null
	v != false
}

_replica(r) if lib.attr_unknown(r, "replicate_source_db")

# _maybe_serverless_v1(r): the cluster r is Aurora Serverless v1, always
# encrypted, or may be one (engine_mode known only after apply) and does
# not set storage_encrypted = false.
_maybe_serverless_v1(r) if r.after.engine_mode == "serverless"

_maybe_serverless_v1(r) if {
	lib.attr_unknown(r, "engine_mode")
	not r.after.storage_encrypted == false
}

# _verdict(r): ["inherits", attribute] when r takes its encryption from a
# source; else ["unknown", ""] when storage_encrypted is written as a value
# known only after apply; else ["deny", ""] (false, or not set: null on an
# instance, unknown without being written on a cluster).
_verdict(r) := ["inherits", attr] if {
	attr := _inherits(r)
} else := ["unknown", ""] if {
	_configured_unknown(r)
} else := ["deny", ""]

# On an instance storage_encrypted is not computed: unknown is always a
# written expression. On a cluster, unknown without a reference is unset.
_configured_unknown(r) if {
	lib.is_unknown(r, ["storage_encrypted"])
	lib.written(r, ["storage_encrypted"])
}

_configured_unknown(r) if {
	r.type == "aws_db_instance"
	lib.is_unknown(r, ["storage_encrypted"])
}

unknown contains lib.entry(r, msg, "engine_mode") if {
	some r in lib.resources_of_type("aws_rds_cluster")
	lib.is_unknown(r, ["engine_mode"])
	not lib.is_true(r, ["storage_encrypted"])
	not lib.is_false(r, ["storage_encrypted"])
	msg := sprintf("%s does not set storage_encrypted = true and its engine_mode (serverless clusters are always encrypted) is known only after apply", [r.address])
}

# storage_encrypted = false, or not set (null on an instance; unknown
# without a reference on a cluster), with nothing to inherit from.
deny contains lib.entry(r, msg, _deny_attr(r)) if {
	some [r, "deny", _] in _candidates
	msg := _deny_message(r)
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
_deny_attr(r) := "" if lib.is_unknown(r, ["storage_encrypted"])

else := "storage_encrypted"

_deny_message(r) := sprintf("%s does not encrypt its storage (storage_encrypted = false)", [r.address]) if {
	r.after.storage_encrypted == false
} else := sprintf("%s does not set storage_encrypted: a provisioned RDS cluster is created unencrypted by default", [r.address]) if {
	r.type == "aws_rds_cluster"
} else := sprintf("%s does not set storage_encrypted: RDS creates an unencrypted instance by default", [r.address])

# A value known only after apply.
unknown contains lib.entry(r, msg, "storage_encrypted") if {
	some [r, "unknown", _] in _candidates
	msg := sprintf("%s: storage_encrypted is known only after apply", [r.address])
}

# Not true, but the encryption comes from a snapshot or a source.
unknown contains lib.entry(r, msg, "storage_encrypted") if {
	some [r, "inherits", attr] in _candidates
	msg := sprintf("%s takes its encryption from its source (%s) unless storage_encrypted = true: indeterminate", [r.address, attr])
}
