# METADATA
# title: Storage accounts must not allow anonymous public blob access
# description: |
#   An azurerm_storage_account must not let its containers and blobs be
#   made public (anonymous read): `allow_nested_items_to_be_public`
#   (azurerm 3.x and 4.x) must be false. The provider defaults it to true
#   (Azure's own API default for new accounts is false, but Terraform sends
#   true when the attribute is unset), so an account that does not set it
#   fails. In plans made by azurerm 2.x the attribute was
#   `allow_blob_public_access`, default false: true fails; a plan from a
#   provider older than either attribute (one that still has
#   `enable_https_traffic_only` and neither blob attribute) cannot tell and
#   is not reported. An azapi_resource of type
#   Microsoft.Storage/storageAccounts fails when its body sets
#   `allowBlobPublicAccess` to true (the API's default is false).
#   Indeterminate: a
#   value known only after apply. Container-level `container_access_type`
#   matters only where the account allows it, so it is not checked
#   separately.
# custom:
#   id: TFG-AZURE-EXPOSURE-003
#   severity: high
#   family: exposure
#   resource_types: [azurerm_storage_account, azapi_resource]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.17"]
#     nist-800-53: ["AC-3", "AC-14"]
#   remediation: |
#     Set `allow_nested_items_to_be_public = false`, and share data with
#     SAS tokens or Entra ID access instead of anonymous access.
package tfgate.rules.azurerm.exposure.storage_public_blob_access

import data.tfgate.lib

_legacy(r) if {
	keys := object.keys(lib.after(r))
	"allow_blob_public_access" in keys
	not "allow_nested_items_to_be_public" in keys
	not lib.unknown_within(r, ["allow_nested_items_to_be_public"])
}

# [attribute, default] in the provider version that made the document.
_attr(r) := ["allow_blob_public_access", false] if _legacy(r)

else := ["allow_nested_items_to_be_public", true]

_at(r) := a if {
	[a, _] := _attr(r)
	object.get(lib.after(r), a, null) != null
} else := ""

# A plan from an azurerm 2.x provider older than both attributes.
_predates(r) if {
	keys := object.keys(lib.after(r))
	"enable_https_traffic_only" in keys
	not "allow_blob_public_access" in keys
	not "allow_nested_items_to_be_public" in keys
	not lib.unknown_within(r, ["allow_nested_items_to_be_public"])
	not lib.unknown_within(r, ["allow_blob_public_access"])
}

deny contains lib.entry(r, msg, _at(r)) if {
	some r in lib.resources_of_type("azurerm_storage_account")
	not _predates(r)
	[a, d] := _attr(r)
	lib.azure_setting(r, [a], d) == true
	msg := sprintf("%s allows anonymous public access to its blobs and containers (%s is true%s)", [r.address, a, _unset_note(r, a)])
}

_unset_note(r, a) := "" if object.get(lib.after(r), a, null) != null

else := " by default"

unknown contains lib.entry(r, msg, a) if {
	some r in lib.resources_of_type("azurerm_storage_account")
	[a, _] := _attr(r)
	lib.azure_undetermined(r, [a])
	msg := sprintf("%s: whether it allows public blob access is known only after apply", [r.address])
}

# azapi_resource (Microsoft.Storage/storageAccounts).
deny contains lib.entry(r, msg, "body") if {
	some [r, props] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	object.get(props, "allowBlobPublicAccess", null) == true
	msg := sprintf("%s allows anonymous public access to its blobs and containers (allowBlobPublicAccess is true)", [r.address])
}

unknown contains lib.entry(r, msg, "body") if {
	some [r, _] in lib.azure_azapi("Microsoft.Storage/storageAccounts")
	lib.azure_azapi_unknown(r, "allowBlobPublicAccess")
	msg := sprintf("%s: whether it allows public blob access is known only after apply", [r.address])
}
