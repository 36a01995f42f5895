# METADATA
# title: Queues must be named with a prefix
# custom:
#   id: ACME-001
#   severity: critical
#   family: naming
package tfgate.rules.acme.naming.queue_prefix

import data.tfgate.lib

deny contains lib.entry(r, sprintf("%s is not prefixed", [r.address]), "name") if {
	some r in lib.resources_of_type("aws_sqs_queue")
	not startswith(object.get(r.after, "name", ""), "acme-")
}
