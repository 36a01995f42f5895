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
# rule package.
_package_entries(cloud, family, name) := {entry |
	some outcome, set_name in {"fail": "deny", "unknown": "unknown"}
	some d in object.get(data.tfgate.rules[cloud][family][name], set_name, set())
	entry := _entry(cloud, family, name, outcome, d)
}

_entry(cloud, family, name, outcome, d) := {
	"package": concat(".", [cloud, family, name]),
	"outcome": outcome,
	"resource": object.get(d, "resource", ""),
	"message": object.get(d, "message", ""),
	"attribute": object.get(d, "attribute", ""),
}

# shard_results(k): the entries of the rule packages of shard k that apply
# to the document. The engine splits the catalogue into shards
# (data.tfgate.engine.shards[k]: [{"path": [cloud, family, name],
# "types": resource_types from METADATA}]) and evaluates them concurrently
# over one shared input. A package applies when the document holds a
# resource of one of its types, or when its types are "*" or not given: a
# rule whose types are all absent is never evaluated, so the cost of a run
# does not grow with rules that do not concern the plan.
shard_results(k) := {entry |
	some p in data.tfgate.engine.shards[k]
	_applies(p.types)
	_in_scope(p)
	[cloud, family, name] := p.path
	some entry in _package_entries(cloud, family, name)
}

# Resource types of the document (every mode and change kind), built once.
_doc_types := {r.type | some r in input.resources}

_applies(types) if count(types) == 0

_applies(types) if "*" in types

_applies(types) if {
	some t in types
	t in _doc_types
}

# _in_scope(p): a library rule for every type ("*") of one cloud applies
# only when the document holds a resource of that cloud: of one of its
# providers (p.scope.providers) or of a type with one of its prefixes
# (p.scope.type_prefixes). The engine gives the scope (cloudScope); other
# packages have none and always apply.
_in_scope(p) if not p.scope

_in_scope(p) if {
	some n in p.scope.providers
	n in _doc_providers
}

_in_scope(p) if {
	some prefix in p.scope.type_prefixes
	some t in _doc_types
	startswith(t, prefix)
}

# Provider names of the document's resources, built once.
_doc_providers := {r.provider.name | some r in input.resources}
