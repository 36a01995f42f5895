package tfgate.rules.aws.cost.gp2_volumes_test

import data.tfgate.rules.aws.cost.gp2_volumes as rule
import data.tfgate.test

on := {"flag_gp2": true}

test_gp2_volume_denied if {
	r := test.res("aws_ebs_volume", "v", {"type": "gp2", "size": 100})
	rule.deny == {{"resource": "aws_ebs_volume.v", "message": "aws_ebs_volume.v uses gp2 storage (type = gp2); gp3 is cheaper and faster", "attribute": "type"}} with input as test.doc([r])
		with data.tfgate.params as on
}

test_block_devices_denied if {
	docs := test.doc([
		test.res("aws_instance", "i", {"root_block_device": [{"volume_type": "gp2"}], "ebs_block_device": [{"volume_type": "gp3"}, {"volume_type": "gp2"}]}),
		test.res("aws_launch_template", "lt", {"block_device_mappings": [{"ebs": [{"volume_type": "gp2"}]}]}),
		test.res("aws_db_instance", "db", {"storage_type": "gp2"}),
	])
	{d.attribute | some d in rule.deny} == {"root_block_device[0].volume_type", "ebs_block_device[1].volume_type", "block_device_mappings[0].ebs[0].volume_type", "storage_type"} with input as docs
		with data.tfgate.params as on
}

test_gp3_allowed if {
	docs := test.doc([
		test.res("aws_ebs_volume", "v", {"type": "gp3"}),
		test.res("aws_instance", "i", {"root_block_device": [{"volume_type": "gp3"}]}),
		test.res("aws_db_instance", "db", {"storage_type": "gp3"}),
	])
	count(rule.deny) == 0 with input as docs with data.tfgate.params as on
	count(rule.unknown) == 0 with input as docs with data.tfgate.params as on
}

test_unset_type_is_indeterminate if {
	r := test.with_unknown(test.res("aws_ebs_volume", "v", {"size": 100}), {"type": true})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
	count(rule.unknown) == 1 with input as test.doc([r]) with data.tfgate.params as on
	root := test.with_unknown(test.res("aws_instance", "i", {"root_block_device": [{}]}), {"root_block_device": [{"volume_type": true}]})
	count(rule.deny) == 0 with input as test.doc([root]) with data.tfgate.params as on
	count(rule.unknown) == 0 with input as test.doc([root]) with data.tfgate.params as on
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_ebs_volume", "v", {"type": "gp2"}))
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as on
}

test_param_unset_or_false_is_silent if {
	r := test.res("aws_ebs_volume", "v", {"type": "gp2"})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as {"flag_gp2": false}
}
