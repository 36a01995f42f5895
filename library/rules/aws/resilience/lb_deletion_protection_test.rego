package tfgate.rules.aws.resilience.lb_deletion_protection_test

import data.tfgate.rules.aws.resilience.lb_deletion_protection as rule
import data.tfgate.test

on := {"require_deletion_protection": true}

test_unprotected_denied if {
	r := test.res("aws_lb", "lb", {"enable_deletion_protection": false, "load_balancer_type": "application"})
	rule.deny == {{"resource": "aws_lb.lb", "message": "aws_lb.lb has no deletion protection (enable_deletion_protection = false)", "attribute": "enable_deletion_protection"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_alb_alias_unset_denied if {
	r := test.res("aws_alb", "lb", {})
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as on
}

test_protected_allowed if {
	r := test.res("aws_lb", "lb", {"enable_deletion_protection": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_lb", "lb", {}), {"enable_deletion_protection": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_lb", "lb", {"enable_deletion_protection": false}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_lb", "lb", {"enable_deletion_protection": false})
	count(rule.deny) == 0 with input as test.doc([r])
}
