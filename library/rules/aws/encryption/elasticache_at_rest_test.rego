package tfgate.rules.aws.encryption.elasticache_at_rest_test

import data.tfgate.rules.aws.encryption.elasticache_at_rest as rule
import data.tfgate.test

group(engine) := test.with_unknown(test.res("aws_elasticache_replication_group", "g", {"engine": engine, "at_rest_encryption_enabled": null, "global_replication_group_id": null}), {"at_rest_encryption_enabled": true, "global_replication_group_id": true})

test_redis_unset_denied if {
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g does not set at_rest_encryption_enabled: redis is not encrypted at rest by default", "attribute": ""}} with input as test.doc([group("redis")])
	count(rule.unknown) == 0 with input as test.doc([group("redis")])
}

test_valkey_unset_allowed if {
	count(rule.deny) == 0 with input as test.doc([group("valkey")])
	count(rule.unknown) == 0 with input as test.doc([group("valkey")])
}

test_string_false_denied if {
	r := test.res("aws_elasticache_replication_group", "g", {"engine": "valkey", "at_rest_encryption_enabled": "false"})
	rule.deny == {{"resource": "aws_elasticache_replication_group.g", "message": "aws_elasticache_replication_group.g is not encrypted at rest (at_rest_encryption_enabled = false)", "attribute": "at_rest_encryption_enabled"}} with input as test.doc([r])
}

test_true_allowed if {
	r := test.res("aws_elasticache_replication_group", "g", {"engine": "redis", "at_rest_encryption_enabled": "true"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_global_member_not_checked if {
	r := test.with_unknown(test.res("aws_elasticache_replication_group", "g", {"engine": "redis", "at_rest_encryption_enabled": null, "global_replication_group_id": "ldgnf-global"}), {"at_rest_encryption_enabled": true})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_written_unknown_is_indeterminate if {
	r := object.union(group("redis"), {"references": {"at_rest_encryption_enabled": ["aws_ssm_parameter.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_engine_is_indeterminate if {
	r := test.with_unknown(test.res("aws_elasticache_replication_group", "g", {"engine": null, "at_rest_encryption_enabled": null}), {"engine": true, "at_rest_encryption_enabled": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(group("redis"))])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	r := located(group("redis"), ["at_rest_encryption_enabled"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}
