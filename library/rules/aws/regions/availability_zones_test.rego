package tfgate.rules.aws.regions.availability_zones_test

import data.tfgate.rules.aws.regions.allowed_regions as region_rule
import data.tfgate.rules.aws.regions.availability_zones as rule
import data.tfgate.test

params := {"allowed_regions": ["us-east-1", "eu-west-1"]}

subnet(az) := test.res("aws_subnet", "s", {"availability_zone": az, "cidr_block": "10.0.0.0/24"})

test_zone_of_disallowed_region_denied if {
	rule.deny == {{"resource": "aws_subnet.s", "message": "aws_subnet.s uses availability zone eu-central-1a in region eu-central-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": "availability_zone"}} with input as test.doc([subnet("eu-central-1a")]) with data.tfgate.params as params
}

test_zone_of_allowed_region_passes if {
	count(rule.deny) == 0 with input as test.doc([subnet("us-east-1c")]) with data.tfgate.params as params
	count(rule.deny) == 0 with input as test.doc([subnet("eu-west-1b")]) with data.tfgate.params as params
}

test_zone_region_forms if {
	rule.zone_region("us-east-1a") == "us-east-1"
	rule.zone_region("us-gov-west-1b") == "us-gov-west-1"
	rule.zone_region("us-east-1-bos-1a") == "us-east-1"
	rule.zone_region("us-east-1-wl1-bos-wlz-1") == "us-east-1"
	rule.zone_region("ap-southeast-2c") == "ap-southeast-2"
	rule.zone_region("use1-az1") == "us-east-1"
	rule.zone_region("apse2-az3") == "ap-southeast-2"
	rule.zone_region("usw2-lax1-az1") == "us-west-2"
	not rule.zone_region("xyz9-az1")
	not rule.zone_region("us-east-1")
}

test_local_zone_of_allowed_region_passes if {
	count(rule.deny) == 0 with input as test.doc([subnet("us-east-1-bos-1a")]) with data.tfgate.params as params
}

test_local_zone_of_disallowed_region_denied if {
	count(rule.deny) == 1 with input as test.doc([subnet("eu-central-1-ham-1a")]) with data.tfgate.params as params
}

test_zone_id_denied if {
	s := test.res("aws_subnet", "s", {"availability_zone_id": "euc1-az2"})
	some d in rule.deny with input as test.doc([s]) with data.tfgate.params as params
	d.attribute == "availability_zone_id"
	contains(d.message, "region eu-central-1")
}

test_unmapped_zone_id_silent if {
	s := test.res("aws_subnet", "s", {"availability_zone_id": "zzz9-az1"})
	count(rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params as params
}

test_zone_list_denied_once_per_zone if {
	r := test.res("aws_rds_cluster", "c", {"availability_zones": ["us-east-1a", "sa-east-1a", "sa-east-1b"]})
	denies := rule.deny with input as test.doc([r]) with data.tfgate.params as params
	count(denies) == 2
	every d in denies {
		d.attribute == "availability_zones"
	}
}

test_nested_block_zone_denied if {
	lt := test.res("aws_launch_template", "lt", {"placement": [{"availability_zone": "ap-south-1a", "tenancy": "default"}]})
	rule.deny == {{"resource": "aws_launch_template.lt", "message": "aws_launch_template.lt uses availability zone ap-south-1a in region ap-south-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": "placement[0].availability_zone"}} with input as test.doc([lt]) with data.tfgate.params as params
}

test_unknown_zone_silent if {
	i := test.with_unknown(test.res("aws_instance", "i", {"ami": "ami-123"}), {"availability_zone": true})
	count(rule.deny) == 0 with input as test.doc([i]) with data.tfgate.params as params
	r := test.with_unknown(test.res("aws_rds_cluster", "c", {"availability_zones": ["eu-west-1a"]}), {"availability_zones": [true]})
	count(rule.deny) == 0 with input as test.doc([r]) with data.tfgate.params as params
}

test_deleted_not_checked if {
	count(rule.deny) == 0 with input as test.doc([test.deleted(subnet("eu-central-1a"))]) with data.tfgate.params as params
}

test_no_param_no_finding if {
	count(rule.deny) == 0 with input as test.doc([subnet("eu-central-1a")]) with data.tfgate.params as {}
}

test_other_providers_ignored if {
	base := test.res("azurerm_linux_virtual_machine", "vm", {"availability_zone": "eu-central-1a"})
	vm := object.union(base, {"provider": object.union(base.provider, {"name": "azurerm"})})
	count(rule.deny) == 0 with input as test.doc([vm]) with data.tfgate.params as params
}

# AWS provider 6: a resource's `region` argument (eu-central-1) under a
# us-east-1 provider. Its zone in that region is reported once, by
# TFG-AWS-REG-001 on the region; a zone in yet another region by this rule.
test_provider6_region_argument if {
	base := test.res("aws_subnet", "s", {"region": "eu-central-1", "availability_zone": "eu-central-1a"})
	s := object.union(base, {"region": "eu-central-1"})
	count(rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params as params
	region_rule.deny == {{"resource": "aws_subnet.s", "message": "aws_subnet.s is in region eu-central-1, which is not allowed (allowed: eu-west-1, us-east-1)", "attribute": "region"}} with input as test.doc([s]) with data.tfgate.params as params
	other := object.union(s, {"after": {"region": "eu-central-1", "availability_zone": "sa-east-1a"}})
	count(rule.deny) == 1 with input as test.doc([other]) with data.tfgate.params as params
}

# A resource in an allowed region whose zone contradicts it.
test_zone_contradicting_allowed_region if {
	s := object.union(subnet("ap-northeast-1a"), {"region": "us-east-1"})
	count(region_rule.deny) == 0 with input as test.doc([s]) with data.tfgate.params as params
	count(rule.deny) == 1 with input as test.doc([s]) with data.tfgate.params as params
}

# Resources naming the same zone, or the same list, are each reported (each
# distinct value is decided once); a zone known only after apply in one of
# them is not; allowed zones of a list are not.
test_shared_zone_values_each_reported if {
	a := object.union(subnet("eu-central-1a"), {"address": "aws_subnet.a"})
	b := object.union(subnet("eu-central-1a"), {"address": "aws_subnet.b"})
	u := test.with_unknown(object.union(subnet("eu-central-1a"), {"address": "aws_subnet.u"}), {"availability_zone": true})
	ok := object.union(subnet("us-east-1a"), {"address": "aws_subnet.ok"})
	l1 := test.res("aws_rds_cluster", "l1", {"availability_zones": ["us-east-1a", "sa-east-1a"]})
	l2 := test.with_unknown(test.res("aws_rds_cluster", "l2", {"availability_zones": ["us-east-1a", "sa-east-1a"]}), {"availability_zones": [false, true]})
	l3 := test.res("aws_rds_cluster", "l3", {"availability_zones": ["us-east-1a", "sa-east-1a"]})
	{[d.resource, d.attribute] | some d in rule.deny} == {
		["aws_subnet.a", "availability_zone"], ["aws_subnet.b", "availability_zone"],
		["aws_rds_cluster.l1", "availability_zones"], ["aws_rds_cluster.l3", "availability_zones"],
	} with input as test.doc([a, b, u, ok, l1, l2, l3]) with data.tfgate.params as params
}

# Nested blocks: the same blocks in two launch templates are reported in
# each, except where the zone is known only after apply; blocks naming only
# allowed zones, and a non-AWS resource with the same blocks, are not.
test_shared_nested_blocks if {
	blocks := [{"availability_zone": "us-east-1a"}, {"availability_zone": "ap-south-1a"}]
	a := test.res("aws_launch_template", "a", {"placement": blocks})
	b := test.res("aws_launch_template", "b", {"placement": blocks})
	u := test.with_unknown(test.res("aws_launch_template", "u", {"placement": blocks}), {"placement": [{}, {"availability_zone": true}]})
	ok := test.res("aws_launch_template", "ok", {"placement": [{"availability_zone": "eu-west-1a"}]})
	base := test.res("azurerm_thing", "z", {"placement": blocks})
	z := object.union(base, {"provider": object.union(base.provider, {"name": "azurerm"})})
	{[d.resource, d.attribute] | some d in rule.deny} == {
		["aws_launch_template.a", "placement[1].availability_zone"],
		["aws_launch_template.b", "placement[1].availability_zone"],
	} with input as test.doc([a, b, u, ok, z]) with data.tfgate.params as params
}

# With the resource's own region not allowed, its zone there is left to
# TFG-AWS-REG-001 per resource, even when another resource names the same
# zone.
test_shared_zone_own_region_per_resource if {
	own := object.union(subnet("sa-east-1a"), {"address": "aws_subnet.own", "region": "sa-east-1"})
	other := object.union(subnet("sa-east-1a"), {"address": "aws_subnet.other"})
	{d.resource | some d in rule.deny} == {"aws_subnet.other"} with input as test.doc([own, other]) with data.tfgate.params as params
}
