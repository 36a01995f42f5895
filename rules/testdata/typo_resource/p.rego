# METADATA
# title: Typo
# custom:
#   id: ACME-TYPO-001
#   severity: low
#   resource_types: [aws_sqs_queue]
package acme.typo

default allow := true

allow := false if {
	input.afterr.name == "x"
}
