package tfgate.rules.google.exposure.firewall_ingress_restricted_ports_test

import data.tfgate.rules.google.exposure.firewall_ingress_restricted_ports as rule
import data.tfgate.test

fw(after) := test.google_res("google_compute_firewall", "fw", object.union({"name": "fw", "network": "default"}, after))

test_ssh_from_internet_denied if {
	rule.deny == {{"resource": "google_compute_firewall.fw", "message": "google_compute_firewall.fw allows ingress from the internet (0.0.0.0/0) to restricted port 22 (tcp:22,8080)", "attribute": "source_ranges"}} with input as test.doc([fw({"direction": "INGRESS", "allow": [{"protocol": "tcp", "ports": ["22", "8080"]}], "source_ranges": ["0.0.0.0/0"]})])
}

test_ranges_all_ports_and_protocol_all if {
	some d in rule.deny with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["20-24"]}], "source_ranges": ["0.0.0.0/0"]})])
	contains(d.message, "restricted ports 20, 21, 22, 23 (tcp:20-24)")
	count(rule.deny) == 1 with input as test.doc([fw({"allow": [{"protocol": "tcp"}], "source_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 1 with input as test.doc([fw({"allow": [{"protocol": "all"}], "source_ranges": ["::/0"]})])
}

test_direction_unknown_not_written_is_ingress if {
	u := test.with_unknown(fw({"direction": null, "allow": [{"protocol": "tcp", "ports": ["3389"]}], "source_ranges": ["0.0.0.0/0"]}), {"direction": true})
	count(rule.deny) == 1 with input as test.doc([u])
}

test_passing_forms if {
	# Ports not restricted, icmp, private or partner sources, tags only, egress, disabled, deny.
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["80", "443"]}, {"protocol": "icmp"}], "source_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": ["10.0.0.0/8", "35.235.240.0/20"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_tags": ["bastion"]})])
	count(rule.unknown) == 0 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_tags": ["bastion"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"direction": "EGRESS", "allow": [{"protocol": "tcp", "ports": ["22"]}], "destination_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"disabled": true, "allow": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": ["0.0.0.0/0"]})])
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [], "deny": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": ["0.0.0.0/0"]})])
}

test_restricted_ports_param if {
	count(rule.deny) == 1 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["8080"]}], "source_ranges": ["0.0.0.0/0"]})]) with data.tfgate.params.restricted_ingress_ports as [8080]
	count(rule.deny) == 0 with input as test.doc([fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": ["0.0.0.0/0"]})]) with data.tfgate.params.restricted_ingress_ports as [8080]
}

test_no_source_is_indeterminate if {
	u := test.with_unknown(fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": null}), {"source_ranges": true})
	count(rule.deny) == 0 with input as test.doc([u])
	rule.unknown == {{"resource": "google_compute_firewall.fw", "message": "google_compute_firewall.fw allows ingress to restricted port 22 and names no source: Google applies such a rule to 0.0.0.0/0 (recent providers refuse to plan it)", "attribute": ""}} with input as test.doc([u])
}

test_written_unknown_ranges_indeterminate if {
	u := test.google_with(test.with_unknown(fw({"allow": [{"protocol": "tcp", "ports": ["22"]}], "source_ranges": null}), {"source_ranges": true}), {"references": {"source_ranges": ["google_compute_address.a"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(fw({"allow": [{"protocol": "all"}], "source_ranges": ["0.0.0.0/0"]}))])
}
