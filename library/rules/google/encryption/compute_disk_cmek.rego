# METADATA
# title: Compute Engine disks must use a customer-managed or customer-supplied key (where required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared
#   with Azure) is true, every persistent disk Terraform creates must be
#   encrypted with a key the customer controls: a Cloud KMS key
#   (`kms_key_self_link`) or a customer-supplied key (CSEK: `raw_key` /
#   `rsa_encrypted_key`, `disk_encryption_key_raw`,
#   `disk_encryption_key_rsa`). Unset or false, the rule reports nothing.
#
#   Checked: google_compute_disk and google_compute_region_disk
#   (`disk_encryption_key`), the boot disk a google_compute_instance
#   creates (`boot_disk` without `source`: a boot disk attached from an
#   existing google_compute_disk is judged on that disk, and
#   `attached_disk` blocks likewise), and the disks of
#   google_compute_instance_template / google_compute_region_instance_template
#   (`disk` blocks without `source`).
#
#   Passes: a key named by a known value, a sensitive (redacted) raw key,
#   or a value known only after apply that refers to a resource (a
#   google_kms_crypto_key of the same change). Fails: no key (the
#   provider computes kms_key_self_link, so an unwritten key shows as known
#   only after apply in a plan: that is Google's default encryption, not an
#   open question). Indeterminate: a key written as a value known only after
#   apply that refers to nothing (in configuration input, a variable given
#   no value).
# custom:
#   id: TFG-GCP-ENC-003
#   severity: medium
#   family: encryption
#   resource_types: [google_compute_disk, google_compute_region_disk, google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   frameworks:
#     cis-gcp-foundations-v3.0.0: ["4.7"]
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Set `disk_encryption_key { kms_key_self_link = google_kms_crypto_key.x.id }`
#     on disks, `boot_disk { kms_key_self_link = ... }` on instances and
#     `disk { disk_encryption_key { kms_key_self_link = ... } }` in
#     templates, and grant the Compute Engine service agent
#     roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.
package tfgate.rules.google.encryption.compute_disk_cmek

import data.tfgate.lib

# _disks: [resource, path of the block, [key attributes]] for every disk
# created, built once.
_disks := array.concat(array.concat(_standalone, _boot), _template)

_standalone := [[r, ["disk_encryption_key", 0], ["kms_key_self_link", "raw_key", "rsa_encrypted_key"]] |
	some r in lib.google_resources_of_types(["google_compute_disk", "google_compute_region_disk"])
]

_boot := [[r, ["boot_disk", 0], ["kms_key_self_link", "disk_encryption_key_raw", "disk_encryption_key_rsa"]] |
	some r in lib.resources_of_type("google_compute_instance")
	not _has_source(r, ["boot_disk", 0, "source"])
]

_template := [[r, ["disk", i, "disk_encryption_key", 0], ["kms_key_self_link"]] |
	some r in lib.google_resources_of_types(["google_compute_instance_template", "google_compute_region_instance_template"])
	some i, d in object.get(lib.after(r), "disk", [])
	not _has_source(r, ["disk", i, "source"])
]

# An existing disk attached by `source` (known, or written as a reference).
_has_source(r, path) if {
	v := object.get(lib.after(r), path, null)
	is_string(v)
	v != ""
}

_has_source(r, path) if {
	lib.is_unknown(r, path)
	lib.written(r, path)
}

_keyed(r, path, attrs) if {
	some a in attrs
	lib.google_key_named(r, array.concat(path, [a]))
}

_open(r, path, attrs) if {
	some a in attrs
	lib.google_key_open(r, array.concat(path, [a]))
}

_open(r, path, _) if {
	lib.is_unknown(r, path)
	lib.written(r, path)
}

# Where the missing key belongs: its attribute when known, else the block
# (a plan shows the computed key as unknown), else the template's disk
# block, else the resource.
_attr(r, path) := lib.attr_path(array.concat(path, ["kms_key_self_link"])) if {
	object.get(lib.after(r), path, null) != null
	not lib.is_unknown(r, array.concat(path, ["kms_key_self_link"]))
} else := lib.attr_path(path) if {
	object.get(lib.after(r), path, null) != null
} else := lib.attr_path(array.slice(path, 0, 2)) if {
	count(path) > 2
	object.get(lib.after(r), array.slice(path, 0, 2), null) != null
} else := ""

deny contains lib.entry(r, msg, _attr(r, path)) if {
	lib.google_require_cmek
	some [r, path, attrs] in _disks
	not _keyed(r, path, attrs)
	not _open(r, path, attrs)
	msg := sprintf("%s: %s is encrypted with a Google-managed key (no customer-managed or customer-supplied key)", [r.address, _what(r, path)])
}

unknown contains lib.entry(r, msg, lib.attr_path(path)) if {
	lib.google_require_cmek
	some [r, path, attrs] in _disks
	not _keyed(r, path, attrs)
	_open(r, path, attrs)
	msg := sprintf("%s: the encryption key of %s is known only after apply", [r.address, _what(r, path)])
}

_what(r, _) := "the disk" if r.type in {"google_compute_disk", "google_compute_region_disk"}

_what(r, path) := "its boot disk" if path[0] == "boot_disk"

_what(r, path) := sprintf("disk %d", [path[1]]) if path[0] == "disk"
