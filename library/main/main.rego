# METADATA
# title: tfgate aggregation entrypoint
# description: |
#   Collects the deny and unknown entries of every rule package
#   data.tfgate.rules.<cloud>.<family>.<name> into one set, so the engine
#   prepares one query and a new rule needs no Go change.
package tfgate.main

results contains entry if {
	some cloud, family, name
	some d in data.tfgate.rules[cloud][family][name].deny
	entry := _entry(cloud, family, name, "fail", d)
}

results contains entry if {
	some cloud, family, name
	some d in data.tfgate.rules[cloud][family][name].unknown
	entry := _entry(cloud, family, name, "unknown", d)
}

_entry(cloud, family, name, outcome, d) := {
	"package": concat(".", [cloud, family, name]),
	"outcome": outcome,
	"resource": object.get(d, "resource", ""),
	"message": object.get(d, "message", ""),
	"attribute": object.get(d, "attribute", ""),
}
