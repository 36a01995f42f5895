# METADATA
# title: HTTPS and TLS load-balancer listeners must require TLS 1.2 or newer
# description: |
#   An aws_lb_listener (or aws_alb_listener) with protocol HTTPS or TLS must
#   use an `ssl_policy` whose minimum protocol is TLS 1.2: the
#   ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-* and -FS-1-2-*
#   families (AWS recommends ELBSecurityPolicy-TLS13-1-2-2021-06). Policies
#   that still accept TLS 1.0 or 1.1 fail: ELBSecurityPolicy-2016-08 (the
#   API's long-time default), -2015-05, -TLS-1-0-*, -TLS-1-1-*,
#   -FS-2018-06, -FS-1-1-*, -TLS13-1-0-* and -TLS13-1-1-*. Optional
#   parameter `lb_allowed_ssl_policies` (list of strings, default unset):
#   when set, only the policies listed pass. An `ssl_policy` known only
#   after apply, including one left unset (AWS then picks its default), is
#   indeterminate. Classic Load Balancers (aws_elb) take their TLS policy
#   from separate aws_load_balancer_policy resources and are not checked by
#   this rule.
# custom:
#   id: TFG-AWS-ENC-040
#   severity: medium
#   family: encryption
#   resource_types: [aws_lb_listener, aws_alb_listener]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-13", "SC-23"]
#     aws-fsbp: ["ELB.17"]
#   remediation: |
#     Set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"` (or another
#     TLS 1.2+ policy).
package tfgate.rules.aws.encryption.lb_listener_tls_policy

import data.tfgate.lib

_listeners := [r |
	some t in ["aws_lb_listener", "aws_alb_listener"]
	some r in lib.resources_of_type(t)
	upper(object.get(lib.after(r), "protocol", "")) in {"HTTPS", "TLS"}
]

_modern := `^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-`

_allowed(p) if {
	lib.has_param("lb_allowed_ssl_policies")
	p in lib.param("lb_allowed_ssl_policies")
}

_allowed(p) if {
	not lib.has_param("lb_allowed_ssl_policies")
	regex.match(_modern, p)
}

deny contains lib.entry(r, msg, "ssl_policy") if {
	some r in _listeners
	p := object.get(lib.after(r), "ssl_policy", null)
	is_string(p)
	not _allowed(p)
	msg := sprintf("%s uses TLS policy %q, which accepts protocols older than TLS 1.2 (or is not an allowed policy)", [r.address, p])
}

unknown contains lib.entry(r, msg, "ssl_policy") if {
	some r in _listeners
	not is_string(object.get(lib.after(r), "ssl_policy", null))
	msg := sprintf("%s: its TLS policy is known only after apply (ssl_policy unset: AWS picks its default)", [r.address])
}
