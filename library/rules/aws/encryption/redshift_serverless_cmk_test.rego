package tfgate.rules.aws.encryption.redshift_serverless_cmk_test

import data.tfgate.rules.aws.encryption.redshift_serverless_cmk as rule
import data.tfgate.test

unset := test.with_unknown(test.res("aws_redshiftserverless_namespace", "n", {"kms_key_id": null}), {"kms_key_id": true})

test_unset_denied if {
	rule.deny == {{"resource": "aws_redshiftserverless_namespace.n", "message": "aws_redshiftserverless_namespace.n is encrypted with a key AWS owns, not a customer-managed key: set kms_key_id", "attribute": ""}} with input as test.doc([unset])
}

test_aws_owned_value_denied if {
	count(rule.deny) == 1 with input as test.doc([test.res("aws_redshiftserverless_namespace", "n", {"kms_key_id": "AWS_OWNED_KMS_KEY"})])
}

test_key_allowed if {
	count(rule.deny) == 0 with input as test.doc([test.res("aws_redshiftserverless_namespace", "n", {"kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/1234"})])
	r := object.union(unset, {"references": {"kms_key_id": ["aws_kms_key.k"]}})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(unset)])
}

located(r, attrs) := object.union(r, {"location": {"file": "main.tf", "start_line": 1, "end_line": 20, "attributes": {a: {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9} | some a in attrs}}})

test_variable_without_value_is_indeterminate if {
	r := located(unset, ["kms_key_id"])
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}
