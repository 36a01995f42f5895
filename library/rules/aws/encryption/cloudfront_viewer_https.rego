# METADATA
# title: CloudFront distributions must require HTTPS from viewers
# description: |
#   Every cache behaviour of an aws_cloudfront_distribution, the
#   `default_cache_behavior` and each `ordered_cache_behavior`, must set
#   `viewer_protocol_policy` to "redirect-to-https" or "https-only";
#   "allow-all" serves the path over clear-text HTTP and fails, one finding
#   per behaviour. A policy known only after apply is indeterminate.
# custom:
#   id: TFG-AWS-ENC-041
#   severity: high
#   family: encryption
#   resource_types: [aws_cloudfront_distribution]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-23"]
#     aws-fsbp: ["CloudFront.3"]
#   remediation: |
#     Set `viewer_protocol_policy = "redirect-to-https"` (or "https-only") in
#     every cache behaviour.
package tfgate.rules.aws.encryption.cloudfront_viewer_https

import data.tfgate.lib

_behaviours := ["default_cache_behavior", "ordered_cache_behavior"]

deny contains lib.entry(r, msg, lib.attr_path([b, i, "viewer_protocol_policy"])) if {
	some r in lib.resources_of_type("aws_cloudfront_distribution")
	some b in _behaviours
	some i, cb in object.get(lib.after(r), b, [])
	object.get(cb, "viewer_protocol_policy", "") == "allow-all"
	msg := sprintf("%s allows clear-text HTTP (viewer_protocol_policy \"allow-all\") in its %s", [r.address, _name(b, cb)])
}

unknown contains lib.entry(r, msg, lib.attr_path([b, i, "viewer_protocol_policy"])) if {
	some r in lib.resources_of_type("aws_cloudfront_distribution")
	some b in _behaviours
	some i, cb in object.get(lib.after(r), b, [])
	lib.is_unknown(r, [b, i, "viewer_protocol_policy"])
	msg := sprintf("%s: the viewer protocol policy of its %s is known only after apply", [r.address, _name(b, cb)])
}

_name("default_cache_behavior", _) := "default cache behaviour"

_name("ordered_cache_behavior", cb) := sprintf("cache behaviour for %q", [p]) if {
	p := object.get(cb, "path_pattern", null)
	is_string(p)
} else := "ordered cache behaviour"
