package acme.no_default

resource_types := ["aws_sqs_queue"]

allow if input.after.name == "x"
