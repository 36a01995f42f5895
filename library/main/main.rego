# METADATA
# title: tfgate aggregation entrypoint
# description: |
#   Collects the deny and unknown entries of the rule packages
#   data.tfgate.rules.<cloud>.<family>.<name> of a shard, so the engine
#   prepares one query per shard and a new rule needs no Go change.
package tfgate.main

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
