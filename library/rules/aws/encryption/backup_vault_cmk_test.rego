package tfgate.rules.aws.encryption.backup_vault_cmk_test

import data.tfgate.rules.aws.encryption.backup_vault_cmk as rule
import data.tfgate.test

unset := test.with_unknown(test.res("aws_backup_vault", "v", {"kms_key_arn": null}), {"kms_key_arn": true})

test_unset_denied if {
	rule.deny == {{"resource": "aws_backup_vault.v", "message": "aws_backup_vault.v uses the AWS managed key aws/backup, not a customer-managed key: set kms_key_arn", "attribute": ""}} with input as test.doc([unset])
}

test_aws_managed_alias_denied if {
	count(rule.deny) == 1 with input as test.doc([test.res("aws_backup_vault", "v", {"kms_key_arn": "arn:aws:kms:us-east-1:111122223333:alias/aws/backup"})])
}

test_key_allowed if {
	r := object.union(unset, {"references": {"kms_key_arn": ["aws_kms_key.k"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([test.res("aws_backup_vault", "v", {"kms_key_arn": "arn:aws:kms:us-east-1:111122223333:key/1234"})])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(unset)])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	r := located(unset, ["kms_key_arn"])
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_backup_vault.v", "message": "aws_backup_vault.v: kms_key_arn is known only after apply and refers to no key resource", "attribute": "kms_key_arn"}} with input as test.doc([r])
}
