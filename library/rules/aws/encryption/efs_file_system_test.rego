package tfgate.rules.aws.encryption.efs_file_system_test

import data.tfgate.rules.aws.encryption.efs_file_system as rule
import data.tfgate.test

unset := test.with_unknown(test.res("aws_efs_file_system", "fs", {"encrypted": null}), {"encrypted": true, "kms_key_id": true})

test_false_denied if {
	r := test.res("aws_efs_file_system", "fs", {"encrypted": false})
	rule.deny == {{"resource": "aws_efs_file_system.fs", "message": "aws_efs_file_system.fs is not encrypted (encrypted = false)", "attribute": "encrypted"}} with input as test.doc([r])
}

test_unset_denied if {
	rule.deny == {{"resource": "aws_efs_file_system.fs", "message": "aws_efs_file_system.fs does not set encrypted: EFS creates an unencrypted file system by default", "attribute": ""}} with input as test.doc([unset])
}

test_true_allowed if {
	r := test.res("aws_efs_file_system", "fs", {"encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_written_unknown_is_indeterminate if {
	r := object.union(unset, {"references": {"encrypted": ["aws_ssm_parameter.p"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(unset)])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	# Configuration input: encrypted = var.enc with no value is unknown,
	# refers to no resource, and has a source range.
	r := located(unset, ["encrypted"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
	count(rule.deny) == 1 with input as test.doc([located(unset, ["creation_token"])])
}
