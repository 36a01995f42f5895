# METADATA
# title: SageMaker notebook instances and endpoint configurations must use a customer managed KMS key
# description: |
#   The ML storage volumes of an aws_sagemaker_notebook_instance
#   (`kms_key_id`) and of the instances behind an
#   aws_sagemaker_endpoint_configuration (`kms_key_arn`) are encrypted with
#   an AWS managed key unless a customer managed key is named. A resource
#   passes when the attribute is set (a known key, or a value known only
#   after apply), fails when it is unset, empty or an AWS managed key alias
#   (`alias/aws/...`). Endpoint configurations that cannot take a key are
#   not checked: those whose production variants are all serverless, and
#   those with a variant on an instance type with local NVMe instance
#   storage (families with a `d` suffix such as ml.m5d, ml.c5d, ml.r5d,
#   ml.g4dn, ml.p3dn, ml.p4d, and ml.g5, ml.g6, ml.p5, ml.trn1, ml.inf2),
#   for which SageMaker rejects `kms_key_arn` and encrypts the instance
#   storage in hardware.
# custom:
#   id: TFG-AWS-ENC-037
#   severity: medium
#   family: encryption
#   resource_types: [aws_sagemaker_notebook_instance, aws_sagemaker_endpoint_configuration]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#   remediation: |
#     Set `kms_key_id` (notebook instance) or `kms_key_arn` (endpoint
#     configuration) to a customer managed KMS key.
package tfgate.rules.aws.encryption.sagemaker_kms

import data.tfgate.lib

_checks := [
	{"type": "aws_sagemaker_notebook_instance", "attr": "kms_key_id"},
	{"type": "aws_sagemaker_endpoint_configuration", "attr": "kms_key_arn"},
]

deny contains lib.entry(r, msg, c.attr) if {
	some c in _checks
	some r in lib.resources_of_type(c.type)
	not lib.is_unknown(r, [c.attr])
	v := object.get(lib.after(r), c.attr, null)
	not _cmk(v)
	not _cannot_take_key(r)
	msg := sprintf("%s does not encrypt its storage with a customer managed KMS key (%s: %s)", [r.address, c.attr, _shown(v)])
}

_cmk(v) if {
	is_string(v)
	v != ""
	not regex.match(`(^|:)alias/aws/`, v)
}

_shown(v) := "not set" if v == null

else := sprintf("%q", [v])

# Instance types with local NVMe instance storage: SageMaker refuses a
# KMS key for the storage volume of endpoints on them.
_nvme_type := `^ml\.([a-z]+[0-9]+[a-z]*d[a-z]*|g5|g6|g6e|p5|p5e|p5en|trn1|trn1n|trn2|inf2)\.`

_cannot_take_key(r) if {
	r.type == "aws_sagemaker_endpoint_configuration"
	some v in object.get(lib.after(r), "production_variants", [])
	regex.match(_nvme_type, object.get(v, "instance_type", ""))
}

_cannot_take_key(r) if {
	r.type == "aws_sagemaker_endpoint_configuration"
	variants := object.get(lib.after(r), "production_variants", [])
	count(variants) > 0
	every v in variants {
		count(object.get(v, "serverless_config", [])) > 0
	}
}
