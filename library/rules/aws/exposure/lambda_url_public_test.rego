package tfgate.rules.aws.exposure.lambda_url_public_test

import data.tfgate.rules.aws.exposure.lambda_url_public as rule
import data.tfgate.test

test_none_denied if {
	r := test.res("aws_lambda_function_url", "hook", {"function_name": "hook", "authorization_type": "NONE"})
	rule.deny == {{"resource": "aws_lambda_function_url.hook", "message": "aws_lambda_function_url.hook lets anyone invoke the function without authentication (authorization_type = \"NONE\")", "attribute": "authorization_type"}} with input as test.doc([r])
}

test_iam_allowed if {
	r := test.res("aws_lambda_function_url", "api", {"authorization_type": "AWS_IAM"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_indeterminate if {
	r := test.with_unknown(test.res("aws_lambda_function_url", "api", {}), {"authorization_type": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_lambda_function_url", "hook", {"authorization_type": "NONE"}))
	count(rule.deny) == 0 with input as test.doc([r])
}
