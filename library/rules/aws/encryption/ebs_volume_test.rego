package tfgate.rules.aws.encryption.ebs_volume_test

import data.tfgate.rules.aws.encryption.ebs_volume as rule
import data.tfgate.test

test_unencrypted_volume_denied if {
	r := test.res("aws_ebs_volume", "v", {"encrypted": false, "size": 10})
	rule.deny == {{"resource": "aws_ebs_volume.v", "message": "aws_ebs_volume.v is not encrypted (encrypted = false)", "attribute": "encrypted"}} with input as test.doc([r])
}

test_encrypted_volume_allowed if {
	r := test.res("aws_ebs_volume", "v", {"encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_unknown_encrypted_is_indeterminate_not_denied if {
	r := test.with_unknown(test.res("aws_ebs_volume", "v", {"encrypted": null}), {"encrypted": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 1 with input as test.doc([r])
}

test_instance_root_device_denied if {
	r := test.res("aws_instance", "i", {"root_block_device": [{"encrypted": false}], "ebs_block_device": [{"encrypted": true}]})
	rule.deny == {{"resource": "aws_instance.i", "message": "aws_instance.i has an unencrypted root_block_device (encrypted = false)", "attribute": "root_block_device[0].encrypted"}} with input as test.doc([r])
}

test_instance_unknown_device_silent if {
	r := test.with_unknown(test.res("aws_instance", "i", {"root_block_device": [{"encrypted": null}]}), {"root_block_device": [{"encrypted": true}]})
	count(rule.deny) == 0 with input as test.doc([r])
}

test_deleted_not_checked if {
	r := test.deleted(test.res("aws_ebs_volume", "v", {"encrypted": false}))
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}
