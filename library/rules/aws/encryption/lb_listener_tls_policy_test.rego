package tfgate.rules.aws.encryption.lb_listener_tls_policy_test

import data.tfgate.rules.aws.encryption.lb_listener_tls_policy as rule
import data.tfgate.test

listener(proto, policy) := test.res("aws_lb_listener", "l", {"protocol": proto, "port": 443, "ssl_policy": policy})

test_old_policy_denied if {
	rule.deny == {{
		"resource": "aws_lb_listener.l",
		"message": "aws_lb_listener.l uses TLS policy \"ELBSecurityPolicy-2016-08\", which accepts protocols older than TLS 1.2 (or is not an allowed policy)",
		"attribute": "ssl_policy",
	}} with input as test.doc([listener("HTTPS", "ELBSecurityPolicy-2016-08")])
}

test_weak_policies_denied if {
	every p in ["ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-2018-06", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-TLS13-1-0-2021-06", "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04"] {
		count(rule.deny) == 1 with input as test.doc([listener("TLS", p)])
	}
}

test_modern_policies_allowed if {
	every p in ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"] {
		count(rule.deny) == 0 with input as test.doc([listener("HTTPS", p)])
	}
}

test_allowed_policies_parameter if {
	count(rule.deny) == 1 with input as test.doc([listener("HTTPS", "ELBSecurityPolicy-TLS-1-2-2017-01")])
		with data.tfgate.params as {"lb_allowed_ssl_policies": ["ELBSecurityPolicy-TLS13-1-3-2021-06"]}
	count(rule.deny) == 0 with input as test.doc([listener("HTTPS", "ELBSecurityPolicy-TLS13-1-3-2021-06")])
		with data.tfgate.params as {"lb_allowed_ssl_policies": ["ELBSecurityPolicy-TLS13-1-3-2021-06"]}
}

test_http_not_checked if {
	count(rule.deny) == 0 with input as test.doc([listener("HTTP", "ELBSecurityPolicy-2016-08")])
	count(rule.unknown) == 0 with input as test.doc([test.res("aws_lb_listener", "l", {"protocol": "TCP"})])
}

test_unknown_policy_is_indeterminate if {
	l := test.with_unknown(test.res("aws_lb_listener", "l", {"protocol": "HTTPS"}), {"ssl_policy": true})
	count(rule.deny) == 0 with input as test.doc([l])
	count(rule.unknown) == 1 with input as test.doc([l])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(listener("HTTPS", "ELBSecurityPolicy-2016-08"))])
}
