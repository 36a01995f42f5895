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

setting(enabled, kind) := object.union(test.res("aws_ebs_encryption_by_default", "d", {"enabled": enabled}), {"change": {"actions": [kind], "kind": kind}})

unset_volume := test.with_unknown(test.res("aws_ebs_volume", "v", {"encrypted": null}), {"encrypted": true})

test_unchanged_default_on_makes_unset_volume_pass if {
	count(rule.unknown) == 0 with input as test.doc([unset_volume, setting(true, "no-op")])
	count(rule.deny) == 0 with input as test.doc([unset_volume, setting(true, "no-op")])
}

test_default_on_created_in_same_plan_still_indeterminate if {
	count(rule.unknown) == 1 with input as test.doc([unset_volume, setting(true, "create")])
}

test_default_on_other_region_does_not_count if {
	s := object.union(setting(true, "no-op"), {"region": "eu-west-1"})
	count(rule.unknown) == 1 with input as test.doc([unset_volume, s])
}

test_default_on_does_not_excuse_explicit_false if {
	r := test.res("aws_ebs_volume", "v", {"encrypted": false})
	count(rule.deny) == 1 with input as test.doc([r, setting(true, "no-op")])
}

test_volume_from_snapshot_message if {
	r := test.with_unknown(test.res("aws_ebs_volume", "v", {"encrypted": null, "snapshot_id": "snap-0123"}), {"encrypted": true})
	some u in rule.unknown with input as test.doc([r])
	contains(u.message, "snapshot")
}

test_instance_ebs_device_denied if {
	r := test.res("aws_instance", "i", {"root_block_device": [{"encrypted": true}], "ebs_block_device": [{"device_name": "/dev/sdf", "encrypted": false}]})
	rule.deny == {{"resource": "aws_instance.i", "message": "aws_instance.i has an unencrypted ebs_block_device (encrypted = false)", "attribute": "ebs_block_device[0].encrypted"}} with input as test.doc([r])
}

test_instance_written_block_without_encrypted_is_indeterminate if {
	r := test.with_unknown(test.res("aws_instance", "i", {"root_block_device": [{"encrypted": null, "volume_size": 20}]}), {"root_block_device": [{"encrypted": true}]})
	rule.unknown == {{"resource": "aws_instance.i", "message": "aws_instance.i: its root_block_device does not set encrypted: it depends on the account's EBS encryption-by-default setting", "attribute": "root_block_device[0]"}} with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r, setting(true, "no-op")])
}

test_instance_without_blocks_is_silent if {
	r := test.with_unknown(test.res("aws_instance", "i", {"root_block_device": null, "ebs_block_device": null}), {"root_block_device": true, "ebs_block_device": true})
	count(rule.deny) == 0 with input as test.doc([r])
	count(rule.unknown) == 0 with input as test.doc([r])
}

test_deleted_instance_not_checked if {
	r := test.deleted(test.res("aws_instance", "i", {"root_block_device": [{"encrypted": false}]}))
	count(rule.deny) == 0 with input as test.doc([r])
}

test_volume_encrypted_from_reference_message if {
	r := object.union(unset_volume, {"references": {"encrypted": ["aws_ssm_parameter.p"]}})
	rule.unknown == {{"resource": "aws_ebs_volume.v", "message": "aws_ebs_volume.v: encrypted is known only after apply", "attribute": "encrypted"}} with input as test.doc([r])
}

# A volume whose planned values do not hold encrypted at all (or that has
# no planned values) is indeterminate, like one with encrypted = null.
test_volume_without_encrypted_attribute_is_indeterminate if {
	r := test.res("aws_ebs_volume", "v", {"size": 10})
	rule.unknown == {{"resource": "aws_ebs_volume.v", "message": "aws_ebs_volume.v does not set encrypted: it depends on the account's EBS encryption-by-default setting", "attribute": "encrypted"}} with input as test.doc([r])
	n := object.union(test.res("aws_ebs_volume", "n", {}), {"after": null, "unknown": true})
	count(rule.unknown) == 1 with input as test.doc([n])
	count(rule.deny) == 0 with input as test.doc([n])
}

# Each volume is decided on its own value.
test_several_volumes if {
	a := test.res("aws_ebs_volume", "a", {"encrypted": false})
	b := test.res("aws_ebs_volume", "b", {"encrypted": true})
	c := test.res("aws_ebs_volume", "c", {"encrypted": null})
	d := test.res("aws_ebs_volume", "d", {"encrypted": "false"})
	{x.resource | some x in rule.deny} == {"aws_ebs_volume.a"} with input as test.doc([a, b, c, d])
	{x.resource | some x in rule.unknown} == {"aws_ebs_volume.c", "aws_ebs_volume.d"} with input as test.doc([a, b, c, d])
	count(rule.unknown) == 0 with input as test.doc([a, b, c, d, setting(true, "no-op")])
	count(rule.deny) == 1 with input as test.doc([a, b, c, d, setting(true, "no-op")])
}

# Instances are looked at per device block: one that writes only
# ebs_block_device, next to one that writes neither.
test_instance_only_ebs_devices if {
	i := test.res("aws_instance", "i", {"root_block_device": null, "ebs_block_device": [{"encrypted": true}, {"encrypted": false}]})
	j := test.res("aws_instance", "j", {"ami": "ami-1"})
	rule.deny == {{"resource": "aws_instance.i", "message": "aws_instance.i has an unencrypted ebs_block_device (encrypted = false)", "attribute": "ebs_block_device[1].encrypted"}} with input as test.doc([i, j])
	count(rule.unknown) == 0 with input as test.doc([i, j])
}
