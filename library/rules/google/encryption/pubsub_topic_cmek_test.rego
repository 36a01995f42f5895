package tfgate.rules.google.encryption.pubsub_topic_cmek_test

import data.tfgate.rules.google.encryption.pubsub_topic_cmek as rule
import data.tfgate.test

topic(after) := test.google_res("google_pubsub_topic", "t", object.union({"name": "t"}, after))

test_no_key_denied if {
	rule.deny == {{"resource": "google_pubsub_topic.t", "message": "google_pubsub_topic.t has no customer-managed encryption key (kms_key_name is not set)", "attribute": ""}} with input as test.doc([topic({})])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_key_passes if {
	count(rule.deny) == 0 with input as test.doc([topic({"kms_key_name": "projects/p/locations/global/keyRings/r/cryptoKeys/k"})]) with data.tfgate.params.require_customer_managed_keys as true
}

test_variable_key_is_indeterminate if {
	v := test.google_with(test.with_unknown(topic({"kms_key_name": null}), {"kms_key_name": true}), {"location": {"attributes": {"kms_key_name": {"start_line": 2}}}})
	count(rule.deny) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.unknown) == 1 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
}

test_not_required_reports_nothing if {
	count(rule.deny) == 0 with input as test.doc([topic({})]) with data.tfgate.params as {}
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(topic({}))]) with data.tfgate.params.require_customer_managed_keys as true
}
