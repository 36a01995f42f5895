package tfgate.rules.google.encryption.sql_ssl_test

import data.tfgate.rules.google.encryption.sql_ssl as rule
import data.tfgate.test

sql(ip) := test.google_res("google_sql_database_instance", "db", {"region": "europe-west1", "database_version": "POSTGRES_16", "settings": [{"tier": "db-f1-micro", "ip_configuration": ip}]})

test_allow_unencrypted_denied if {
	rule.deny == {{"resource": "google_sql_database_instance.db", "message": "google_sql_database_instance.db accepts unencrypted connections (ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\")", "attribute": "settings[0].ip_configuration[0].ssl_mode"}} with input as test.doc([sql([{"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}])])
}

test_unset_denied if {
	rule.deny == {{"resource": "google_sql_database_instance.db", "message": "google_sql_database_instance.db accepts unencrypted connections (neither ssl_mode nor require_ssl is set: Cloud SQL's default ALLOW_UNENCRYPTED_AND_ENCRYPTED)", "attribute": "settings[0]"}} with input as test.doc([sql([])])
	# A plan: ssl_mode computed and unknown, not written; require_ssl false.
	u := test.with_unknown(sql([{"require_ssl": false, "ssl_mode": null}]), {"settings": [{"ip_configuration": [{"ssl_mode": true}]}]})
	some d in rule.deny with input as test.doc([u])
	d.attribute == "settings[0].ip_configuration[0].require_ssl"
}

test_encrypted_passes if {
	count(rule.deny) == 0 with input as test.doc([sql([{"ssl_mode": "ENCRYPTED_ONLY"}])])
	count(rule.deny) == 0 with input as test.doc([sql([{"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}])])
	count(rule.deny) == 0 with input as test.doc([sql([{"require_ssl": true}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(sql([{"ssl_mode": null}]), {"settings": [{"ip_configuration": [{"ssl_mode": true}]}]}), {"references": {"settings.ip_configuration.ssl_mode": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	count(rule.unknown) == 1 with input as test.doc([u])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(sql([]))])
}
