# METADATA
# title: Azure resources must be in an allowed location
# description: |
#   Every azurerm (and azapi) resource's effective location must be one of
#   the `allowed_regions` parameter (one list for every cloud, for example
#   ["eu-west-1", "westeurope", "europe-west1", "EU"]). Locations are
#   compared as Azure names them: lower case without spaces, so "West
#   Europe", "westeurope" and "WestEurope" are one location, in the resource
#   and in the parameter alike.
#
#   The effective location is the resource's `location`; a resource whose
#   type has no `location` (a subnet, a network security rule, a storage
#   container) has the location of the azurerm_resource_group it names
#   (`resource_group_name` refers to a group of the change, or is the known
#   name of one), where the document can tell. Such a resource whose group
#   is not part of the change is not checked (its group is checked where it
#   is declared). Resources at the location "global" (Front Door, DNS,
#   Traffic Manager) are exempt.
#
#   Fails: the location is known and not allowed. Indeterminate: the
#   resource sets a `location` that is known only after apply (for example
#   the location of a data source's resource group in a plan, or a variable
#   given no value).
# custom:
#   id: TFG-AZURE-REG-001
#   severity: high
#   family: regions
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["SA-9(5)"]
#   params: [allowed_regions]
#   remediation: |
#     Deploy the resource (or its resource group) in an allowed location, or
#     add the location to allowed_regions if the data may live there.
package tfgate.rules.azurerm.regions.allowed_locations

import data.tfgate.lib

_providers := {"azurerm", "azapi"}

allowed := {lib.azure_location(a) | some a in lib.param("allowed_regions"); is_string(a)}

_azure := [r |
	some r in lib.resources
	r.provider.name in _providers
]

_own_location(r) if "location" in object.keys(lib.after(r))

_own_location(r) if lib.unknown_within(r, ["location"])

_attribute(r) := "location" if _own_location(r)

else := "resource_group_name"

deny contains lib.entry(r, msg, _attribute(r)) if {
	count(allowed) > 0
	some r in _azure
	is_string(r.region)
	loc := lib.azure_location(r.region)
	loc != "global"
	not loc in allowed
	msg := sprintf("%s is in location %s%s, which is not allowed (allowed: %s)", [r.address, loc, _inherited(r), concat(", ", sort(allowed))])
}

_inherited(r) := "" if _own_location(r)

else := " (its resource group's)"

unknown contains lib.entry(r, msg, "location") if {
	count(allowed) > 0
	some r in _azure
	not is_string(r.region)
	lib.azure_undetermined(r, ["location"])
	msg := sprintf("%s: its location is known only after apply", [r.address])
}
