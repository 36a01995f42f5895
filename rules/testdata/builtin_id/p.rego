# METADATA
# title: Takes a built-in id
# custom:
#   id: TFG-AWS-EGRESS-001
#   severity: low
#   resource_types: [aws_sqs_queue]
package acme.builtin_id

default allow := true
