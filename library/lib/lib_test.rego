package tfgate.lib_test

import data.tfgate.lib
import data.tfgate.test

test_by_type_groups_checked_resources if {
	a := test.res("aws_s3_bucket", "a", {})
	b := test.res("aws_s3_bucket", "b", {})
	q := test.res("aws_sqs_queue", "q", {})
	gone := test.deleted(test.res("aws_s3_bucket", "gone", {}))
	got := {t: {r.address | some r in rs} | some t, rs in lib.by_type} with input as test.doc([a, b, q, gone])
	got == {"aws_s3_bucket": {"aws_s3_bucket.a", "aws_s3_bucket.b"}, "aws_sqs_queue": {"aws_sqs_queue.q"}}
}

test_refers_to_matches_all_instances if {
	r := object.union(test.res("aws_s3_bucket_versioning", "v", {}), {"references": {"bucket": ["aws_s3_bucket.b"]}})
	lib.refers_to(r, "bucket", "aws_s3_bucket.b[0]")
	lib.refers_to(r, "bucket", "aws_s3_bucket.b")
	not lib.refers_to(r, "bucket", "aws_s3_bucket.c")
	lib.ref_in({"aws_s3_bucket.b"}, `aws_s3_bucket.b["x"]`)
}

test_is_unknown_prefixes if {
	r := test.with_unknown(test.res("aws_instance", "i", {}), {"root_block_device": true, "tags": {"Owner": true}})
	lib.is_unknown(r, ["root_block_device", 0, "encrypted"])
	lib.is_unknown(r, ["tags", "Owner"])
	not lib.is_unknown(r, ["tags"])
	lib.unknown_within(r, ["tags"])
}

test_attr_path if {
	lib.attr_path(["egress", 0, "cidr_blocks"]) == "egress[0].cidr_blocks"
	lib.attr_path(["tags"]) == "tags"
}

test_ref_maybe_undetermined_instance if {
	lib.ref_maybe({"aws_s3_bucket.b[*]"}, "aws_s3_bucket.b[3]")
	lib.ref_maybe({"aws_s3_bucket.b[*]"}, `aws_s3_bucket.b["x"]`)
	not lib.ref_maybe({"aws_s3_bucket.b[*]"}, "aws_s3_bucket.c[3]")
	not lib.ref_in({"aws_s3_bucket.b[*]"}, "aws_s3_bucket.b[3]")
	not lib.ref_maybe({"aws_s3_bucket.b[2]"}, "aws_s3_bucket.b[3]")
}

test_instance_reference_names_one_instance if {
	lib.ref_in({"aws_s3_bucket.b[2]"}, "aws_s3_bucket.b[2]")
	not lib.ref_in({"aws_s3_bucket.b[2]"}, "aws_s3_bucket.b[3]")
}

test_link_keys_and_linked if {
	c := test.res("aws_s3_bucket_versioning", "v", {"bucket": "logs-bucket"})
	keys := lib.link_keys(c, "bucket")
	keys == {"=logs-bucket"}
	b := test.res("aws_s3_bucket", "b", {"bucket": "logs-bucket"})
	lib.linked(keys, b, ["bucket"])
	other := test.res("aws_s3_bucket", "o", {"bucket": "other"})
	not lib.linked(keys, other, ["bucket"])
}

test_link_keys_by_reference if {
	c := object.union(test.res("aws_s3_bucket_versioning", "v", {"bucket": null}), {"references": {"bucket": ["aws_s3_bucket.b[1]"]}})
	keys := lib.link_keys(c, "bucket")
	keys == {"aws_s3_bucket.b[1]"}
	b1 := object.union(test.res("aws_s3_bucket", "b", {}), {"address": "aws_s3_bucket.b[1]"})
	b0 := object.union(test.res("aws_s3_bucket", "b", {}), {"address": "aws_s3_bucket.b[0]"})
	lib.linked(keys, b1, ["bucket"])
	not lib.linked(keys, b0, ["bucket"])
	not lib.unlinked(c, "bucket")
}

test_unlinked if {
	c := test.res("aws_s3_bucket_versioning", "v", {"bucket": null})
	lib.unlinked(c, "bucket")
}

test_written if {
	by_ref := object.union(test.res("aws_sqs_queue", "q", {"kms_master_key_id": null}), {"references": {"kms_master_key_id": ["aws_kms_key.k"]}})
	lib.written(by_ref, ["kms_master_key_id"])
	by_range := object.union(test.res("aws_sqs_queue", "q", {}), {"location": {"file": "main.tf", "start_line": 1, "end_line": 9, "attributes": {"rule[0].enabled": {"start_line": 3, "start_column": 1, "end_line": 3, "end_column": 9}}}})
	lib.written(by_range, ["rule", 0, "enabled"])
	not lib.written(by_range, ["kms_master_key_id"])
	not lib.written(test.res("aws_sqs_queue", "q", {}), ["kms_master_key_id"])
}

test_guardrail_scope if {
	prod := test.res("aws_ebs_volume", "p", {"tags": {"Environment": "prod"}})
	dev := test.res("aws_ebs_volume", "d", {"tags": {"Environment": "dev"}})
	later := test.res("aws_ebs_volume", "l", {"tags": {"Environment": null}})
	untaggable := test.res("aws_ebs_encryption_by_default", "x", {"enabled": true})
	scope := {"guardrail_scope_tags": {"Environment": ["prod", "staging"]}}
	lib.in_scope(prod) with data.tfgate.params as scope
	not lib.in_scope(dev) with data.tfgate.params as scope
	not lib.in_scope(later) with data.tfgate.params as scope
	lib.maybe_in_scope(later) with data.tfgate.params as scope
	not lib.maybe_in_scope(dev) with data.tfgate.params as scope
	lib.in_scope(untaggable) with data.tfgate.params as scope
	lib.in_scope(dev) with data.tfgate.params as {}
}

test_has_value_false if {
	r := test.res("aws_ebs_volume", "v", {"encrypted": false, "size": null})
	lib.has_value(r, ["encrypted"])
	not lib.has_value(r, ["size"])
	not lib.has_value(test.with_unknown(r, {"encrypted": true}), ["encrypted"])
}

# The top-level helpers agree with the path ones on every shape of
# resource: known, null, unknown (the attribute, or the whole resource),
# deleted (after null), written by a reference or a source range, an empty
# reference list, no references or location at all.
_attr_shapes := [
	{"after": {"a": 1, "b": null, "c": false, "d": ""}, "unknown": {}, "references": {"a": ["aws_kms_key.k"], "b": []}, "location": null},
	{"after": {"a": null}, "unknown": {"a": true, "b": {"x": true}}, "references": {}, "location": {"file": "main.tf", "start_line": 1, "end_line": 3, "attributes": {"a": {"start_line": 2, "start_column": 3, "end_line": 2, "end_column": 9}}}},
	{"after": null, "unknown": true, "references": {"c": ["var.x"]}},
	{"after": null, "unknown": {}},
	{"after": {"b": [1], "c": {"k": "v"}}, "unknown": {"c": false}, "location": {"file": "main.tf", "start_line": 1, "end_line": 3}},
]

_attrs := ["a", "b", "c", "d", "e"]

test_attr_helpers_match_path_helpers if {
	unknown := {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.attr_unknown(r, a)}
	unknown == {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.is_unknown(r, [a])}
	written := {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.attr_written(r, a)}
	written == {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.written(r, [a])}
	valued := {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.attr_has_value(r, a)}
	valued == {[i, a] | some i, r in _attr_shapes; some a in _attrs; lib.has_value(r, [a])}

	# Each splits the cases: some hold, some do not.
	every s in [unknown, written, valued] {
		count(s) > 0
		count(s) < count(_attr_shapes) * count(_attrs)
	}
}
