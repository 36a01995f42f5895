package tfgate.rules.google.exposure.sql_authorized_networks_test

import data.tfgate.rules.google.exposure.sql_authorized_networks as rule
import data.tfgate.test

sql(ip) := test.google_res("google_sql_database_instance", "db", {"region": "europe-west1", "settings": [{"tier": "db-f1-micro", "ip_configuration": [ip]}]})

test_internet_denied if {
	rule.deny == {{"resource": "google_sql_database_instance.db", "message": "google_sql_database_instance.db accepts connections from the internet (authorized_networks 0.0.0.0/0) on its public IP", "attribute": "settings[0].ip_configuration[0].authorized_networks"}} with input as test.doc([sql({"authorized_networks": [{"name": "all", "value": "0.0.0.0/0"}]})])
	count(rule.deny) == 1 with input as test.doc([sql({"ipv4_enabled": true, "authorized_networks": [{"value": "0.0.0.0/1"}, {"value": "128.0.0.0/1"}]})])
}

test_office_and_private_ip_pass if {
	count(rule.deny) == 0 with input as test.doc([sql({"authorized_networks": [{"value": "203.0.113.0/28"}]})])
	count(rule.deny) == 0 with input as test.doc([sql({"ipv4_enabled": false, "authorized_networks": [{"value": "0.0.0.0/0"}]})])
}

test_unknown_value_is_indeterminate if {
	u := test.google_with(test.with_unknown(sql({"authorized_networks": [{"value": null}]}), {"settings": [{"ip_configuration": [{"authorized_networks": [{"value": true}]}]}]}), {"references": {"settings.ip_configuration.authorized_networks.value": ["google_compute_address.a"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sql({"authorized_networks": [{"value": "0.0.0.0/0"}]}))])
}
