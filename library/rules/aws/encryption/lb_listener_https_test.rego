package tfgate.rules.aws.encryption.lb_listener_https_test

import data.tfgate.rules.aws.encryption.lb_listener_https as rule
import data.tfgate.test

listener(after) := test.res("aws_lb_listener", "l", after)

forward := [{"type": "forward", "redirect": []}]

redirect(proto) := [{"type": "redirect", "redirect": [{"protocol": proto, "port": "443", "status_code": "HTTP_301"}]}]

test_http_forward_denied if {
	rule.deny == {{
		"resource": "aws_lb_listener.l",
		"message": "aws_lb_listener.l serves clear-text HTTP on port 80 and does not redirect to HTTPS",
		"attribute": "protocol",
	}} with input as test.doc([listener({"protocol": "HTTP", "port": 80, "default_action": forward})])
}

test_alb_listener_alias_denied if {
	l := test.res("aws_alb_listener", "l", {"protocol": "HTTP", "port": 80, "default_action": forward})
	count(rule.deny) == 1 with input as test.doc([l])
}

test_redirect_to_https_allowed if {
	count(rule.deny) == 0 with input as test.doc([listener({"protocol": "HTTP", "port": 80, "default_action": redirect("HTTPS")})])
}

test_redirect_to_http_denied if {
	count(rule.deny) == 1 with input as test.doc([listener({"protocol": "HTTP", "port": 80, "default_action": redirect("#{protocol}")})])
}

test_https_tcp_allowed if {
	count(rule.deny) == 0 with input as test.doc([listener({"protocol": "HTTPS", "port": 443, "default_action": forward})])
	count(rule.deny) == 0 with input as test.doc([listener({"protocol": "TCP", "port": 5432, "default_action": forward})])
}

test_unknown_protocol_is_indeterminate if {
	l := test.with_unknown(listener({"port": 80, "default_action": forward}), {"protocol": true})
	count(rule.deny) == 0 with input as test.doc([l])
	count(rule.unknown) == 1 with input as test.doc([l])
}

test_unknown_redirect_protocol_is_indeterminate if {
	l := test.with_unknown(listener({"protocol": "HTTP", "port": 80, "default_action": [{"type": "redirect", "redirect": [{}]}]}), {"default_action": [{"redirect": [{"protocol": true}]}]})
	count(rule.deny) == 0 with input as test.doc([l])
	count(rule.unknown) == 1 with input as test.doc([l])
}

test_classic_http_listener_denied if {
	elb := test.res("aws_elb", "c", {"listener": [
		{"lb_port": 443, "lb_protocol": "https", "instance_port": 443, "instance_protocol": "https"},
		{"lb_port": 80, "lb_protocol": "http", "instance_port": 80, "instance_protocol": "http"},
	]})
	rule.deny == {{
		"resource": "aws_elb.c",
		"message": "aws_elb.c has a clear-text HTTP listener on port 80",
		"attribute": "listener",
	}} with input as test.doc([elb])
}

test_classic_ssl_tcp_allowed if {
	elb := test.res("aws_elb", "c", {"listener": [{"lb_port": 443, "lb_protocol": "SSL"}, {"lb_port": 5000, "lb_protocol": "tcp"}]})
	count(rule.deny) == 0 with input as test.doc([elb])
}

test_classic_unknown_protocol_is_indeterminate if {
	elb := test.with_unknown(test.res("aws_elb", "c", {"listener": [{"lb_port": 80}]}), {"listener": [{"lb_protocol": true}]})
	count(rule.deny) == 0 with input as test.doc([elb])
	count(rule.unknown) == 1 with input as test.doc([elb])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(listener({"protocol": "HTTP", "port": 80, "default_action": forward}))])
}
