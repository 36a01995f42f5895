# METADATA
# title: Load balancers must have deletion protection
# description: |
#   Guardrail for load balancers, switched on by the
#   `require_deletion_protection` parameter (bool): until it is set the rule
#   is reported as not evaluated, and with `false` it reports nothing. An
#   aws_lb (or aws_alb) of any type (application, network, gateway) fails
#   without `enable_deletion_protection = true`: deleting a load balancer
#   loses its DNS name, which clients and DNS records point at. The
#   attribute defaults to false, so an unset value fails. A load balancer
#   with `enable_deletion_protection = true` passes. A value known only
#   after apply is indeterminate. Classic load balancers (aws_elb) have no
#   such setting and are not checked. Resources outside the optional
#   `guardrail_scope_tags` parameter (an object of tag key to a value or a
#   list of values, matched against effective tags; unset: every resource is
#   in scope) are not checked, and one whose scope tag is known only after
#   apply is indeterminate instead of failing.
# custom:
#   id: TFG-AWS-RES-006
#   severity: low
#   family: resilience
#   resource_types: [aws_lb, aws_alb]
#   frameworks:
#     nist-800-53: ["CM-3", "SC-5(2)"]
#     aws-fsbp: ["ELB.6"]
#   params: [require_deletion_protection]
#   remediation: |
#     Set `enable_deletion_protection = true` on the load balancer.
package tfgate.rules.aws.resilience.lb_deletion_protection

import data.tfgate.lib

_on if lib.param("require_deletion_protection") == true

_types := ["aws_lb", "aws_alb"]

# Guardrail scope (lib.in_scope, lib.maybe_in_scope): the rule builds
# _fail and _indeterminate, sets of [resource, message, attribute], and these
# outputs keep what is in scope.

deny contains lib.entry(f[0], f[1], f[2]) if {
	some f in _fail
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], f[1], f[2]) if {
	some f in _indeterminate
	lib.in_scope(f[0])
}

unknown contains lib.entry(f[0], sprintf("%s (whether it is in guardrail_scope_tags is known only after apply)", [f[1]]), f[2]) if {
	some f in _fail | _indeterminate
	lib.maybe_in_scope(f[0])
}

_fail contains [r, msg, "enable_deletion_protection"] if {
	_on
	some t in _types
	some r in lib.resources_of_type(t)
	not lib.is_true(r, ["enable_deletion_protection"])
	not lib.is_unknown(r, ["enable_deletion_protection"])
	v := object.get(lib.after(r), "enable_deletion_protection", null)
	msg := sprintf("%s has no deletion protection (enable_deletion_protection %s)", [r.address, _shown(v)])
}

_indeterminate contains [r, msg, "enable_deletion_protection"] if {
	_on
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, ["enable_deletion_protection"])
	msg := sprintf("%s: enable_deletion_protection is known only after apply", [r.address])
}

_shown(null) := "is not set"

_shown(v) := sprintf("= %v", [v]) if v != null
