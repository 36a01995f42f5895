# METADATA
# title: CloudFront distributions with their own certificate must require TLS 1.2 (TLSv1.2_2021 or newer)
# description: |
#   An aws_cloudfront_distribution that serves its own certificate
#   (`viewer_certificate` with `acm_certificate_arn` or
#   `iam_certificate_id`) must set `minimum_protocol_version` to
#   TLSv1.2_2021 or a newer policy (TLSv1.2_2025, TLSv1.3_2025). Older
#   policies fail: SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016, and also
#   TLSv1.2_2018 and TLSv1.2_2019, which allow TLS 1.2 with CBC ciphers.
#   Unset, the provider sends TLSv1, which fails. A version known only
#   after apply is indeterminate. Distributions on CloudFront's default
#   certificate (`cloudfront_default_certificate = true`, *.cloudfront.net)
#   pass: AWS fixes their security policy and no setting can change it (AWS
#   FSBP CloudFront.15 and trivy do not evaluate them either). Optional
#   parameter `cloudfront_default_certificate_fails` (boolean, default
#   false): when true, such distributions fail, asking for a custom domain
#   and certificate.
# custom:
#   id: TFG-AWS-ENC-042
#   severity: medium
#   family: encryption
#   resource_types: [aws_cloudfront_distribution]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-13", "SC-23"]
#     aws-fsbp: ["CloudFront.15"]
#   remediation: |
#     Set `viewer_certificate { minimum_protocol_version = "TLSv1.2_2021"
#     ssl_support_method = "sni-only" ... }`.
package tfgate.rules.aws.encryption.cloudfront_tls_version

import data.tfgate.lib

_modern := {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"}

_cert_path := ["viewer_certificate", 0]

_default_certificate(r) if lib.is_true(r, array.concat(_cert_path, ["cloudfront_default_certificate"]))

_default_certificate_fails if lib.param("cloudfront_default_certificate_fails") == true

_version_path := array.concat(_cert_path, ["minimum_protocol_version"])

deny contains lib.entry(r, msg, lib.attr_path(_version_path)) if {
	some r in lib.resources_of_type("aws_cloudfront_distribution")
	not _default_certificate(r)
	not lib.is_unknown(r, _version_path)
	not lib.is_unknown(r, array.concat(_cert_path, ["cloudfront_default_certificate"]))
	count(object.get(lib.after(r), "viewer_certificate", [])) > 0
	v := object.get(lib.after(r), _version_path, null)
	not v in _modern
	msg := sprintf("%s accepts viewers with TLS older than the TLSv1.2_2021 policy (minimum_protocol_version %s)", [r.address, _shown(v)])
}

deny contains lib.entry(r, msg, lib.attr_path(array.concat(_cert_path, ["cloudfront_default_certificate"]))) if {
	_default_certificate_fails
	some r in lib.resources_of_type("aws_cloudfront_distribution")
	_default_certificate(r)
	msg := sprintf("%s uses CloudFront's default certificate, whose security policy (TLSv1) cannot be raised: serve a custom domain with its own certificate", [r.address])
}

unknown contains lib.entry(r, msg, lib.attr_path(_version_path)) if {
	some r in lib.resources_of_type("aws_cloudfront_distribution")
	not _default_certificate(r)
	not object.get(lib.after(r), _version_path, null) in _modern
	some attr in ["minimum_protocol_version", "cloudfront_default_certificate"]
	lib.is_unknown(r, array.concat(_cert_path, [attr]))
	msg := sprintf("%s: its minimum viewer TLS version is known only after apply", [r.address])
}

_shown(v) := "not set, TLSv1" if v == null

else := sprintf("%q", [v])
