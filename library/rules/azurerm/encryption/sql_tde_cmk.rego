# METADATA
# title: Azure SQL servers must protect TDE with a customer-managed key (when required)
# description: |
#   When the parameter `require_customer_managed_keys` (boolean, shared with
#   the Google rules) is true, every azurerm_mssql_server's transparent
#   data encryption protector must be a customer-managed key: the server's
#   `transparent_data_encryption_key_vault_key_id`, or an
#   azurerm_mssql_server_transparent_data_encryption whose `server_id` names
#   the server (by reference or known id) and that sets `key_vault_key_id`
#   or `managed_hsm_key_id` (an azurerm_mssql_server_transparent_data_encryption
#   without a key sets the service-managed key). Unset, the rule is not
#   evaluated; false, it reports nothing.
#
#   Indeterminate: a TDE resource names its server through a reference whose
#   instance is undetermined, or only by a value known after apply.
# custom:
#   id: TFG-AZURE-ENC-008
#   severity: medium
#   family: encryption
#   resource_types: [azurerm_mssql_server, azurerm_mssql_server_transparent_data_encryption]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["4.1.3"]
#     nist-800-53: ["SC-12", "SC-28"]
#   params: [require_customer_managed_keys]
#   remediation: |
#     Add an azurerm_mssql_server_transparent_data_encryption for the server
#     with `key_vault_key_id` (the server's identity needs get, wrapKey and
#     unwrapKey on the key).
package tfgate.rules.azurerm.encryption.sql_tde_cmk

import data.tfgate.lib

_required if lib.param("require_customer_managed_keys") == true

_tde_type := "azurerm_mssql_server_transparent_data_encryption"

_with_key(c) if {
	some a in ["key_vault_key_id", "managed_hsm_key_id"]
	lib.azure_is_set(c, [a])
}

keys := {k |
	some c in lib.resources_of_type(_tde_type)
	_with_key(c)
	some k in lib.link_keys(c, "server_id")
}

_unjoined if {
	some c in lib.resources_of_type(_tde_type)
	_with_key(c)
	lib.unlinked(c, "server_id")
}

_compliant(r) if lib.azure_is_set(r, ["transparent_data_encryption_key_vault_key_id"])

_compliant(r) if lib.linked(keys, r, ["id"])

_indeterminate(r) if lib.linked_maybe(keys, r)

_indeterminate(_) if _unjoined

_candidates := [r |
	_required
	some r in lib.resources_of_type("azurerm_mssql_server")
	not _compliant(r)
]

deny contains lib.entry(r, msg, "") if {
	some r in _candidates
	not _indeterminate(r)
	msg := sprintf("%s protects transparent data encryption with a service-managed key: no customer-managed key (azurerm_mssql_server_transparent_data_encryption with key_vault_key_id) names it", [r.address])
}

unknown contains lib.entry(r, msg, "") if {
	some r in _candidates
	_indeterminate(r)
	msg := sprintf("%s: whether a customer-managed key protects its transparent data encryption is known only after apply", [r.address])
}
