# METADATA
# title: ElastiCache must encrypt traffic in transit
# description: |
#   ElastiCache must encrypt client traffic: aws_elasticache_replication_group
#   (Valkey, Redis OSS) and Memcached clusters (aws_elasticache_cluster with
#   `engine = "memcached"`). `transit_encryption_enabled` is computed: not
#   written, a plan shows it as known only after apply, and ElastiCache's
#   default is off.
#
#   Fails: `transit_encryption_enabled = false`; a group or Memcached cluster
#   that does not write it; `transit_encryption_mode = "preferred"`, which
#   still accepts plaintext connections.
#
#   Passes: `transit_encryption_enabled = true` with `transit_encryption_mode`
#   "required" or not set.
#
#   Indeterminate: a value written as an expression known only after apply.
#
#   Not checked: members of a global datastore (`global_replication_group_id`)
#   and cache clusters that join a replication group (`replication_group_id`)
#   when they do not set it (the group's setting applies); Redis/Valkey
#   aws_elasticache_cluster without a replication group (it cannot use transit
#   encryption); aws_elasticache_serverless_cache (always TLS).
#
#   Deliberate difference: checkov and trivy accept
#   `transit_encryption_mode = "preferred"`.
# custom:
#   id: TFG-AWS-ENC-013
#   severity: high
#   family: encryption
#   resource_types: [aws_elasticache_replication_group, aws_elasticache_cluster]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     aws-fsbp: ["ElastiCache.5"]
#   remediation: |
#     Set `transit_encryption_enabled = true` (and, once clients use TLS,
#     `transit_encryption_mode = "required"`); clients must connect with TLS.
package tfgate.rules.aws.encryption.elasticache_in_transit

import data.tfgate.lib

_attr := "transit_encryption_enabled"

_unset(r) if {
	lib.is_unknown(r, [_attr])
	not lib.written(r, [_attr])
}

_unset(r) if {
	not lib.is_unknown(r, [_attr])
	not lib.value(r, [_attr])
}

# Written as an expression known only after apply.
_written_unknown(r) if {
	lib.is_unknown(r, [_attr])
	not _unset(r)
}

# _lower(r, attr): the known string value of attr in lower case, "" otherwise.
_lower(r, attr) := lower(v) if {
	v := lib.value(r, [attr])
	is_string(v)
} else := ""

# Joins a group whose setting applies.
_member(r, attr) if lib.has_value(r, [attr])

_member(r, attr) if {
	lib.is_unknown(r, [attr])
	lib.written(r, [attr])
}

_checked contains r if {
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	not _member(r, "global_replication_group_id")
}

_checked contains r if {
	some r in lib.resources_of_type("aws_elasticache_cluster")
	_lower(r, "engine") == "memcached"
	not _member(r, "replication_group_id")
}

deny contains lib.entry(r, msg, _attr) if {
	some r in _checked
	lib.is_false(r, [_attr])
	msg := sprintf("%s does not encrypt traffic in transit (transit_encryption_enabled = false)", [r.address])
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
deny contains lib.entry(r, msg, "") if {
	some r in _checked
	_unset(r)
	msg := sprintf("%s does not set transit_encryption_enabled: ElastiCache does not encrypt traffic in transit by default", [r.address])
}

deny contains lib.entry(r, msg, "transit_encryption_mode") if {
	some r in _checked
	lib.is_true(r, [_attr])
	_lower(r, "transit_encryption_mode") == "preferred"
	msg := sprintf("%s accepts unencrypted connections (transit_encryption_mode = \"preferred\")", [r.address])
}

unknown contains lib.entry(r, msg, _attr) if {
	some r in _checked
	_written_unknown(r)
	msg := sprintf("%s: transit_encryption_enabled is known only after apply", [r.address])
}
