# METADATA
# title: Storage accounts must not accept traffic from every network
# description: |
#   An azurerm_storage_account that is reachable over its public endpoint
#   (`public_network_access_enabled`, default true) must deny network access
#   by default and admit only listed networks: `network_rules {
#   default_action = "Deny" }` inline, or an
#   azurerm_storage_account_network_rules whose `storage_account_id`
#   (azurerm 3.x/4.x; `storage_account_name` in 2.x) names the account (by
#   reference, or by its known id or name) with `default_action = "Deny"`.
#   Without either, Azure's default action is Allow: every network,
#   including the internet, reaches the account's endpoints (access still
#   needs keys, SAS or Entra ID).
#
#   Passes: public network access disabled, or a Deny default action.
#   Fails: an Allow default action, inline or joined, or no network rules at
#   all. Indeterminate: public network access or the default action known
#   only after apply; a network rules resource naming the account through a
#   reference whose instance is undetermined, or only by a value known after
#   apply.
# custom:
#   id: TFG-AZURE-EXPOSURE-004
#   severity: medium
#   family: exposure
#   resource_types: [azurerm_storage_account, azurerm_storage_account_network_rules]
#   frameworks:
#     cis-azure-foundations-v2.1.0: ["3.7", "3.8"]
#     nist-800-53: ["SC-7", "AC-3"]
#   remediation: |
#     Add `network_rules { default_action = "Deny" ip_rules = [...]
#     virtual_network_subnet_ids = [...] bypass = ["AzureServices"] }`, or
#     set `public_network_access_enabled = false` and use private endpoints.
package tfgate.rules.azurerm.exposure.storage_network_access

import data.tfgate.lib

_nr_type := "azurerm_storage_account_network_rules"

_link_attrs := ["storage_account_id", "storage_account_name"]

_action(c) := lib.azure_setting(c, ["default_action"], "Allow")

_keys(c) := {k | some a in _link_attrs; some k in lib.link_keys(c, a)}

deny_keys := {k |
	some c in lib.resources_of_type(_nr_type)
	_action(c) == "Deny"
	some k in _keys(c)
}

allow_keys := {k |
	some c in lib.resources_of_type(_nr_type)
	_action(c) == "Allow"
	some k in _keys(c)
}

open_keys := {k |
	some c in lib.resources_of_type(_nr_type)
	lib.azure_undetermined(c, ["default_action"])
	some k in _keys(c)
}

_unjoined if {
	some c in lib.resources_of_type(_nr_type)
	lib.unlinked(c, "storage_account_id")
	lib.unlinked(c, "storage_account_name")
	_action(c) != "Allow"
}

_names := ["id", "name"]

_public(r) if lib.azure_setting(r, ["public_network_access_enabled"], true) == true

_inline := ["network_rules", 0, "default_action"]

_inline_action(r) := lib.azure_setting(r, _inline, "Allow")

_joined_deny(r) if lib.linked(deny_keys, r, _names)

_joined_allow(r) if lib.linked(allow_keys, r, _names)

_candidates := [r |
	some r in lib.resources_of_type("azurerm_storage_account")
	_public(r)
	not _joined_deny(r)
]

deny contains lib.entry(r, msg, _attr(r)) if {
	some r in _candidates
	_open_reason(r)
	not _indeterminate(r)
	msg := sprintf("%s accepts traffic from every network: %s", [r.address, _open_reason(r)])
}

_open_reason(r) := "an azurerm_storage_account_network_rules sets default_action Allow" if _joined_allow(r)

else := "network_rules default_action is Allow" if {
	object.get(lib.after(r), _inline, null) == "Allow"
} else := "it has no network rules (Azure's default action is Allow)" if {
	_inline_action(r) == "Allow"
}

_attr(r) := "network_rules[0].default_action" if {
	not _joined_allow(r)
	object.get(lib.after(r), _inline, null) == "Allow"
} else := ""

_indeterminate(r) if lib.azure_undetermined(r, ["public_network_access_enabled"])

_indeterminate(r) if lib.azure_undetermined(r, _inline)

_indeterminate(r) if lib.linked(open_keys, r, _names)

_indeterminate(r) if lib.linked_maybe(deny_keys, r)

_indeterminate(r) if lib.linked_maybe(open_keys, r)

_indeterminate(r) if {
	not _joined_allow(r)
	_unjoined
}

_inline_deny(r) if _inline_action(r) == "Deny"

unknown contains lib.entry(r, msg, "") if {
	some r in _candidates
	not _inline_deny(r)
	_indeterminate(r)
	msg := sprintf("%s: whether it accepts traffic from every network is known only after apply", [r.address])
}
