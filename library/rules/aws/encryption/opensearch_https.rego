# METADATA
# title: OpenSearch and Elasticsearch domains must require HTTPS with TLS 1.2
# description: |
#   The `domain_endpoint_options` of an aws_opensearch_domain or
#   aws_elasticsearch_domain must set `enforce_https = true` and a
#   `tls_security_policy` of the Policy-Min-TLS-1-2-* family
#   (Policy-Min-TLS-1-2-2019-07, Policy-Min-TLS-1-2-PFS-2023-10).
#   `enforce_https = false` fails, and so does Policy-Min-TLS-1-0-2019-07,
#   which accepts TLS 1.0 and 1.1: one finding each. When the block or a
#   value is not known before apply (the provider leaves an unwritten block
#   to AWS), the result is indeterminate.
# custom:
#   id: TFG-AWS-ENC-046
#   severity: high
#   family: encryption
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-13", "SC-23"]
#     aws-fsbp: ["Opensearch.8", "ES.8"]
#   remediation: |
#     Add `domain_endpoint_options { enforce_https = true
#     tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }`.
package tfgate.rules.aws.encryption.opensearch_https

import data.tfgate.lib

_domains := [r |
	some t in ["aws_opensearch_domain", "aws_elasticsearch_domain"]
	some r in lib.resources_of_type(t)
]

_https := ["domain_endpoint_options", 0, "enforce_https"]

_policy := ["domain_endpoint_options", 0, "tls_security_policy"]

deny contains lib.entry(r, msg, lib.attr_path(_https)) if {
	some r in _domains
	lib.is_false(r, _https)
	msg := sprintf("%s accepts clear-text HTTP (domain_endpoint_options.enforce_https = false)", [r.address])
}

deny contains lib.entry(r, msg, lib.attr_path(_policy)) if {
	some r in _domains
	p := object.get(lib.after(r), _policy, null)
	is_string(p)
	not startswith(p, "Policy-Min-TLS-1-2-")
	msg := sprintf("%s accepts TLS versions older than 1.2 (tls_security_policy %q)", [r.address, p])
}

unknown contains lib.entry(r, msg, "domain_endpoint_options") if {
	some r in _domains
	some path in [_https, _policy]
	not _known(r, path)
	msg := sprintf("%s: whether it enforces HTTPS with TLS 1.2 is known only after apply (domain_endpoint_options not set: AWS decides)", [r.address])
}

_known(r, path) if is_boolean(object.get(lib.after(r), path, null))

_known(r, path) if is_string(object.get(lib.after(r), path, null))
