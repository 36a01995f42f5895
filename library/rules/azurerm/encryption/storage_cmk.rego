# METADATA
# title: Storage accounts must be encrypted with customer-managed keys (when required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared with
#   the Google rules) is true, every azurerm_storage_account must encrypt its
#   data with a customer-managed key from Key Vault or a managed HSM: an
#   inline `customer_managed_key` block, or an
#   azurerm_storage_account_customer_managed_key whose `storage_account_id`
#   names the account (by reference, or by its known id). Unset, the rule
#   is not evaluated; false, it reports nothing.
#
#   Indeterminate: the inline block is known only after apply, a customer
#   managed key resource names the account through a reference whose
#   instance is undetermined, or some customer managed key resource names
#   its account only by a value known after apply (then every account that
#   would fail is indeterminate).
# custom:
#   id: TFG-AZURE-ENC-004
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_storage_account, azurerm_storage_account_customer_managed_key]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.12"]
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Add a `customer_managed_key { key_vault_key_id = ...
#     user_assigned_identity_id = ... }` block, or an
#     azurerm_storage_account_customer_managed_key for the account.
package tfgate.rules.azurerm.encryption.storage_cmk

import data.tfgate.lib

_required if lib.param("require_customer_managed_keys") == true

_cmk_type := "azurerm_storage_account_customer_managed_key"

keys := {k |
	some c in lib.resources_of_type(_cmk_type)
	some k in lib.link_keys(c, "storage_account_id")
}

_unjoined if {
	some c in lib.resources_of_type(_cmk_type)
	lib.unlinked(c, "storage_account_id")
}

_inline(r) if lib.azure_is_set(r, ["customer_managed_key", 0])

_compliant(r) if _inline(r)

_compliant(r) if lib.linked(keys, r, ["id"])

_indeterminate(r) if lib.azure_undetermined(r, ["customer_managed_key"])

_indeterminate(r) if lib.linked_maybe(keys, r)

_indeterminate(_) if _unjoined

_candidates := [r |
	_required
	some r in lib.resources_of_type("azurerm_storage_account")
	not _compliant(r)
]

deny contains lib.entry(r, msg, "") if {
	some r in _candidates
	not _indeterminate(r)
	msg := sprintf("%s is not encrypted with a customer-managed key (no customer_managed_key block or azurerm_storage_account_customer_managed_key names it)", [r.address])
}

unknown contains lib.entry(r, msg, "") if {
	some r in _candidates
	_indeterminate(r)
	msg := sprintf("%s: whether a customer-managed key encrypts it is known only after apply", [r.address])
}
