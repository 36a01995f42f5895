package tfgate.rules.google.exposure.instance_external_ip_test

import data.tfgate.rules.google.exposure.instance_external_ip as rule
import data.tfgate.test

vm(nics) := test.google_res("google_compute_instance", "vm", {"zone": "europe-west1-b", "network_interface": nics})

test_access_config_denied if {
	rule.deny == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm has an external IP address (network_interface[0].access_config)", "attribute": "network_interface[0].access_config"}} with input as test.doc([vm([{"network": "default", "access_config": [{}]}])])
}

test_ipv6_and_template_denied if {
	count(rule.deny) == 1 with input as test.doc([vm([{"network": "default", "access_config": []}, {"network": "n2", "ipv6_access_config": [{"network_tier": "PREMIUM"}]}])])
	t := test.google_res("google_compute_instance_template", "t", {"network_interface": [{"network": "default", "access_config": [{"nat_ip": "203.0.113.7"}]}]})
	count(rule.deny) == 1 with input as test.doc([t])
}

test_internal_only_passes if {
	count(rule.deny) == 0 with input as test.doc([vm([{"network": "default", "access_config": []}])])
	count(rule.deny) == 0 with input as test.doc([vm([{"subnetwork": "s"}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(vm([{"network": "default", "access_config": null}]), {"network_interface": [{"access_config": true}]}), {"location": {"attributes": {"network_interface[0].access_config": {"start_line": 9}}}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(vm([{"network": "default", "access_config": [{}]}]))])
}
