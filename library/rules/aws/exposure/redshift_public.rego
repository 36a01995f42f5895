# METADATA
# title: Redshift clusters and serverless workgroups must not be publicly accessible
# description: |
#   A Redshift cluster or Redshift Serverless workgroup with
#   `publicly_accessible = true` gets a public endpoint reachable from the
#   internet wherever its security groups allow. Fails when
#   publicly_accessible is true. For aws_redshift_cluster the AWS provider
#   5.x default is true, so a cluster that does not set the attribute fails
#   too (the plan shows the default; provider 6 changes it to false).
#   Passes when false, and for aws_redshiftserverless_workgroup when unset
#   (AWS's default is private). A value known only after apply is
#   indeterminate.
# custom:
#   id: TFG-AWS-EXPOSURE-021
#   severity: high
#   family: exposure
#   resource_types: [aws_redshift_cluster, aws_redshiftserverless_workgroup]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-4", "SC-7"]
#     aws-fsbp: ["Redshift.1", "RedshiftServerless.3"]
#   remediation: |
#     Set `publicly_accessible = false` explicitly and reach the warehouse
#     from inside the VPC (or through a Redshift-managed VPC endpoint).
package tfgate.rules.aws.exposure.redshift_public

import data.tfgate.lib

_types := ["aws_redshift_cluster", "aws_redshiftserverless_workgroup"]

deny contains lib.entry(r, msg, "publicly_accessible") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_true(r, ["publicly_accessible"])
	msg := sprintf("%s is publicly accessible (publicly_accessible = true%s)", [r.address, _default_note(r)])
}

unknown contains lib.entry(r, msg, "publicly_accessible") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.is_unknown(r, ["publicly_accessible"])
	msg := sprintf("%s: publicly_accessible is known only after apply", [r.address])
}

# The message says when the value is the provider's default rather than
# written (the resource's location lists the attributes written).
_default_note(r) := ", the AWS provider 5.x default when unset" if {
	r.type == "aws_redshift_cluster"
	loc := object.get(r, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
	not attrs.publicly_accessible
} else := ""
