# METADATA
# title: OpenSearch and Elasticsearch domains must encrypt traffic between nodes
# description: |
#   Node-to-node encryption adds TLS to the traffic between the nodes of a
#   domain. An aws_opensearch_domain or aws_elasticsearch_domain passes
#   when `node_to_node_encryption.enabled` is true and fails when it is
#   false. When the block is not written the provider leaves it to AWS (the
#   plan knows it only after apply): indeterminate, as is a flag known only
#   after apply.
# custom:
#   id: TFG-AWS-ENC-045
#   severity: medium
#   family: encryption
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)"]
#     aws-fsbp: ["Opensearch.3", "ES.3"]
#   remediation: |
#     Add `node_to_node_encryption { enabled = true }`.
package tfgate.rules.aws.encryption.opensearch_node_to_node

import data.tfgate.lib

_domains := [r |
	some t in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some r in lib.resources_of_type(t)
]

_path := ["node_to_node_encryption", 0, "enabled"]

deny contains lib.entry(r, msg, "node_to_node_encryption[0].enabled") if {
	some r in _domains
	lib.is_false(r, _path)
	msg := sprintf("%s does not encrypt traffic between its nodes (node_to_node_encryption.enabled = false)", [r.address])
}

unknown contains lib.entry(r, msg, "node_to_node_encryption") if {
	some r in _domains
	not lib.is_false(r, _path)
	not lib.is_true(r, _path)
	msg := sprintf("%s: whether it will encrypt traffic between its nodes is known only after apply (node_to_node_encryption not set: AWS decides)", [r.address])
}
