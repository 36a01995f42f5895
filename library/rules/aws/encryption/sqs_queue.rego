# METADATA
# title: SQS queues must not turn server-side encryption off
# description: |
#   Since October 2022 SQS encrypts every new queue with SSE-SQS (keys SQS
#   owns) unless told not to, and the provider leaves
#   `sqs_managed_sse_enabled` computed when it is not written.
#
#   Fails: `sqs_managed_sse_enabled = false` with no `kms_master_key_id` (no
#   SSE-KMS either): the queue's messages are stored unencrypted.
#
#   Passes: a queue that says nothing (SSE-SQS by default),
#   `sqs_managed_sse_enabled = true`, and any `kms_master_key_id`, including
#   one known only after apply.
#
#   Indeterminate: `sqs_managed_sse_enabled` written as a value known only
#   after apply, without a key.
#
#   Deliberate difference: checkov (CKV_AWS_27) and trivy (AVD-AWS-0096)
#   report queues without `kms_master_key_id` or `sqs_managed_sse_enabled =
#   true`, which SSE-SQS encrypts by default; require customer-managed keys
#   with a policy of your own if you need key control.
# custom:
#   id: TFG-AWS-ENC-009
#   severity: medium
#   family: encryption
#   resource_types: [aws_sqs_queue]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-28(1)"]
#     aws-fsbp: ["SQS.1"]
#   remediation: |
#     Remove `sqs_managed_sse_enabled = false` (SSE-SQS is the default), or
#     set `kms_master_key_id` for SSE-KMS.
package tfgate.rules.aws.encryption.sqs_queue

import data.tfgate.lib

# _has_key(r): a kms_master_key_id that is not empty, or one known only
# after apply.
_has_key(r) if {
	k := r.after.kms_master_key_id
	k != null
	k != ""
}

_has_key(r) if lib.attr_unknown(r, "kms_master_key_id")

_queues := lib.resources_of_type("aws_sqs_queue")

# (The entries are lib.entry objects, written out.) Only when some queue
# sets sqs_managed_sse_enabled (lib.type_attributes: a value other than
# null) can one set it to false.
deny contains {"resource": r.address, "message": msg, "attribute": "sqs_managed_sse_enabled"} if {
	lib.type_attributes.aws_sqs_queue.sqs_managed_sse_enabled
	some r in _queues
	r.after.sqs_managed_sse_enabled == false
	not _has_key(r)
	msg := sprintf("%s turns server-side encryption off (sqs_managed_sse_enabled = false and no kms_master_key_id)", [r.address])
}

# Unknown and written: the cheaper test (written) first, since most queues
# leave the attribute computed.
unknown contains {"resource": r.address, "message": msg, "attribute": "sqs_managed_sse_enabled"} if {
	some r in _queues
	lib.attr_written(r, "sqs_managed_sse_enabled")
	lib.attr_unknown(r, "sqs_managed_sse_enabled")
	not _has_key(r)
	msg := sprintf("%s: sqs_managed_sse_enabled is known only after apply and no kms_master_key_id is set", [r.address])
}
