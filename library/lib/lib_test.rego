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
