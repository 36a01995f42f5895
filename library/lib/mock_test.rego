# Builders for policy tests: documents shaped like tfgate's input.
package tfgate.test

# res(type, name, after): a checked AWS resource being created in us-east-1.
res(type, name, after) := {
	"address": sprintf("%s.%s", [type, name]),
	"module": "",
	"mode": "managed",
	"type": type,
	"name": name,
	"index": null,
	"provider": {"name": "aws", "source": "registry.terraform.io/hashicorp/aws", "alias": "", "config_key": "aws", "region": "us-east-1", "default_tags": null},
	"region": "us-east-1",
	"change": {"actions": ["create"], "kind": "create"},
	"before": null,
	"after": after,
	"unknown": {},
	"references": {},
	"tags": object.get(after, "tags", null),
	"location": null,
}

# with_unknown(r, unknown): r with its unknown tree replaced.
with_unknown(r, unknown) := object.union(r, {"unknown": unknown})

# deleted(r): r being destroyed.
deleted(r) := object.union(r, {"change": {"actions": ["delete"], "kind": "delete"}, "before": r.after, "after": null})

# doc(resources): a document.
doc(resources) := {
	"source": {"kind": "plan", "path": "plan.json", "terraform_version": "1.11.4", "format_version": "1.2"},
	"resources": resources,
	"notices": [],
}
