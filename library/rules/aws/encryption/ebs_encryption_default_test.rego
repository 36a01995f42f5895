package tfgate.rules.aws.encryption.ebs_encryption_default_test

import data.tfgate.rules.aws.encryption.ebs_encryption_default as rule
import data.tfgate.test

test_disabled_denied if {
	r := test.res("aws_ebs_encryption_by_default", "d", {"enabled": false})
	rule.deny == {{"resource": "aws_ebs_encryption_by_default.d", "message": "aws_ebs_encryption_by_default.d turns EBS encryption by default off (enabled = false) in us-east-1", "attribute": "enabled"}} with input as test.doc([r])
}

test_enabled_allowed if {
	r := test.res("aws_ebs_encryption_by_default", "d", {"enabled": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_ebs_encryption_by_default", "d", {"enabled": null}), {"enabled": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_ebs_encryption_by_default", "d", {"enabled": false}))
	count(rule.deny) == 0 with input as test.doc([r])
}
