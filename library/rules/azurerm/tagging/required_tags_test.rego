package tfgate.rules.azurerm.tagging.required_tags_test

import data.tfgate.lib.azurerm_test.az
import data.tfgate.rules.azurerm.tagging.required_tags as rule
import data.tfgate.test

params := {"required_tags": ["Owner", "CostCenter"]}

test_missing_tag_denied if {
	r := az("azurerm_storage_account", "sa", {"tags": {"Owner": "a"}})
	rule.deny == {{"resource": "azurerm_storage_account.sa", "message": "azurerm_storage_account.sa is missing required tag(s) CostCenter", "attribute": "tags"}} with input as test.doc([r]) with data.tfgate.params as params
}

test_keys_case_insensitive if {
	r := az("azurerm_storage_account", "sa", {"tags": {"owner": "a", "COSTCENTER": "1"}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_untaggable_type_ignored if {
	r := object.union(az("azurerm_subnet", "s", {}), {"tags": null})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_aws_resources_ignored if {
	r := test.res("aws_sqs_queue", "q", {"tags": {}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_pattern_mismatch_denied if {
	r := az("azurerm_key_vault", "kv", {"tags": {"env": "qa"}})
	rule.deny == {{"resource": "azurerm_key_vault.kv", "message": "azurerm_key_vault.kv tag env is \"qa\", which does not match the required pattern ^(dev|prod)$", "attribute": "tags.env"}} with input as test.doc([r]) with data.tfgate.params as {"required_tags": {"Env": "^(dev|prod)$"}}
}

test_unknown_value_with_pattern_is_indeterminate if {
	r := object.union(az("azurerm_key_vault", "kv", {"tags": {"Env": null}}), {"tags": {"Env": null}})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"required_tags": {"Env": "^(dev|prod)$"}}
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as {"required_tags": {"Env": "^(dev|prod)$"}}
}

test_unknown_tags_indeterminate if {
	r := test.with_unknown(object.union(az("azurerm_key_vault", "kv", {}), {"tags": null}), {"tags": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
	rule.unknown == {{"resource": "azurerm_key_vault.kv", "message": "azurerm_key_vault.kv: which tags it will carry is known only after apply", "attribute": "tags"}} with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	r := test.deleted(az("azurerm_storage_account", "sa", {"tags": {}}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}
