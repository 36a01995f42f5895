package tfgate.rules.google.exposure.sql_public_ip_test

import data.tfgate.rules.google.exposure.sql_public_ip as rule
import data.tfgate.test

sql(ip) := test.google_res("google_sql_database_instance", "db", {"region": "europe-west1", "settings": [{"tier": "db-f1-micro", "ip_configuration": ip}]})

test_public_ip_denied if {
	rule.deny == {{"resource": "google_sql_database_instance.db", "message": "google_sql_database_instance.db has a public IP address (ipv4_enabled = true)", "attribute": "settings[0].ip_configuration[0].ipv4_enabled"}} with input as test.doc([sql([{"ipv4_enabled": true}])])
}

test_default_is_public if {
	rule.deny == {{"resource": "google_sql_database_instance.db", "message": "google_sql_database_instance.db has a public IP address (ipv4_enabled is not set false; it defaults to true)", "attribute": "settings[0]"}} with input as test.doc([sql([])])
	# A plan: ip_configuration computed and not written.
	u := test.with_unknown(sql(null), {"settings": [{"ip_configuration": true}]})
	count(rule.deny) == 1 with input as test.doc([u])
}

test_private_passes if {
	count(rule.deny) == 0 with input as test.doc([sql([{"ipv4_enabled": false, "private_network": "projects/p/global/networks/vpc"}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(sql([{"ipv4_enabled": null}]), {"settings": [{"ip_configuration": [{"ipv4_enabled": true}]}]}), {"references": {"settings.ip_configuration.ipv4_enabled": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sql([]))])
}
