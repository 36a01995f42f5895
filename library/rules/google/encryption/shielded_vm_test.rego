package tfgate.rules.google.encryption.shielded_vm_test

import data.tfgate.rules.google.encryption.shielded_vm as rule
import data.tfgate.test

vm(cfg) := test.google_res("google_compute_instance", "vm", {"zone": "europe-west1-b", "shielded_instance_config": cfg})

test_no_block_fails_on_secure_boot if {
	rule.deny == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm is not a Shielded VM: Secure Boot is disabled (enable_secure_boot = false, the default)", "attribute": "shielded_instance_config"}} with input as test.doc([vm([])])
	# A plan where the block is computed and not written.
	u := test.with_unknown(vm(null), {"shielded_instance_config": true})
	rule.deny == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm is not a Shielded VM: Secure Boot is disabled (enable_secure_boot = false, the default)", "attribute": ""}} with input as test.doc([u])
}

test_disabled_features_denied if {
	got := {d.attribute | some d in rule.deny} with input as test.doc([vm([{"enable_secure_boot": true, "enable_vtpm": false, "enable_integrity_monitoring": false}])])
	got == {"shielded_instance_config[0].enable_vtpm", "shielded_instance_config[0].enable_integrity_monitoring"}
}

test_all_enabled_passes if {
	count(rule.deny) == 0 with input as test.doc([vm([{"enable_secure_boot": true, "enable_vtpm": true, "enable_integrity_monitoring": true}])])
	# vTPM and integrity monitoring default to true.
	count(rule.deny) == 0 with input as test.doc([vm([{"enable_secure_boot": true}])])
}

test_written_unknown_is_indeterminate if {
	u := test.google_with(test.with_unknown(vm([{"enable_secure_boot": null}]), {"shielded_instance_config": [{"enable_secure_boot": true}]}), {"references": {"shielded_instance_config.enable_secure_boot": ["terraform_data.x"]}})
	count(rule.deny) == 0 with input as test.doc([u])
	rule.unknown == {{"resource": "google_compute_instance.vm", "message": "google_compute_instance.vm: whether Secure Boot is enabled is known only after apply", "attribute": "shielded_instance_config[0].enable_secure_boot"}} with input as test.doc([u])
}

test_template_checked if {
	t := test.google_res("google_compute_instance_template", "t", {"shielded_instance_config": [{"enable_secure_boot": false}]})
	some d in rule.deny with input as test.doc([t])
	d.attribute == "shielded_instance_config[0].enable_secure_boot"
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(vm([]))])
}
