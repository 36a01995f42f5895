package tfgate.rules.aws.encryption.sagemaker_kms_test

import data.tfgate.rules.aws.encryption.sagemaker_kms as rule
import data.tfgate.test

notebook(after) := test.res("aws_sagemaker_notebook_instance", "n", after)

endpoint(after) := test.res("aws_sagemaker_endpoint_configuration", "e", after)

variant(t) := {"variant_name": "main", "instance_type": t, "serverless_config": []}

test_notebook_without_key_denied if {
	rule.deny == {{
		"resource": "aws_sagemaker_notebook_instance.n",
		"message": "aws_sagemaker_notebook_instance.n does not encrypt its storage with a customer managed KMS key (kms_key_id: not set)",
		"attribute": "kms_key_id",
	}} with input as test.doc([notebook({"kms_key_id": null})])
}

test_endpoint_without_key_denied if {
	some d in rule.deny with input as test.doc([endpoint({"kms_key_arn": null, "production_variants": [variant("ml.m5.large")]})])
	d.attribute == "kms_key_arn"
}

test_aws_managed_alias_denied if {
	count(rule.deny) == 1 with input as test.doc([notebook({"kms_key_id": "alias/aws/sagemaker"})])
}

test_keys_allowed if {
	count(rule.deny) == 0 with input as test.doc([
		notebook({"kms_key_id": "k-1"}),
		endpoint({"kms_key_arn": "arn:aws:kms:us-east-1:1:key/k", "production_variants": [variant("ml.m5.large")]}),
	])
}

test_unknown_key_is_silent if {
	n := test.with_unknown(notebook({}), {"kms_key_id": true})
	count(rule.deny) == 0 with input as test.doc([n])
}

test_endpoints_that_cannot_take_a_key_not_checked if {
	every t in ["ml.m5d.large", "ml.g4dn.xlarge", "ml.p4d.24xlarge", "ml.g5.xlarge", "ml.c6gd.large"] {
		count(rule.deny) == 0 with input as test.doc([endpoint({"kms_key_arn": null, "production_variants": [variant("ml.m5.large"), variant(t)]})])
	}
	serverless := {"variant_name": "s", "serverless_config": [{"max_concurrency": 1, "memory_size_in_mb": 1024}]}
	count(rule.deny) == 0 with input as test.doc([endpoint({"kms_key_arn": null, "production_variants": [serverless]})])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(notebook({"kms_key_id": null}))])
}
