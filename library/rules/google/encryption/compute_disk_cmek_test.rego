package tfgate.rules.google.encryption.compute_disk_cmek_test

import data.tfgate.rules.google.encryption.compute_disk_cmek as rule
import data.tfgate.test

key := "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k"

disk(enc) := test.google_res("google_compute_disk", "d", {"zone": "europe-west1-b", "disk_encryption_key": enc})

vm(boot) := test.google_res("google_compute_instance", "vm", {"zone": "europe-west1-b", "boot_disk": [boot]})

test_disk_without_key_denied if {
	rule.deny == {{"resource": "google_compute_disk.d", "message": "google_compute_disk.d: the disk is encrypted with a Google-managed key (no customer-managed or customer-supplied key)", "attribute": ""}} with input as test.doc([disk([])])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_disk_with_key_passes if {
	count(rule.deny) == 0 with input as test.doc([disk([{"kms_key_self_link": key}])]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.deny) == 0 with input as test.doc([disk([{"raw_key": "(sensitive)"}])]) with data.tfgate.params.require_customer_managed_keys as true
}

test_boot_disk_computed_key_denied if {
	# A plan: kms_key_self_link computed (unknown), not written.
	v := test.with_unknown(vm({"initialize_params": [{"image": "debian-cloud/debian-12"}]}), {"boot_disk": [{"kms_key_self_link": true, "source": true}]})
	rule.deny == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm: its boot disk is encrypted with a Google-managed key (no customer-managed or customer-supplied key)", "attribute": "boot_disk[0]"}} with input as test.doc([v])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_boot_disk_referenced_key_passes if {
	v := test.google_with(test.with_unknown(vm({}), {"boot_disk": [{"kms_key_self_link": true}]}), {"references": {"boot_disk.kms_key_self_link": ["google_kms_crypto_key.k"]}})
	count(rule.deny) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
	count(rule.unknown) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
}

test_boot_disk_from_existing_disk_not_checked if {
	count(rule.deny) == 0 with input as test.doc([vm({"source": "projects/p/zones/z/disks/d"})]) with data.tfgate.params.require_customer_managed_keys as true
}

test_variable_key_is_indeterminate if {
	v := test.google_with(test.with_unknown(vm({}), {"boot_disk": [{"kms_key_self_link": true}]}), {"location": {"attributes": {"boot_disk[0].kms_key_self_link": {"start_line": 3}}}})
	count(rule.deny) == 0 with input as test.doc([v]) with data.tfgate.params.require_customer_managed_keys as true
	rule.unknown == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm: the encryption key of its boot disk is known only after apply", "attribute": "boot_disk[0]"}} with input as test.doc([v])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_template_disks if {
	t := test.google_res("google_compute_instance_template", "t", {"disk": [{"source_image": "debian-cloud/debian-12", "disk_encryption_key": []}, {"source": "d2"}, {"disk_encryption_key": [{"kms_key_self_link": key}]}]})
	rule.deny == {{"resource": "google_compute_instance_template.t", "message": "google_compute_instance_template.t: disk 0 is encrypted with a Google-managed key (no customer-managed or customer-supplied key)", "attribute": "disk[0]"}} with input as test.doc([t])
		with data.tfgate.params.require_customer_managed_keys as true
}

test_not_required_reports_nothing if {
	count(rule.deny) == 0 with input as test.doc([disk([])]) with data.tfgate.params.require_customer_managed_keys as false
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(disk([]))]) with data.tfgate.params.require_customer_managed_keys as true
}
