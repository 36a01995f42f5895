package acme.sqs.named

resource_types := {"aws_sqs_queue"}

default allow := true

allow := false if not startswith(input.after.name, "acme-")
