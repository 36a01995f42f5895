# METADATA
# title: RDS database instances must not be publicly accessible
# description: |
#   An aws_db_instance or aws_rds_cluster_instance (Aurora) with
#   `publicly_accessible = true` gets a DNS name that resolves to a public
#   address, reachable from the internet wherever its security groups and
#   route tables allow. Fails when publicly_accessible is true. Passes when
#   it is false, and for aws_db_instance when it is unset (the provider's
#   default is false). aws_rds_cluster_instance has no provider default: when
#   the attribute is not written RDS decides at creation (public when the
#   subnet group's VPC has an internet gateway), so an unset value on a
#   cluster instance is indeterminate, as is any value known only after
#   apply. Unlike checkov and trivy, an unset cluster instance is not taken
#   as private.
# custom:
#   id: TFG-AWS-EXPOSURE-020
#   severity: high
#   family: exposure
#   resource_types: [aws_db_instance, aws_rds_cluster_instance]
#   frameworks:
#     cis-aws-foundations-v3.0: ["2.3.3"]
#     nist-800-53: ["AC-3", "AC-4", "SC-7"]
#     aws-fsbp: ["RDS.2"]
#   remediation: |
#     Set `publicly_accessible = false` (explicitly on Aurora cluster
#     instances) and reach the database through the VPC, a VPN, AWS Client
#     VPN, or a bastion / SSM port forwarding.
package tfgate.rules.aws.exposure.rds_public

import data.tfgate.lib

_types := ["aws_db_instance", "aws_rds_cluster_instance"]

# publicly_accessible = true, on either type.
deny contains lib.entry(r, msg, "publicly_accessible") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_true(r, ["publicly_accessible"])
	msg := sprintf("%s is publicly accessible (publicly_accessible = true)", [r.address])
}

# A value written in the configuration but known only after apply.
unknown contains lib.entry(r, msg, "publicly_accessible") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, ["publicly_accessible"])
	not _unset(r)
	msg := sprintf("%s: publicly_accessible is known only after apply", [r.address])
}

# aws_rds_cluster_instance without publicly_accessible: computed by RDS.
unknown contains lib.entry(r, msg, "") if {
	some r in lib.resources_of_type("aws_rds_cluster_instance")
	lib.is_unknown(r, ["publicly_accessible"])
	_unset(r)
	msg := sprintf("%s does not set publicly_accessible: RDS makes it public when its subnet group's VPC has an internet gateway; set it to false", [r.address])
}

# _unset(r): publicly_accessible is not written in the configuration. The
# resource's location lists every attribute written; without a location (a
# plan whose .tf files were not found) an unknown value that refers to
# nothing can only come from the provider, so it is taken as unset.
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
