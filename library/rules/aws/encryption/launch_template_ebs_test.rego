package tfgate.rules.aws.encryption.launch_template_ebs_test

import data.tfgate.rules.aws.encryption.launch_template_ebs as rule
import data.tfgate.test

template_res(enc) := test.res("aws_launch_template", "lt", {"block_device_mappings": [{"device_name": "/dev/xvda", "ebs": [{"encrypted": enc, "volume_size": 20}]}]})

lc(root, ebs) := test.res("aws_launch_configuration", "lc", {"root_block_device": root, "ebs_block_device": ebs})

test_template_string_false_denied if {
	rule.deny == {{"resource": "aws_launch_template.lt", "message": "aws_launch_template.lt has an unencrypted EBS volume at block_device_mappings[0].ebs[0] (encrypted = false)", "attribute": "block_device_mappings[0].ebs[0].encrypted"}} with input as test.doc([template_res("false")])
}

test_template_boolean_false_denied if {
	count(rule.deny) == 1 with input as test.doc([template_res(false)])
}

test_template_true_allowed if {
	count(rule.deny) == 0 with input as test.doc([template_res("true")])
	count(rule.unknown) == 0 with input as test.doc([template_res("true")])
}

test_template_unset_is_indeterminate if {
	count(rule.deny) == 0 with input as test.doc([template_res(null)])
	rule.unknown == {{"resource": "aws_launch_template.lt", "message": "aws_launch_template.lt does not set encrypted at block_device_mappings[0].ebs[0]: it depends on the snapshot and the account's EBS encryption-by-default setting", "attribute": "block_device_mappings[0].ebs[0]"}} with input as test.doc([template_res(null)])
	count(rule.unknown) == 1 with input as test.doc([template_res("")])
}

test_template_unset_passes_when_default_is_on if {
	s := object.union(test.res("aws_ebs_encryption_by_default", "d", {"enabled": true}), {"change": {"actions": ["no-op"], "kind": "no-op"}})
	count(rule.unknown) == 0 with input as test.doc([template_res(null), s])
}

test_template_unknown_value_is_indeterminate if {
	r := object.union(test.with_unknown(template_res(null), {"block_device_mappings": [{"ebs": [{"encrypted": true}]}]}), {"references": {"block_device_mappings.ebs.encrypted": ["aws_ssm_parameter.x"]}})
	count(rule.deny) == 0 with input as test.doc([r])
	some u in rule.unknown with input as test.doc([r])
	contains(u.message, "known only after apply")
}

test_template_without_mappings_is_silent if {
	r := test.res("aws_launch_template", "lt", {"block_device_mappings": []})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_configuration_root_false_denied if {
	rule.deny == {{"resource": "aws_launch_configuration.lc", "message": "aws_launch_configuration.lc has an unencrypted EBS volume at root_block_device[0] (encrypted = false)", "attribute": "root_block_device[0].encrypted"}} with input as test.doc([lc([{"encrypted": false}], null)])
}

test_configuration_ebs_false_denied if {
	some d in rule.deny with input as test.doc([lc([{"encrypted": true}], [{"device_name": "/dev/sdf", "encrypted": false}])])
	d.attribute == "ebs_block_device[0].encrypted"
}

test_configuration_without_blocks_is_silent if {
	r := test.with_unknown(lc(null, null), {"root_block_device": true, "ebs_block_device": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(template_res("false"))])
	count(rule.deny) == 0 with input as test.doc([test.deleted(lc([{"encrypted": false}], null))])
}
