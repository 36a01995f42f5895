package tfgate.rules.aws.cost.db_instance_classes_test

import data.tfgate.rules.aws.cost.db_instance_classes as rule
import data.tfgate.test

on := {"allowed_db_instance_classes": ["db.t4g.*", "db.r6g.large"]}

test_disallowed_denied if {
	r := test.res("aws_db_instance", "db", {"instance_class": "db.m5.large"})
	rule.deny == {{"resource": "aws_db_instance.db", "message": "aws_db_instance.db uses instance class db.m5.large, which is not allowed (allowed: db.t4g.*, db.r6g.large)", "attribute": "instance_class"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_cluster_and_instances if {
	docs := test.doc([
		test.res("aws_rds_cluster_instance", "i", {"instance_class": "db.serverless"}),
		test.res("aws_rds_cluster", "maz", {"db_cluster_instance_class": "db.m6gd.large"}),
		test.res("aws_rds_cluster", "aurora", {"db_cluster_instance_class": null}),
		test.res("aws_docdb_cluster_instance", "d", {"instance_class": "db.t4g.medium"}),
	])
	{d.resource | some d in rule.deny} == {"aws_rds_cluster_instance.i", "aws_rds_cluster.maz"} with input as docs with data.tfgate.params as on
}

test_allowed if {
	r := test.res("aws_db_instance", "db", {"instance_class": "db.r6g.large"})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_ec2_patterns_do_not_apply if {
	r := test.res("aws_db_instance", "db", {"instance_class": "db.m6i.large"})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"allowed_instance_types": ["m6i.*"]}
	count(rule.deny) == 1 with input as test.doc([r]) with data.tfgate.params as {"allowed_instance_types": ["m6i.*"], "allowed_db_instance_classes": ["db.t4g.*"]}
}

test_unknown_is_indeterminate if {
	r := test.with_unknown(test.res("aws_db_instance", "db", {"instance_class": null}), {"instance_class": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_db_instance", "db", {"instance_class": "db.m5.large"}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_db_instance", "db", {"instance_class": "db.m5.large"})
	count(rule.deny) == 0 with input as test.doc([r])
	u := test.with_unknown(test.res("aws_db_instance", "db", {"instance_class": null}), {"instance_class": true})
	count(rule.unknown) == 0 with input as test.doc([u])
}
