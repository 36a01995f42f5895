package tfgate.rules.aws.encryption.s3_bucket_test

import data.tfgate.rules.aws.encryption.s3_bucket as rule
import data.tfgate.test

bucket := test.res("aws_s3_bucket", "b", {"bucket": "b-name"})

named(name) := object.union(test.res("aws_s3_bucket", name, {"bucket": name}), {"unknown": {"id": true, "policy": true, "acl": true, "grant": true}})

# with_refs(r, refs): r with its references replaced.
with_refs(r, refs) := object.union(r, {"references": refs})

sse(alg) := with_refs(
	test.res("aws_s3_bucket_server_side_encryption_configuration", "b", {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": alg}]}]}),
	{"bucket": ["aws_s3_bucket.b"]},
)

test_no_configuration_denied if {
	rule.deny == {{
		"resource": "aws_s3_bucket.b",
		"message": "aws_s3_bucket.b has no KMS encryption configuration (only S3's default SSE-S3 applies); add an aws_s3_bucket_server_side_encryption_configuration with aws:kms",
		"attribute": "",
	}} with input as test.doc([bucket])
}

test_aes256_denied_with_reason if {
	some d in rule.deny with input as test.doc([bucket, sse("AES256")])
	d.resource == "aws_s3_bucket.b"
	contains(d.message, "uses AES256")
}

test_kms_configuration_allowed if {
	count(rule.deny) == 0 with input as test.doc([bucket, sse("aws:kms")])
	count(rule.deny) == 0 with input as test.doc([bucket, sse("aws:kms:dsse")])
}

test_kms_configuration_by_bucket_name_allowed if {
	c := test.res("aws_s3_bucket_server_side_encryption_configuration", "c", {"bucket": "b-name", "rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]})
	count(rule.deny) == 0 with input as test.doc([bucket, c])
}

test_reference_to_all_instances_matches_one if {
	b0 := object.union(bucket, {"address": "aws_s3_bucket.b[0]", "index": 0})
	count(rule.deny) == 0 with input as test.doc([b0, sse("aws:kms")])
}

test_reference_to_other_instance_denied if {
	b0 := object.union(bucket, {"address": "aws_s3_bucket.b[0]", "index": 0})
	c := with_refs(sse("aws:kms"), {"bucket": ["aws_s3_bucket.b[1]"]})
	count(rule.deny) == 1 with input as test.doc([b0, c])
}

test_undetermined_instance_is_indeterminate if {
	b0 := object.union(bucket, {"address": "aws_s3_bucket.b[0]", "index": 0})
	c := with_refs(sse("aws:kms"), {"bucket": ["aws_s3_bucket.b[*]"]})
	count(rule.deny) == 0 with input as test.doc([b0, c])
	count(rule.unknown) == 1 with input as test.doc([b0, c])
}

test_inline_kms_allowed if {
	b := test.res("aws_s3_bucket", "b", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]})
	count(rule.deny) == 0 with input as test.doc([b])
}

test_unknown_algorithm_is_silent if {
	c := test.with_unknown(sse(null), {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": true}]}]})
	count(rule.deny) == 0 with input as test.doc([bucket, c])
	count(rule.unknown) == 1 with input as test.doc([bucket, c])
}

test_unjoined_configuration_is_indeterminate if {
	c := test.with_unknown(
		test.res(
			"aws_s3_bucket_server_side_encryption_configuration", "c",
			{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]},
		),
		{"bucket": true},
	)
	count(rule.deny) == 0 with input as test.doc([bucket, c])
	count(rule.unknown) == 1 with input as test.doc([bucket, c])
}

test_unjoined_aes256_configuration_does_not_help if {
	c := test.with_unknown(
		test.res(
			"aws_s3_bucket_server_side_encryption_configuration", "c",
			{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]},
		),
		{"bucket": true},
	)
	count(rule.deny) == 1 with input as test.doc([bucket, c])
	count(rule.unknown) == 0 with input as test.doc([bucket, c])
}

test_deleted_bucket_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(bucket)])
}

# Log-delivery targets.

acl(after) := with_refs(test.res("aws_s3_bucket_acl", "a", after), {"bucket": ["aws_s3_bucket.logs"]})

logs := named("logs")

test_log_delivery_write_acl_allowed if {
	count(rule.deny) == 0 with input as test.doc([logs, acl({"acl": "log-delivery-write"})])
	count(rule.unknown) == 0 with input as test.doc([logs, acl({"acl": "log-delivery-write"})])
}

test_private_acl_still_denied if {
	count(rule.deny) == 1 with input as test.doc([logs, acl({"acl": "private"})])
}

test_log_delivery_grant_allowed if {
	a := acl({"acl": null, "access_control_policy": [{"grant": [{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery"}], "permission": "WRITE"}]}]})
	count(rule.deny) == 0 with input as test.doc([logs, a])
}

test_logging_target_by_reference_allowed if {
	l := with_refs(test.res("aws_s3_bucket_logging", "l", {"target_prefix": "x/"}), {"bucket": ["aws_s3_bucket.data"], "target_bucket": ["aws_s3_bucket.logs"]})
	{d.resource | some d in rule.deny} == {"aws_s3_bucket.data"} with input as test.doc([logs, named("data"), l])
}

test_logging_target_by_name_allowed if {
	l := test.res("aws_s3_bucket_logging", "l", {"target_bucket": "logs"})
	count(rule.deny) == 0 with input as test.doc([logs, l])
}

test_inline_logging_target_allowed if {
	src := with_refs(named("data"), {"logging.target_bucket": ["aws_s3_bucket.logs"]})
	count([d | some d in rule.deny; d.resource == "aws_s3_bucket.logs"]) == 0 with input as test.doc([logs, src])
}

test_unjoined_logging_target_is_indeterminate if {
	l := test.with_unknown(test.res("aws_s3_bucket_logging", "l", {}), {"target_bucket": true})
	count(rule.deny) == 0 with input as test.doc([logs, l])
	count(rule.unknown) == 1 with input as test.doc([logs, l])
}

test_undetermined_logging_instance_is_indeterminate if {
	l0 := object.union(logs, {"address": "aws_s3_bucket.logs[0]", "index": 0})
	l := with_refs(test.res("aws_s3_bucket_logging", "l", {}), {"target_bucket": ["aws_s3_bucket.logs[*]"]})
	count(rule.deny) == 0 with input as test.doc([l0, l])
	count(rule.unknown) == 1 with input as test.doc([l0, l])
}

lb(type, lb_type) := with_refs(
	test.res(type, "lb", {"load_balancer_type": lb_type, "access_logs": [{"enabled": true}], "connection_logs": []}),
	{"access_logs.bucket": ["aws_s3_bucket.logs"]},
)

test_alb_access_logs_allowed if {
	count(rule.deny) == 0 with input as test.doc([logs, lb("aws_lb", "application")])
	count(rule.deny) == 0 with input as test.doc([logs, lb("aws_alb", null)])
}

test_classic_elb_access_logs_allowed if {
	elb := test.res("aws_elb", "c", {"access_logs": [{"bucket": "logs", "enabled": true}]})
	count(rule.deny) == 0 with input as test.doc([logs, elb])
}

test_nlb_access_logs_still_denied if {
	count(rule.deny) == 1 with input as test.doc([logs, lb("aws_lb", "network")])
}

test_alb_connection_logs_allowed if {
	r := test.res("aws_lb", "lb", {"load_balancer_type": "application", "access_logs": [], "connection_logs": [{"bucket": "logs", "enabled": true}]})
	count(rule.deny) == 0 with input as test.doc([logs, r])
}

policy(text) := with_refs(test.res("aws_s3_bucket_policy", "p", {"policy": text}), {"bucket": ["aws_s3_bucket.logs"]})

statement(principal) := json.marshal({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}]})

test_policy_for_log_services_allowed if {
	every principal in [
		{"Service": "logging.s3.amazonaws.com"},
		{"Service": ["ec2.amazonaws.com", "logdelivery.elasticloadbalancing.amazonaws.com"]},
		{"AWS": "arn:aws:iam::127311923021:root"},
		{"AWS": ["156460612806"]},
		{"AWS": "arn:aws-us-gov:iam::048591011584:root"},
	] {
		count(rule.deny) == 0 with input as test.doc([logs, policy(statement(principal))])
		count(rule.unknown) == 0 with input as test.doc([logs, policy(statement(principal))])
	}
}

test_other_policies_denied if {
	every text in [
		statement({"AWS": "arn:aws:iam::123456789012:root"}),
		statement("*"),
		json.marshal({"Statement": {"Effect": "Deny", "Principal": {"Service": "logging.s3.amazonaws.com"}, "Action": "s3:*"}}),
		"not json",
	] {
		count(rule.deny) == 1 with input as test.doc([logs, policy(text)])
	}
}

doc_source(principals) := object.union(test.res("aws_iam_policy_document", "d", {"statement": [{"effect": null, "principals": principals, "resources": null}]}), {
	"address": "data.aws_iam_policy_document.d",
	"mode": "data",
	"change": {"actions": ["read"], "kind": "read"},
	"unknown": {"json": true, "statement": [{"resources": true}]},
})

unknown_policy := test.with_unknown(
	with_refs(test.res("aws_s3_bucket_policy", "p", {}), {
		"bucket": ["aws_s3_bucket.logs"],
		"policy": ["data.aws_iam_policy_document.d"],
	}),
	{"policy": true, "bucket": true},
)

test_policy_document_data_source_allowed if {
	d := doc_source([{"type": "Service", "identifiers": ["logging.s3.amazonaws.com"]}])
	count(rule.deny) == 0 with input as test.doc([logs, unknown_policy, d])
	count(rule.unknown) == 0 with input as test.doc([logs, unknown_policy, d])
}

test_policy_document_without_log_principal_denied if {
	d := doc_source([{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}])
	count(rule.deny) == 1 with input as test.doc([logs, unknown_policy, d])
}

test_policy_document_with_unknown_principal_is_indeterminate if {
	d := test.with_unknown(doc_source([{"type": "AWS", "identifiers": [null]}]), {"statement": [{"principals": [{"identifiers": [true]}]}]})
	count(rule.deny) == 0 with input as test.doc([logs, unknown_policy, d])
	count(rule.unknown) == 1 with input as test.doc([logs, unknown_policy, d])
}

test_unknown_policy_is_indeterminate if {
	p := test.with_unknown(with_refs(test.res("aws_s3_bucket_policy", "p", {}), {"bucket": ["aws_s3_bucket.logs"], "policy": ["aws_s3_bucket.logs"]}), {"policy": true})
	some u in rule.unknown with input as test.doc([logs, p])
	contains(u.message, "may receive S3 access logs")
	count(rule.deny) == 0 with input as test.doc([logs, p])
}

test_unknown_policy_on_kms_bucket_is_silent if {
	p := test.with_unknown(with_refs(test.res("aws_s3_bucket_policy", "p", {}), {"bucket": ["aws_s3_bucket.logs"]}), {"policy": true})
	c := with_refs(sse("aws:kms"), {"bucket": ["aws_s3_bucket.logs"]})
	count(rule.unknown) == 0 with input as test.doc([logs, p, c])
	count(rule.deny) == 0 with input as test.doc([logs, p, c])
}

test_inline_log_acl_and_policy_allowed if {
	b1 := test.res("aws_s3_bucket", "b1", {"acl": "log-delivery-write"})
	b2 := test.res("aws_s3_bucket", "b2", {"grant": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery", "permissions": ["WRITE"]}]})
	b3 := test.res("aws_s3_bucket", "b3", {"policy": statement({"Service": "logging.s3.amazonaws.com"})})
	count(rule.deny) == 0 with input as test.doc([b1, b2, b3])
}

# Inline signals (looked up by the bucket's index among the buckets) apply
# to their own bucket only.
test_inline_signals_name_their_own_bucket_only if {
	b1 := test.res("aws_s3_bucket", "b1", {"acl": "log-delivery-write"})
	b2 := test.res("aws_s3_bucket", "b2", {"server_side_encryption_configuration": [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}]})
	b3 := test.res("aws_s3_bucket", "b3", {"acl": "private"})
	b4 := test.with_unknown(with_refs(test.res("aws_s3_bucket", "b4", {}), {"policy": ["data.aws_iam_policy_document.d"]}), {"policy": true})
	d := doc_source([{"type": "Service", "identifiers": ["logging.s3.amazonaws.com"]}])
	{x.resource | some x in rule.deny} == {"aws_s3_bucket.b3"} with input as test.doc([b1, b2, b3, b4, d])
	count(rule.unknown) == 0 with input as test.doc([b1, b2, b3, b4, d])
}

# An AES256 configuration and an undetermined-instance KMS configuration:
# the bucket it may name is indeterminate, the other fails with the
# algorithm it uses.
test_verdicts_per_bucket if {
	b0 := object.union(bucket, {"address": "aws_s3_bucket.b[0]", "index": 0})
	other := test.res("aws_s3_bucket", "o", {"bucket": "o-name"})
	kms := with_refs(sse("aws:kms"), {"bucket": ["aws_s3_bucket.b[*]"]})
	aes := object.union(with_refs(sse("AES256"), {"bucket": ["aws_s3_bucket.o"]}), {"address": "aws_s3_bucket_server_side_encryption_configuration.o"})
	d := test.doc([b0, other, kms, aes])
	{[x.resource, x.message] | some x in rule.unknown} == {["aws_s3_bucket.b[0]", "aws_s3_bucket.b[0]: its encryption configuration is known only after apply"]} with input as d
	{[x.resource, x.message] | some x in rule.deny} == {["aws_s3_bucket.o", "aws_s3_bucket.o uses AES256, not a KMS key: SSE-S3 is S3's default since January 2023; require aws:kms or aws:kms:dsse"]} with input as d
}

# sse_config(name, after, refs): a separate SSE configuration.
sse_config(name, after, refs) := with_refs(test.res("aws_s3_bucket_server_side_encryption_configuration", name, after), refs)

kms_rules(alg) := [{"apply_server_side_encryption_by_default": [{"sse_algorithm": alg}]}]

# Instances of one bucket resource: those a configuration names by address
# or by name are decided on their own keys, the others by their base
# address (an undetermined-instance reference to a KMS configuration makes
# them indeterminate); the AES256 one is reported with its algorithm.
test_instances_named_and_unnamed if {
	b := [object.union(test.res("aws_s3_bucket", "b", {"bucket": sprintf("b-%d", [i])}), {"address": sprintf("aws_s3_bucket.b[%d]", [i]), "index": i}) | some i in numbers.range(0, 3)]
	kms := sse_config("k", {"rule": kms_rules("aws:kms")}, {"bucket": ["aws_s3_bucket.b[0]"]})
	by_name := sse_config("n", {"bucket": "b-1", "rule": kms_rules("aws:kms:dsse")}, {})
	aes := sse_config("a", {"rule": kms_rules("AES256")}, {"bucket": ["aws_s3_bucket.b[2]"]})
	d := test.doc(array.concat(b, [kms, by_name, aes]))
	{[x.resource, x.message] | some x in rule.deny} == {
		["aws_s3_bucket.b[2]", "aws_s3_bucket.b[2] uses AES256, not a KMS key: SSE-S3 is S3's default since January 2023; require aws:kms or aws:kms:dsse"],
		["aws_s3_bucket.b[3]", "aws_s3_bucket.b[3] has no KMS encryption configuration (only S3's default SSE-S3 applies); add an aws_s3_bucket_server_side_encryption_configuration with aws:kms"],
	} with input as d
	count(rule.unknown) == 0 with input as d
	maybe := sse_config("m", {"rule": kms_rules("aws:kms")}, {"bucket": ["aws_s3_bucket.b[*]"]})
	dm := test.doc(array.concat(b, [kms, by_name, aes, maybe]))
	count(rule.deny) == 0 with input as dm
	{x.resource | some x in rule.unknown} == {"aws_s3_bucket.b[2]", "aws_s3_bucket.b[3]"} with input as dm
}

# Configurations sharing the same rules are each joined with their own
# bucket; a configuration without planned rules whose rules are known only
# after apply makes its bucket indeterminate.
test_configurations_sharing_rules if {
	x := named("x")
	y := named("y")
	z := named("z")
	w := named("w")
	cx := sse_config("x", {"rule": kms_rules("aws:kms")}, {"bucket": ["aws_s3_bucket.x"]})
	cy := sse_config("y", {"rule": kms_rules("aws:kms")}, {"bucket": ["aws_s3_bucket.y"]})
	cz := test.with_unknown(sse_config("z", {"bucket": null}, {"bucket": ["aws_s3_bucket.z"]}), {"rule": true})
	cw := sse_config("w", {"bucket": null}, {"bucket": ["aws_s3_bucket.w"]})
	d := test.doc([x, y, z, w, cx, cy, cz, cw])
	{x.resource | some x in rule.deny} == {"aws_s3_bucket.w"} with input as d
	rule.unknown == {{"resource": "aws_s3_bucket.z", "message": "aws_s3_bucket.z: its encryption configuration is known only after apply", "attribute": ""}} with input as d
}
