# METADATA
# title: ElastiCache replication groups must be encrypted at rest
# description: |
#   aws_elasticache_replication_group (Valkey, Redis OSS) must encrypt its
#   data at rest. `at_rest_encryption_enabled` is a computed string
#   ("true"/"false") in provider 5.x: not written, a plan shows it as known
#   only after apply and the service default decides.
#
#   Fails: `at_rest_encryption_enabled = false` ("false" or false), and a
#   Redis OSS group that does not write it (`engine` defaults to "redis";
#   Redis OSS is not encrypted at rest by default).
#
#   Passes: `at_rest_encryption_enabled = true`, and a Valkey group that does
#   not write it (Valkey encrypts at rest by default).
#
#   Indeterminate: a value written as an expression known only after apply,
#   and an unset value when the `engine` is known only after apply.
#
#   Not checked: a member of a global datastore (`global_replication_group_id`)
#   that does not set the attribute (the global datastore's setting applies),
#   and aws_elasticache_serverless_cache, which is always encrypted.
# custom:
#   id: TFG-AWS-ENC-012
#   severity: high
#   family: encryption
#   resource_types: [aws_elasticache_replication_group]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["ElastiCache.4"]
#   remediation: |
#     Set `at_rest_encryption_enabled = true` (and `kms_key_id` for a key
#     you control). It cannot be changed after creation: the group is
#     replaced.
package tfgate.rules.aws.encryption.elasticache_at_rest

import data.tfgate.lib

_attr := "at_rest_encryption_enabled"

_false(r) if lib.value(r, [_attr]) in {false, "false"}

_true(r) if lib.value(r, [_attr]) in {true, "true"}

# Not written: unknown (computed), with no reference or source range.
_unset(r) if {
	lib.is_unknown(r, [_attr])
	not lib.written(r, [_attr])
}

_unset(r) if {
	not lib.is_unknown(r, [_attr])
	not lib.value(r, [_attr])
}

_global_member(r) if lib.has_value(r, ["global_replication_group_id"])

_global_member(r) if {
	lib.is_unknown(r, ["global_replication_group_id"])
	lib.written(r, ["global_replication_group_id"])
}

_engine(r) := lower(e) if {
	e := lib.value(r, ["engine"])
	is_string(e)
} else := "redis"

deny contains lib.entry(r, msg, _attr) if {
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	_false(r)
	msg := sprintf("%s is not encrypted at rest (at_rest_encryption_enabled = false)", [r.address])
}

# A failure on an attribute that is not written names no attribute (""):
# the fault is an absence, and the plan marks the computed attribute as
# known only after apply.
deny contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	_unset(r)
	not _global_member(r)
	_engine(r) != "valkey"
	not lib.is_unknown(r, ["engine"])
	msg := sprintf("%s does not set at_rest_encryption_enabled: %s is not encrypted at rest by default", [r.address, _engine(r)])
}

unknown contains lib.entry(r, msg, _attr) if {
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	lib.is_unknown(r, [_attr])
	not _unset(r)
	msg := sprintf("%s: at_rest_encryption_enabled is known only after apply", [r.address])
}

# Not written, and the engine (whose default decides) is known only after apply.
unknown contains lib.entry(r, msg, "engine") if {
	some r in lib.resources_of_type("aws_elasticache_replication_group")
	_unset(r)
	not _global_member(r)
	lib.is_unknown(r, ["engine"])
	msg := sprintf("%s does not set at_rest_encryption_enabled and its engine (whose default decides) is known only after apply", [r.address])
}
