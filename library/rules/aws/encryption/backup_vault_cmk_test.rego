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
