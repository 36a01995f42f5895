# METADATA
# title: DMS replication instances must not be publicly accessible
# description: |
#   A DMS replication instance with a public IP address can be reached from
#   outside its VPC and moves whole databases. Fails when
#   `publicly_accessible = true`, and when the attribute is not written at
#   all: the provider leaves it to AWS, and the DMS API's default is true
#   (public). Passes when false. A value written but known only after apply
#   is indeterminate. Whether the attribute is written is read from the
#   resource's source location; without one (a plan whose .tf files were
#   not found) an unknown value that refers to nothing is taken as unset.
#   checkov and trivy pass an unset value; tfgate follows the API default.
# custom:
#   id: TFG-AWS-EXPOSURE-022
#   severity: high
#   family: exposure
#   resource_types: [aws_dms_replication_instance]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-4", "SC-7"]
#     aws-fsbp: ["DMS.1"]
#   remediation: |
#     Set `publicly_accessible = false` and place the instance in a
#     replication subnet group of private subnets; reach on-premises sources
#     through VPN or Direct Connect.
package tfgate.rules.aws.exposure.dms_public

import data.tfgate.lib

_type := "aws_dms_replication_instance"

deny contains lib.entry(r, msg, "publicly_accessible") if {
	some r in lib.resources_of_type(_type)
	lib.is_true(r, ["publicly_accessible"])
	msg := sprintf("%s is publicly accessible (publicly_accessible = true)", [r.address])
}

# Not written: the DMS API default (true) applies.
deny contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type(_type)
	lib.is_unknown(r, ["publicly_accessible"])
	_unset(r)
	msg := sprintf("%s does not set publicly_accessible: DMS makes replication instances public by default; set it to false", [r.address])
}

unknown contains lib.entry(r, msg, "publicly_accessible") if {
	some r in lib.resources_of_type(_type)
	lib.is_unknown(r, ["publicly_accessible"])
	not _unset(r)
	msg := sprintf("%s: publicly_accessible is known only after apply", [r.address])
}

# _unset(r): publicly_accessible is not written in the configuration (see
# the description).
_unset(r) if {
	attrs := _written(r)
	not attrs.publicly_accessible
}

_unset(r) if {
	not _written(r)
	count(lib.references(r, "publicly_accessible")) == 0
}

_written(r) := attrs if {
	loc := object.get(r, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
}
