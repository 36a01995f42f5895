# METADATA
# title: Queues must be encrypted with a customer-managed key
# description: |
#   Fails when an aws_sqs_queue has no kms_master_key_id (SQS-managed
#   encryption keeps the key with AWS). Passes when kms_master_key_id is
#   set. Indeterminate when the key is known only after apply.
# custom:
#   id: ACME-SQS-001
#   severity: medium
#   family: encryption
#   resource_types: [aws_sqs_queue]
#   frameworks: {nist-800-53: ["SC-28"]}
#   remediation: Set kms_master_key_id to a KMS key you control.
package tfgate.rules.acme.encryption.queue_cmk

import data.tfgate.lib

# Style 1, tfgate's own: deny and unknown sets over the whole document,
# read through the lib helpers.
deny contains lib.entry(r, sprintf("%s has no customer-managed key", [r.address]), "kms_master_key_id") if {
	some r in lib.resources_of_type("aws_sqs_queue")
	not lib.has_value(r, ["kms_master_key_id"])
	not lib.is_unknown(r, ["kms_master_key_id"])
}

unknown contains lib.entry(r, sprintf("%s: its key is known only after apply", [r.address]), "kms_master_key_id") if {
	some r in lib.resources_of_type("aws_sqs_queue")
	lib.is_unknown(r, ["kms_master_key_id"])
}
