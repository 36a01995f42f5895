package tfgate.rules.aws.cost.provisioned_iops_test

import data.tfgate.rules.aws.cost.provisioned_iops as rule
import data.tfgate.test

on := {"max_provisioned_iops": 10000}

test_io2_volume_denied if {
	r := test.res("aws_ebs_volume", "v", {"type": "io2", "iops": 20000})
	rule.deny == {{"resource": "aws_ebs_volume.v", "message": "aws_ebs_volume.v provisions 20000 IOPS (iops = 20000, io2), above max_provisioned_iops 10000", "attribute": "iops"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_every_form_denied if {
	docs := test.doc([
		test.res("aws_instance", "i", {"root_block_device": [{"volume_type": "gp3", "iops": 12000}]}),
		test.res("aws_launch_template", "lt", {"block_device_mappings": [{"ebs": [{"volume_type": "io1", "iops": 16000}]}]}),
		test.res("aws_db_instance", "db", {"storage_type": "io1", "iops": 20000}),
		test.res("aws_rds_cluster", "c", {"storage_type": null, "iops": 12000}),
	])
	{d.attribute | some d in rule.deny} == {"root_block_device[0].iops", "block_device_mappings[0].ebs[0].iops", "iops"} with input as docs
		with data.tfgate.params as on
	count(rule.deny) == 4 with input as docs with data.tfgate.params as on
}

test_within_limit_and_baseline_allowed if {
	docs := test.doc([
		test.res("aws_ebs_volume", "gp3", {"type": "gp3", "iops": 6000}),
		test.res("aws_ebs_volume", "gp2", {"type": "gp2", "iops": 16000}),
		test.res("aws_db_instance", "db", {"storage_type": "gp2", "iops": 12000}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
}

test_unknown_is_silent if {
	r := test.with_unknown(test.res("aws_ebs_volume", "v", {"type": "io2"}), {"iops": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_ebs_volume", "v", {"type": "io2", "iops": 20000}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_is_silent if {
	r := test.res("aws_ebs_volume", "v", {"type": "io2", "iops": 20000})
	count(rule.deny) == 0 with input as test.doc([r])
}
