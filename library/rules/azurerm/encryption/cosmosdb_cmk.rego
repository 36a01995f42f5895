# METADATA
# title: Cosmos DB accounts must be encrypted with customer-managed keys (when required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared with
#   the Google rules) is true, every azurerm_cosmosdb_account must set
#   `key_vault_key_id` (or the deprecated `managed_hsm_key_id`): a key that
#   Azure Cosmos DB uses on top of its service-managed encryption. The key
#   can only be set when the account is created. A key id set by a
#   reference (known only after apply) counts as set. Unset, the rule is
#   not evaluated; false, it reports nothing.
# custom:
#   id: TFG-AZURE-ENC-012
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_cosmosdb_account]
#   frameworks:
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Set `key_vault_key_id` to a Key Vault key's versionless id (and grant
#     the account's identity access to it) when creating the account.
package tfgate.rules.azurerm.encryption.cosmosdb_cmk

import data.tfgate.lib

_required if lib.param("require_customer_managed_keys") == true

_keyed(r) if {
	some a in ["key_vault_key_id", "managed_hsm_key_id"]
	lib.azure_is_set(r, [a])
}

_undetermined(r) if {
	some a in ["key_vault_key_id", "managed_hsm_key_id"]
	lib.azure_undetermined(r, [a])
}

deny contains lib.entry(r, msg, "") if {
	_required
	some r in lib.resources_of_type("azurerm_cosmosdb_account")
	not _keyed(r)
	not _undetermined(r)
	msg := sprintf("%s is not encrypted with a customer-managed key (key_vault_key_id is unset)", [r.address])
}

unknown contains lib.entry(r, msg, "key_vault_key_id") if {
	_required
	some r in lib.resources_of_type("azurerm_cosmosdb_account")
	not _keyed(r)
	_undetermined(r)
	msg := sprintf("%s: its customer-managed key is known only after apply", [r.address])
}
