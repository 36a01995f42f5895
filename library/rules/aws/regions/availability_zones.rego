# METADATA
# title: AWS availability zones must be in an allowed region
# description: |
#   Every availability zone an AWS resource names must belong to one of the
#   `allowed_regions`: the attributes availability_zone,
#   availability_zone_name, availability_zone_id, availability_zones,
#   default_availability_zone, secondary_availability_zone,
#   preferred_availability_zones and preferred_cache_cluster_azs, at the top
#   level of a resource or in one of its nested blocks (a launch template's
#   `placement`, for example). The region of a zone is read from its name:
#   "eu-central-1a" and the Local Zone "us-east-1-bos-1a" and Wavelength
#   Zone "us-east-1-wl1-bos-wlz-1" are in us-east-1's region family as
#   their prefix says; a zone id ("use1-az1", "apse2-az1", the Local Zone id
#   "usw2-lax1-az1") is mapped by its region code (use1, euc1, apse2, ...).
#   A zone id whose region code is not in tfgate's table is not reported.
#
#   A zone whose region is the resource's own region, when that region is
#   itself not allowed, is left to TFG-AWS-REG-001 (one finding, not two).
#   Zones known only after apply are not reported: most are computed from a
#   subnet and follow the resource's region, which TFG-AWS-REG-001 checks.
# custom:
#   id: TFG-AWS-REG-002
#   severity: high
#   family: regions
#   resource_types: ["*"]
#   frameworks:
#     nist-800-53: ["SA-9(5)"]
#   params: [allowed_regions]
#   remediation: |
#     Use availability zones of an allowed region (or add the region to
#     allowed_regions if the data may live there).
package tfgate.rules.aws.regions.availability_zones

import data.tfgate.lib

allowed := {r | some r in lib.param("allowed_regions")}

az_attributes := {
	"availability_zone", "availability_zone_name", "availability_zone_id", "availability_zones",
	"default_availability_zone", "secondary_availability_zone", "preferred_availability_zones",
	"preferred_cache_cluster_azs",
}

# Region codes of availability zone ids ("use1-az1" -> us-east-1).
zone_id_regions := {
	"use1": "us-east-1", "use2": "us-east-2", "usw1": "us-west-1", "usw2": "us-west-2",
	"usge1": "us-gov-east-1", "usgw1": "us-gov-west-1",
	"cac1": "ca-central-1", "caw1": "ca-west-1", "mxc1": "mx-central-1", "sae1": "sa-east-1",
	"euw1": "eu-west-1", "euw2": "eu-west-2", "euw3": "eu-west-3", "euc1": "eu-central-1",
	"euc2": "eu-central-2", "eun1": "eu-north-1", "eus1": "eu-south-1", "eus2": "eu-south-2",
	"afs1": "af-south-1", "ilc1": "il-central-1", "mes1": "me-south-1", "mec1": "me-central-1",
	"ape1": "ap-east-1", "ape2": "ap-east-2", "aps1": "ap-south-1", "aps2": "ap-south-2",
	"apne1": "ap-northeast-1", "apne2": "ap-northeast-2", "apne3": "ap-northeast-3",
	"apse1": "ap-southeast-1", "apse2": "ap-southeast-2", "apse3": "ap-southeast-3",
	"apse4": "ap-southeast-4", "apse5": "ap-southeast-5", "apse6": "ap-southeast-6",
	"apse7": "ap-southeast-7", "cnn1": "cn-north-1", "cnnw1": "cn-northwest-1",
}

# zone_region(z): the region of an availability zone name or id.
zone_region(z) := r if {
	# A zone name: the region is its prefix (letters, then "-word"s, then
	# "-digits"); a zone, Local Zone or Wavelength Zone adds to it.
	m := regex.find_n(`^[a-z]{2}(-[a-z]+)+-[0-9]+`, z, 1)
	count(m) == 1
	r := m[0]
	z != r
} else := r if {
	# A zone id: region code, then optional Local Zone code, then "-az<n>".
	regex.match(`^[a-z]+[0-9]+(-[a-z]+[0-9]+)?-az[0-9]+$`, z)
	r := zone_id_regions[split(z, "-")[0]]
}

# Nested blocks that hold zone arguments (from the provider schema:
# aws_launch_template placement, aws_spot_fleet_request
# launch_specification, aws_glue_connection
# physical_connection_requirements, aws_imagebuilder_infrastructure_configuration
# placement, aws_efs_replication_configuration destination, ...).
az_blocks := {
	"placement", "launch_specification", "physical_connection_requirements",
	"destination", "compute_config", "nodes", "location", "vpc",
	"vpc_options", "vpc_settings", "connect_settings", "cache_nodes",
}

# _zones: [resource, attribute path, zone] for every known zone an AWS
# resource names, built once: the zone arguments, then the zone arguments
# one level down in the blocks that have them, looked up only in the
# resources of the types that set one (lib.type_attributes), never a scan
# of every attribute, and no function call for a resource that names none.
#
# Only a zone outside the allowed regions can be reported, and resources
# repeat the same few zones: each distinct value of a zone argument (a
# zone, or a list of them) and each distinct list of blocks is decided once
# (_bad_values, _bad_blocks), and only the resources holding one that names
# such a zone are looked at again, as before.
_zones := array.concat(_top_zones, _nested_zones)

# The values of the zone arguments, each distinct one once.
_top_values := {v |
	count(allowed) > 0
	some t, set_attrs in lib.type_attributes
	some k in az_attributes
	set_attrs[k]
	some r in lib.resources_of_type(t)
	v := r.after[k]
}

# Those that name a zone (a string, or a string in a list) of a region that
# is not allowed.
_bad_values := {v |
	some v in _top_values
	_names_bad_zone(v)
}

_names_bad_zone(v) if _bad_zone(v)

_names_bad_zone(v) if {
	is_array(v)
	some z in v
	_bad_zone(z)
}

_bad_zone(z) if {
	is_string(z)
	region := zone_region(z)
	not region in allowed
}

_top_zones := [[r, path, z] |
	count(_bad_values) > 0
	some t, set_attrs in lib.type_attributes
	some k in az_attributes
	set_attrs[k]
	some r in lib.resources_of_type(t)
	v := r.after[k]
	_bad_values[v]
	r.provider.name == "aws"
	some [path, z] in _leaf(r, [k], v)
]

# The lists of the blocks that may hold zone arguments, each distinct one
# once, and those with a block naming a zone of a region that is not
# allowed.
_block_lists := {blocks |
	count(allowed) > 0
	some t, set_attrs in lib.type_attributes
	some bn in az_blocks
	set_attrs[bn]
	some r in lib.resources_of_type(t)
	blocks := r.after[bn]
	is_array(blocks)
}

_bad_blocks := {blocks |
	some blocks in _block_lists
	some b in blocks
	is_object(b)
	some bk in az_attributes
	_names_bad_zone(b[bk])
}

_nested_zones := [[r, path, z] |
	count(_bad_blocks) > 0
	some t, set_attrs in lib.type_attributes
	some bn in az_blocks
	set_attrs[bn]
	some r in lib.resources_of_type(t)
	blocks := r.after[bn]
	_bad_blocks[blocks]
	r.provider.name == "aws"
	some i, b in blocks
	is_object(b)
	some bk in az_attributes
	v := b[bk]
	some [path, z] in _leaf(r, [bn, i, bk], v)
]

_leaf(r, path, v) := [[path, v]] if {
	is_string(v)
	not lib.is_unknown(r, path)
} else := [[path, z] |
	some i, z in v
	is_string(z)
	not lib.is_unknown(r, array.concat(path, [i]))
] if is_array(v)

else := []

# REG-001 already reports a resource whose own region is not allowed.
_reported_by_region_rule(r, region) if {
	is_string(r.region)
	r.region == region
}

deny contains lib.entry(r, msg, lib.attr_path(path)) if {
	count(allowed) > 0
	some [r, path, z] in _zones
	region := zone_region(z)
	not region in allowed
	not _reported_by_region_rule(r, region)
	msg := sprintf("%s uses availability zone %s in region %s, which is not allowed (allowed: %s)", [r.address, z, region, concat(", ", sort(allowed))])
}
