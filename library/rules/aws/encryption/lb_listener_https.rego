# METADATA
# title: Load-balancer listeners must not serve clear-text HTTP
# description: |
#   An aws_lb_listener (or aws_alb_listener) with `protocol = "HTTP"` fails
#   unless one of its `default_action` blocks redirects to HTTPS (`type =
#   "redirect"` with `redirect.protocol = "HTTPS"`), the usual port-80
#   listener of an HTTPS site. A Classic Load Balancer (aws_elb) fails for
#   each `listener` whose `lb_protocol` is HTTP (Classic Load Balancers
#   cannot redirect). TCP, UDP and GENEVE listeners are not findings: the
#   load balancer does not see the payload, which may be TLS ended at the
#   targets. A protocol or redirect protocol known only after apply is
#   indeterminate. Classic listeners are reported on the `listener`
#   attribute because Terraform stores them as a set, whose order in a plan
#   is not the order of the source.
# custom:
#   id: TFG-AWS-ENC-039
#   severity: high
#   family: encryption
#   resource_types: [aws_lb_listener, aws_alb_listener, aws_elb]
#   frameworks:
#     nist-800-53: ["SC-8", "SC-8(1)", "SC-23"]
#     aws-fsbp: ["ELB.1", "ELB.3"]
#   remediation: |
#     Serve HTTPS (`protocol = "HTTPS"`, `certificate_arn`, a TLS 1.2+
#     `ssl_policy`), and make the HTTP listener's default action a redirect:
#     `default_action { type = "redirect"  redirect { protocol = "HTTPS"
#     port = "443"  status_code = "HTTP_301" } }`.
package tfgate.rules.aws.encryption.lb_listener_https

import data.tfgate.lib

_listener_types := ["aws_lb_listener", "aws_alb_listener"]

_listeners := [r |
	some t in _listener_types
	some r in lib.resources_of_type(t)
]

_actions(r) := a if {
	a := object.get(lib.after(r), "default_action", [])
	is_array(a)
} else := []

_redirects_to_https(r) if {
	some a in _actions(r)
	object.get(a, "type", "") == "redirect"
	object.get(a, ["redirect", 0, "protocol"], "") == "HTTPS"
}

_redirect_unknown(r) if {
	some i, a in _actions(r)
	object.get(a, "type", "") == "redirect"
	lib.is_unknown(r, ["default_action", i, "redirect", 0, "protocol"])
}

_redirect_unknown(r) if lib.is_unknown(r, ["default_action"])

deny contains lib.entry(r, msg, "protocol") if {
	some r in _listeners
	upper(object.get(lib.after(r), "protocol", "")) == "HTTP"
	not _redirects_to_https(r)
	not _redirect_unknown(r)
	msg := sprintf("%s serves clear-text HTTP on port %v and does not redirect to HTTPS", [r.address, object.get(lib.after(r), "port", "?")])
}

unknown contains lib.entry(r, msg, "protocol") if {
	some r in _listeners
	lib.is_unknown(r, ["protocol"])
	msg := sprintf("%s: its protocol is known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "default_action") if {
	some r in _listeners
	upper(object.get(lib.after(r), "protocol", "")) == "HTTP"
	not _redirects_to_https(r)
	_redirect_unknown(r)
	msg := sprintf("%s serves HTTP and whether its default action redirects to HTTPS is known only after apply", [r.address])
}

# Classic Load Balancers: one finding per clear-text HTTP listener.
deny contains lib.entry(r, msg, "listener") if {
	some r in lib.resources_of_type("aws_elb")
	some l in object.get(lib.after(r), "listener", [])
	lower(object.get(l, "lb_protocol", "")) == "http"
	msg := sprintf("%s has a clear-text HTTP listener on port %v", [r.address, object.get(l, "lb_port", "?")])
}

unknown contains lib.entry(r, msg, "listener") if {
	some r in lib.resources_of_type("aws_elb")
	lib.unknown_within(r, ["listener"])
	_elb_protocol_unknown(r)
	msg := sprintf("%s: the protocol of a listener is known only after apply", [r.address])
}

_elb_protocol_unknown(r) if lib.is_unknown(r, ["listener"])

_elb_protocol_unknown(r) if {
	some i, _ in object.get(r.unknown, "listener", [])
	lib.is_unknown(r, ["listener", i, "lb_protocol"])
}
