# METADATA
# title: OpenSearch and Elasticsearch domains must encrypt data at rest
# description: |
#   Encryption at rest covers indices, logs, swap files and automated
#   snapshots. An aws_opensearch_domain or aws_elasticsearch_domain passes
#   when `encrypt_at_rest.enabled` is true and fails when it is false. When
#   the block is not written the provider leaves it to AWS (the plan knows
#   it only after apply): indeterminate, as is a flag known only after
#   apply.
# custom:
#   id: TFG-AWS-ENC-044
#   severity: high
#   family: encryption
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
#   frameworks:
#     nist-800-53: ["SC-28", "SC-12"]
#     aws-fsbp: ["Opensearch.1", "ES.1"]
#   remediation: |
#     Add `encrypt_at_rest { enabled = true  kms_key_id = aws_kms_key.x.arn }`
#     (on an existing domain this may replace the domain, depending on the
#     engine version).
package tfgate.rules.aws.encryption.opensearch_at_rest

import data.tfgate.lib

_domains := [r |
	some t in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some r in lib.resources_of_type(t)
]

_path := ["encrypt_at_rest", 0, "enabled"]

deny contains lib.entry(r, msg, "encrypt_at_rest[0].enabled") if {
	some r in _domains
	lib.is_false(r, _path)
	msg := sprintf("%s does not encrypt data at rest (encrypt_at_rest.enabled = false)", [r.address])
}

unknown contains lib.entry(r, msg, "encrypt_at_rest") if {
	some r in _domains
	not lib.is_false(r, _path)
	not lib.is_true(r, _path)
	msg := sprintf("%s: whether it will encrypt data at rest is known only after apply (encrypt_at_rest not set: AWS decides)", [r.address])
}
