# METADATA
# title: Compute Engine instances must run as Shielded VMs
# description: |
#   A google_compute_instance (and the instances a
#   google_compute_instance_template or
#   google_compute_region_instance_template launches) must enable all three
#   Shielded VM features in `shielded_instance_config`: Secure Boot
#   (`enable_secure_boot`, default false), the virtual TPM (`enable_vtpm`,
#   default true) and integrity monitoring (`enable_integrity_monitoring`,
#   default true). They protect the boot chain against rootkits and let
#   Google measure it. A feature left unset takes its default, so an
#   instance without the block fails on Secure Boot alone.
#
#   Fails: a feature set to false, or Secure Boot unset. Indeterminate: a
#   feature written as a value known only after apply. Shielded VM needs
#   an image that supports it (all current public images do); an instance
#   on an image that does not is still reported.
# custom:
#   id: TFG-GCP-ENC-004
#   severity: medium
#   family: encryption
#   resource_types: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["4.8"]
#     nist-800-53: ["SI-7", "SI-7(9)", "SC-34"]
#   remediation: |
#     Add `shielded_instance_config { enable_secure_boot = true
#     enable_vtpm = true  enable_integrity_monitoring = true }` (changing it
#     stops the instance; set allow_stopping_for_update = true).
package tfgate.rules.google.encryption.shielded_vm

import data.tfgate.lib

_types := ["google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"]

# feature attribute -> [default, name for messages]
_features := {
	"enable_secure_boot": [false, "Secure Boot"],
	"enable_vtpm": [true, "vTPM"],
	"enable_integrity_monitoring": [true, "integrity monitoring"],
}

_block := ["shielded_instance_config", 0]

# _value(r, f): the effective value of feature f: as written, else its
# default (block absent, attribute null, or computed and not written);
# undefined when written as a value known only after apply.
_value(r, f) := v if {
	v := object.get(lib.after(r), array.concat(_block, [f]), null)
	is_boolean(v)
} else := _features[f][0] if {
	not _written_unknown(r, f)
}

_written_unknown(r, f) if {
	path := array.concat(_block, [f])
	lib.is_unknown(r, path)
	lib.written(r, path)
}

_written_unknown(r, _) if {
	lib.is_unknown(r, ["shielded_instance_config"])
	lib.written(r, ["shielded_instance_config"])
}

_attr(r, f) := lib.attr_path(array.concat(_block, [f])) if {
	is_boolean(object.get(lib.after(r), array.concat(_block, [f]), null))
} else := "shielded_instance_config" if {
	is_array(object.get(lib.after(r), "shielded_instance_config", null))
	not lib.is_unknown(r, ["shielded_instance_config"])
} else := ""

deny contains lib.entry(r, msg, _attr(r, f)) if {
	some r in lib.google_resources_of_types(_types)
	some f, [_, name] in _features
	_value(r, f) == false
	msg := sprintf("%s is not a Shielded VM: %s is disabled (%s = false%s)", [r.address, name, f, _defaulted(r, f)])
}

_defaulted(r, f) := "" if is_boolean(object.get(lib.after(r), array.concat(_block, [f]), null))

else := ", the default"

unknown contains lib.entry(r, msg, lib.attr_path(array.concat(_block, [f]))) if {
	some r in lib.google_resources_of_types(_types)
	some f, [_, name] in _features
	not _value(r, f)
	msg := sprintf("%s: whether %s is enabled is known only after apply", [r.address, name])
}
