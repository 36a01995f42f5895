# METADATA
# title: DynamoDB tables should be encrypted with a customer-managed KMS key
# description: |
#   Every DynamoDB table is encrypted at rest: by default with a key AWS owns
#   (no `server_side_encryption` block, or `enabled = false`), or with the AWS
#   managed key `aws/dynamodb` (`enabled = true` without `kms_key_arn`).
#   Neither can be governed by you: no key policy, no grants to revoke, no
#   CloudTrail record per decryption in the AWS-owned case. This rule asks for
#   a customer-managed key and is deliberately `low`: a table without one is
#   not unencrypted (other tools report it as "not encrypted"); it is a
#   key-control requirement, like the S3 KMS rule.
#
#   Fails: no block, `enabled = false`, no `kms_key_arn` (the provider then
#   computes the AWS managed key's ARN, shown as unknown with no reference
#   behind it), or a key named `alias/aws/dynamodb`.
#
#   Passes: `enabled = true` with `kms_key_arn` set to a key ARN, or to a
#   value known only after apply that refers to a key (an aws_kms_key created
#   in the same change).
#
#   Indeterminate: `enabled` known only after apply, and `kms_key_arn`
#   written as a value known only after apply that refers to no resource (in
#   configuration input, a variable given no value).
#
#   Replicas: when the table passes, each `replica` block must name a key
#   too (`kms_key_arn`); a replica without one uses the AWS managed key in
#   its region and fails. A replica key known only after apply passes when
#   the table has one replica; with several replicas it is indeterminate
#   (the reference cannot say which replica it belongs to).
#   aws_dynamodb_table_replica must set `kms_key_arn` the same way.
# custom:
#   id: TFG-AWS-ENC-006
#   severity: low
#   family: encryption
#   resource_types: [aws_dynamodb_table, aws_dynamodb_table_replica]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   remediation: |
#     Add `server_side_encryption { enabled = true  kms_key_arn =
#     aws_kms_key.x.arn }` (changing the key of an existing table is done
#     in place).
package tfgate.rules.aws.encryption.dynamodb_table_cmk

import data.tfgate.lib

_sse := ["server_side_encryption", 0]

_enabled(r) if lib.is_true(r, array.concat(_sse, ["enabled"]))

_key_path := array.concat(_sse, ["kms_key_arn"])

_aws_managed(k) if endswith(k, "alias/aws/dynamodb")

# _customer_arn(k): a known key that is not the AWS managed one.
_customer_arn(k) if {
	is_string(k)
	k != ""
	not _aws_managed(k)
}

# The table names a key of its own: a known ARN, or a value known only after
# apply that refers to a resource (a key created in the same change).
_names_key(r) if _customer_arn(lib.value(r, _key_path))

_names_key(r) if {
	lib.is_unknown(r, _key_path)
	count(lib.references(r, "server_side_encryption.kms_key_arn")) > 0
}

# Written, known only after apply, and referring to no resource (in
# configuration input, a variable given no value): indeterminate.
_key_unknown(r) if {
	lib.is_unknown(r, _key_path)
	count(lib.references(r, "server_side_encryption.kms_key_arn")) == 0
	lib.written(r, _key_path)
}

# enabled is written as a value known only after apply. A block unknown as
# a whole and not written is the computed default (no SSE block).
_enabled_unknown(r) if {
	lib.is_unknown(r, array.concat(_sse, ["enabled"]))
	not _block_unset(r)
}

_block_unset(r) if {
	lib.is_unknown(r, ["server_side_encryption"])
	not lib.written(r, ["server_side_encryption"])
	count(lib.references(r, "server_side_encryption.enabled")) == 0
}

deny contains lib.entry(r, msg, attr) if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	not _enabled(r)
	not _enabled_unknown(r)
	attr := _no_sse_attr(r)
	msg := sprintf("%s is encrypted only with a key AWS owns (no server_side_encryption with enabled = true and kms_key_arn)", [r.address])
}

_no_sse_attr(r) := "server_side_encryption[0].enabled" if lib.is_false(r, array.concat(_sse, ["enabled"]))

else := ""

deny contains lib.entry(r, msg, "server_side_encryption[0]") if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_enabled(r)
	not _names_key(r)
	not _key_unknown(r)
	msg := sprintf("%s uses the AWS managed key aws/dynamodb, not a customer-managed key: set kms_key_arn", [r.address])
}

unknown contains lib.entry(r, msg, "server_side_encryption[0].enabled") if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_enabled_unknown(r)
	msg := sprintf("%s: server_side_encryption.enabled is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "server_side_encryption[0].kms_key_arn") if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_enabled(r)
	_key_unknown(r)
	msg := sprintf("%s: kms_key_arn is known only after apply and refers to no key resource", [r.address])
}

# Replicas of a table that passes. replica is a set: its order in a plan
# need not be the order of the blocks in the configuration, and the
# reference of a replica's key is recorded for "replica.kms_key_arn"
# without an index. So what is known is how many replica blocks write a
# key: none (every replica whose key is unknown uses the AWS managed key),
# all (every one names a key), or some or unknown (indeterminate).
_replicas(r) := rs if {
	rs := lib.value(r, ["replica"])
	is_array(rs)
} else := []

_table_passes(r) if {
	_enabled(r)
	_names_key(r)
}

_keys_written(r) := count([j |
	some j, _ in _replicas(r)
	object.get(r, ["location", "attributes", sprintf("replica[%d].kms_key_arn", [j])], null) != null
]) if {
	is_object(object.get(r, ["location", "attributes"], null))
} else := 0 if {
	count(lib.references(r, "replica.kms_key_arn")) == 0
} else := 1 if {
	count(_replicas(r)) == 1
} else := -1

_replica_region(rep) := v if {
	v := object.get(rep, "region_name", null)
	is_string(v)
} else := "its region"

_replica_msg(r, rep) := sprintf("%s: its replica in %s uses the AWS managed key aws/dynamodb, not a customer-managed key: set replica.kms_key_arn", [r.address, _replica_region(rep)])

# A replica whose key is known and not a customer key.
deny contains lib.entry(r, _replica_msg(r, rep), lib.attr_path(["replica", i])) if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_table_passes(r)
	some i, rep in _replicas(r)
	not lib.is_unknown(r, ["replica", i, "kms_key_arn"])
	not _customer_arn(object.get(rep, "kms_key_arn", null))
}

# A replica whose key is unknown when no replica block writes one.
deny contains lib.entry(r, _replica_msg(r, rep), lib.attr_path(["replica", i])) if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_table_passes(r)
	_keys_written(r) == 0
	some i, rep in _replicas(r)
	lib.is_unknown(r, ["replica", i, "kms_key_arn"])
}

unknown contains lib.entry(r, msg, lib.attr_path(["replica", i, "kms_key_arn"])) if {
	some r in lib.resources_of_type("aws_dynamodb_table")
	_table_passes(r)
	n := _keys_written(r)
	n != 0
	n != count(_replicas(r))
	some i, rep in _replicas(r)
	lib.is_unknown(r, ["replica", i, "kms_key_arn"])
	msg := sprintf("%s: whether its replica in %s names a key is known only after apply", [r.address, _replica_region(rep)])
}

# aws_dynamodb_table_replica: kms_key_arn is computed (the AWS managed key
# when not written).
_replica_key_refs(r) := count(lib.references(r, "kms_key_arn"))

deny contains lib.entry(r, msg, _replica_attr(r)) if {
	some r in lib.resources_of_type("aws_dynamodb_table_replica")
	not _customer_arn(object.get(lib.after(r), "kms_key_arn", null))
	not _replica_resource_key_written(r)
	msg := sprintf("%s uses the AWS managed key aws/dynamodb, not a customer-managed key: set kms_key_arn", [r.address])
}

_replica_resource_key_written(r) if {
	lib.is_unknown(r, ["kms_key_arn"])
	lib.written(r, ["kms_key_arn"])
}

unknown contains lib.entry(r, msg, "kms_key_arn") if {
	some r in lib.resources_of_type("aws_dynamodb_table_replica")
	lib.is_unknown(r, ["kms_key_arn"])
	_replica_key_refs(r) == 0
	lib.written(r, ["kms_key_arn"])
	msg := sprintf("%s: kms_key_arn is known only after apply and refers to no key resource", [r.address])
}

_replica_attr(r) := "" if lib.is_unknown(r, ["kms_key_arn"])

else := "kms_key_arn"
