package tfgate.rules.aws.exposure.s3_public_policy_test

import data.tfgate.rules.aws.exposure.s3_public_policy as rule
import data.tfgate.test

policy(doc) := test.res("aws_s3_bucket_policy", "p", {"bucket": "site", "policy": json.marshal(doc)})

stmt(principal, action) := {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "arn:aws:s3:::site/*"}

test_star_principal_read_denied if {
	r := policy({"Version": "2012-10-17", "Statement": [stmt("*", "s3:GetObject")]})
	rule.deny == {{"resource": "aws_s3_bucket_policy.p", "message": "aws_s3_bucket_policy.p grants read access to everyone without a condition: Statement[0] allows s3:getobject", "attribute": "policy"}} with input as test.doc([r])
}

test_statement_object_and_aws_star_list_denied if {
	r := policy({"Statement": object.union(stmt({"AWS": ["arn:aws:iam::111122223333:root", "*"]}, ["s3:PutObject"]), {"Sid": "Upload"})})
	some d in rule.deny with input as test.doc([r])
	d.message == "aws_s3_bucket_policy.p grants write access to everyone without a condition: statement \"Upload\" allows s3:putobject"
}

test_aws_star_string_and_wildcards_denied if {
	r := policy({"Statement": [stmt({"AWS": "*"}, "s3:*")]})
	some d in rule.deny with input as test.doc([r])
	d.message == "aws_s3_bucket_policy.p grants read access and write access to everyone without a condition: Statement[0] allows s3:*"
	r2 := policy({"Statement": [stmt("*", ["s3:Get*"])]})
	count(rule.deny) == 1 with input as test.doc([r2])
	r3 := policy({"Statement": [stmt("*", "*")]})
	count(rule.deny) == 1 with input as test.doc([r3])
}

test_not_action_and_not_principal_denied if {
	na := policy({"Statement": [{"Effect": "Allow", "Principal": "*", "NotAction": "s3:DeleteBucket", "Resource": "*"}]})
	count(rule.deny) == 1 with input as test.doc([na])
	np := policy({"Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "*"}]})
	count(rule.deny) == 1 with input as test.doc([np])
}

test_condition_allowed if {
	s := object.union(stmt("*", "s3:GetObject"), {"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}})
	count(rule.deny) == 0 with input as test.doc([policy({"Statement": [s]})])
}

test_named_principal_deny_and_other_actions_allowed if {
	named := stmt({"AWS": "arn:aws:iam::111122223333:role/app"}, "s3:GetObject")
	deny_all := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
	deny_uncond := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}
	other := stmt("*", "s3:GetBucketLocation")
	count(rule.deny) == 0 with input as test.doc([policy({"Statement": [named, deny_all, deny_uncond, other]})])
}

test_legacy_bucket_policy_denied if {
	b := test.res("aws_s3_bucket", "b", {"bucket": "site", "policy": json.marshal({"Statement": [stmt("*", "s3:GetObject")]})})
	count(rule.deny) == 1 with input as test.doc([b])
}

test_legacy_bucket_without_policy_silent if {
	b := test.with_unknown(test.res("aws_s3_bucket", "b", {"bucket": "site"}), {"policy": true})
	count(rule.deny) == 0 with input as test.doc([b])
	count(rule.unknown) == 0 with input as test.doc([b])
}

test_invalid_json_indeterminate if {
	r := test.res("aws_s3_bucket_policy", "p", {"bucket": "site", "policy": "{not json"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_unknown_jsonencode_indeterminate if {
	r := object.union(test.with_unknown(test.res("aws_s3_bucket_policy", "p", {}), {"policy": true, "bucket": true}), {"references": {"policy": ["aws_s3_bucket.b"], "bucket": ["aws_s3_bucket.b"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	rule.unknown == {{"resource": "aws_s3_bucket_policy.p", "message": "aws_s3_bucket_policy.p: its policy is known only after apply", "attribute": "policy"}} with input as test.doc([r])
}

# A data source as the document holds it: a managed-style entry in mode "data".
iam_doc(name, statements, unknown) := object.union(test.with_unknown(test.res("aws_iam_policy_document", name, {"statement": statements}), unknown), {
	"address": sprintf("data.aws_iam_policy_document.%s", [name]),
	"mode": "data",
	"change": {"actions": ["read"], "kind": "read"},
})

uses(name) := object.union(test.with_unknown(test.res("aws_s3_bucket_policy", "p", {}), {"policy": true}), {"references": {"policy": [sprintf("data.aws_iam_policy_document.%s", [name])]}})

test_data_source_public_denied if {
	d := iam_doc("pub", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}], "resources": [null]}], {"json": true, "statement": [{"resources": [true]}]})
	rule.deny == {{"resource": "aws_s3_bucket_policy.p", "message": "aws_s3_bucket_policy.p grants read access to everyone without a condition (from data.aws_iam_policy_document.pub): statement[0] allows s3:getobject", "attribute": "policy"}} with input as test.doc([d, uses("pub")])
	count(rule.unknown) == 0 with input as test.doc([d, uses("pub")])
}

test_data_source_aws_star_denied if {
	d := iam_doc("pub", [{"effect": "Allow", "actions": ["s3:PutObject"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}], {})
	count(rule.deny) == 1 with input as test.doc([d, uses("pub")])
}

test_data_source_with_condition_allowed if {
	d := iam_doc("vpce", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}], "condition": [{"test": "StringEquals", "variable": "aws:SourceVpce", "values": ["vpce-1"]}]}], {})
	count(rule.deny) == 0 with input as test.doc([d, uses("vpce")])
	count(rule.unknown) == 0 with input as test.doc([d, uses("vpce")])
}

test_data_source_unknown_principals_indeterminate if {
	d := iam_doc("role", [{"actions": ["s3:GetObject"], "principals": [{"type": "AWS", "identifiers": [null]}]}], {"statement": [{"principals": [{"identifiers": [true]}]}]})
	count(rule.deny) == 0 with input as test.doc([d, uses("role")])
	count(rule.unknown) == 1 with input as test.doc([d, uses("role")])
}

test_data_source_override_indeterminate if {
	d := object.union(iam_doc("o", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}], {"override_policy_documents": true}), {"after": {"statement": [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}], "override_policy_documents": null}})
	count(rule.deny) == 0 with input as test.doc([d, uses("o")])
	count(rule.unknown) == 1 with input as test.doc([d, uses("o")])
}

test_data_source_merged_public_json_denied if {
	src := json.marshal({"Statement": [stmt("*", "s3:GetObject")]})
	d := iam_doc("m", [], {})
	d2 := object.union(d, {"after": {"statement": [], "source_policy_documents": [src]}})
	count(rule.deny) == 1 with input as test.doc([d2, uses("m")])
}

test_deleted_not_checked if {
	r := test.deleted(policy({"Statement": [stmt("*", "s3:GetObject")]}))
	count(rule.deny) == 0 with input as test.doc([r])
}

test_unknown_policy_without_references_indeterminate if {
	r := test.with_unknown(test.res("aws_s3_bucket_policy", "p", {"bucket": "site"}), {"policy": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_odd_shapes_do_not_error if {
	odd := policy({"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "s3:Get[", "Resource": "*"},
		{"Effect": "Allow", "Principal": "*", "Action": 7, "Condition": 3},
		"not a statement",
	]})
	count(rule.deny) == 0 with input as test.doc([odd])
	d := iam_doc("odd", [{"actions": ["s3:GetObject"], "principals": null, "not_principals": null, "condition": null}, null], {})
	count(rule.deny) == 0 with input as test.doc([d, uses("odd")])
}

test_two_public_data_sources_one_finding if {
	a := iam_doc("a", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}], {})
	b := iam_doc("b", [{"actions": ["s3:PutObject"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}], {})
	p := object.union(uses("a"), {"references": {"policy": ["data.aws_iam_policy_document.a", "data.aws_iam_policy_document.b"]}})
	rule.deny == {{"resource": "aws_s3_bucket_policy.p", "message": "aws_s3_bucket_policy.p grants read access and write access to everyone without a condition (from data.aws_iam_policy_document.a, data.aws_iam_policy_document.b): statement[0] allows s3:getobject; statement[0] allows s3:putobject", "attribute": "policy"}} with input as test.doc([a, b, p])
}

test_counted_data_source_by_exact_instance if {
	pub := object.union(iam_doc("d", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}], {}), {"address": "data.aws_iam_policy_document.d[0]", "index": 0})
	priv := object.union(iam_doc("d", [{"actions": ["s3:GetObject"], "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root"]}]}], {}), {"address": "data.aws_iam_policy_document.d[1]", "index": 1})
	p0 := object.union(uses("d"), {"address": "aws_s3_bucket_policy.p[0]", "references": {"policy": ["data.aws_iam_policy_document.d[0]"]}})
	p1 := object.union(uses("d"), {"address": "aws_s3_bucket_policy.p[1]", "references": {"policy": ["data.aws_iam_policy_document.d[1]"]}})
	d := test.doc([pub, priv, p0, p1])
	{x.resource | some x in rule.deny} == {"aws_s3_bucket_policy.p[0]"} with input as d
	count(rule.unknown) == 0 with input as d
	# Without an index the reference names every instance: one public instance is enough.
	all := object.union(uses("d"), {"references": {"policy": ["data.aws_iam_policy_document.d"]}})
	count(rule.deny) == 1 with input as test.doc([pub, priv, all])
}

# The legacy inline policy of a bucket, known only after apply, is judged
# when it refers to something.
test_legacy_bucket_unknown_policy_with_reference if {
	b := object.union(test.with_unknown(test.res("aws_s3_bucket", "b", {"bucket": "site"}), {"policy": true}), {"references": {"policy": ["aws_iam_role.r"]}})
	rule.unknown == {{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b: its policy is known only after apply", "attribute": "policy"}} with input as test.doc([b])
	count(rule.deny) == 0 with input as test.doc([b])
	d := iam_doc("pub", [{"actions": ["s3:GetObject"], "principals": [{"type": "*", "identifiers": ["*"]}]}], {})
	pub := object.union(b, {"references": {"policy": ["data.aws_iam_policy_document.pub"]}})
	rule.deny == {{"resource": "aws_s3_bucket.b", "message": "aws_s3_bucket.b grants read access to everyone without a condition (from data.aws_iam_policy_document.pub): statement[0] allows s3:getobject", "attribute": "policy"}} with input as test.doc([d, pub])
	count(rule.unknown) == 0 with input as test.doc([d, pub])
}
