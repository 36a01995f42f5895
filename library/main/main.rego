# METADATA
# title: tfgate aggregation entrypoint
# description: |
#   Collects the deny and unknown entries of every rule package
#   data.tfgate.rules.<cloud>.<family>.<name> into one set, so the engine
#   prepares one query and a new rule needs no Go change.
package tfgate.main

results contains entry if {
	some cloud, family, name
	data.tfgate.rules[cloud][family][name]
	some entry in _package_entries(cloud, family, name)
}

# _package_entries(cloud, family, name): the deny and unknown entries of one
# rule package. Only those two rules are evaluated (a reference to the whole
# package would evaluate each of its helper rules too).
_package_entries(cloud, family, name) := {entry |
	some d in data.tfgate.rules[cloud][family][name].deny
	entry := _entry(cloud, family, name, "fail", d)
} | {entry |
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

# shard_results(k): for each rule package of shard k, its path and its
# deny and unknown sets as the package made them (the engine reads
# resource, message and attribute from each entry): no entry is rebuilt.
# The engine selects the packages that apply to the document (by resource
# type and cloud, in Go: only those are compiled), splits them into shards
# (data.tfgate.engine.shards[k]: [{"path": [cloud, family, name]}]) and
# evaluates the shards concurrently over one shared input.
shard_results(k) := [[concat(".", p.path), fails, unknowns] |
	some p in data.tfgate.engine.shards[k]
	[cloud, family, name] := p.path
	fails := {d | some d in data.tfgate.rules[cloud][family][name].deny}
	unknowns := {d | some d in data.tfgate.rules[cloud][family][name].unknown}
]
