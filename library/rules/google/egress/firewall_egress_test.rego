package tfgate.rules.google.egress.firewall_egress_test

import data.tfgate.rules.google.egress.firewall_egress as rule
import data.tfgate.test

fw(after) := test.google_res("google_compute_firewall", "fw", object.union({"name": "fw", "network": "default", "direction": "EGRESS"}, after))

tcp_443 := [{"protocol": "tcp", "ports": ["443"]}]

test_egress_to_internet_denied if {
	rule.deny == {{"resource": "google_compute_firewall.fw", "message": "google_compute_firewall.fw allows egress to the internet (0.0.0.0/0) on tcp:443", "attribute": "destination_ranges"}} with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["0.0.0.0/0"]})])
}

test_no_destination_is_everything if {
	rule.deny == {{"resource": "google_compute_firewall.fw", "message": "google_compute_firewall.fw allows egress to the internet (0.0.0.0/0) on all protocols and ports (no destination_ranges: every destination)", "attribute": "direction"}} with input as test.doc([fw({"allow": [{"protocol": "all"}]})])
	# A plan: destination_ranges computed and not written.
	u := test.with_unknown(fw({"allow": tcp_443, "destination_ranges": null}), {"destination_ranges": true})
	count(rule.deny) == 1 with input as test.doc([u])
}

test_halves_and_ipv6_denied if {
	count(rule.deny) == 1 with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["0.0.0.0/1", "128.0.0.0/1"]})])
	count(rule.deny) == 1 with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["::/0"]})])
}

test_private_partner_deny_ingress_pass if {
	count(rule.deny) == 0 with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["10.0.0.0/8", "203.0.113.10/32"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [], "deny": [{"protocol": "all"}], "destination_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"direction": "INGRESS", "allow": tcp_443, "source_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["0.0.0.0/0"], "disabled": true})])
}

test_allowed_egress_cidrs_param if {
	count(rule.deny) == 0 with input as test.doc([fw({"allow": tcp_443, "destination_ranges": ["0.0.0.0/0"]})]) with data.tfgate.params.allowed_egress_cidrs as ["0.0.0.0/0"]
}

test_written_unknown_ranges_indeterminate if {
	u := test.google_with(test.with_unknown(fw({"allow": tcp_443, "destination_ranges": null}), {"destination_ranges": true}), {"references": {"destination_ranges": ["google_compute_address.a"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	rule.unknown == {{"resource": "google_compute_firewall.fw", "message": "google_compute_firewall.fw: the destination ranges of its egress rule are known only after apply", "attribute": "destination_ranges"}} with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(fw({"allow": tcp_443}))])
}
