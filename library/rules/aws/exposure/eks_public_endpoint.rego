# METADATA
# title: EKS cluster API endpoints must not be open to the internet
# description: |
#   An EKS cluster's public API endpoint is on by default
#   (`vpc_config.endpoint_public_access`, provider default true) and, unless
#   `public_access_cidrs` says otherwise, AWS opens it to 0.0.0.0/0. Fails
#   when the public endpoint is on and its allowed ranges are the internet:
#   `public_access_cidrs` not written (or empty: AWS's default 0.0.0.0/0
#   applies), or ranges that together cover a wide part of public address
#   space (lib.is_internet: 0.0.0.0/0, two /1 halves, a /8 ...). Passes when
#   the public endpoint is off, or restricted to narrow ranges (an office's
#   /28, a VPN egress /32). Indeterminate when endpoint_public_access, or
#   public_access_cidrs written as an expression, is known only after
#   apply. Whether public_access_cidrs is written is read from the
#   resource's source location; without one (a plan whose .tf files were
#   not found) an unknown value that refers to nothing is taken as unset.
#   Unlike FSBP EKS.1, a public endpoint restricted to narrow ranges passes.
# custom:
#   id: TFG-AWS-EXPOSURE-024
#   severity: high
#   family: exposure
#   resource_types: [aws_eks_cluster]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-4", "SC-7"]
#     aws-fsbp: ["EKS.1"]
#   remediation: |
#     Set `endpoint_private_access = true` and `endpoint_public_access =
#     false`, reaching the API from the VPC (VPN, bastion, CI runners in the
#     VPC); or keep the public endpoint but list only the ranges that need
#     it in `public_access_cidrs`.
package tfgate.rules.aws.exposure.eks_public_endpoint

import data.tfgate.lib

_cidrs_path := ["vpc_config", 0, "public_access_cidrs"]

_attribute := "vpc_config[0].public_access_cidrs"

_public(r) if lib.is_true(r, ["vpc_config", 0, "endpoint_public_access"])

# Ranges written (or computed) and known: the internet.
deny contains lib.entry(r, msg, _attribute) if {
	some r in lib.resources_of_type("aws_eks_cluster")
	_public(r)
	cidrs := _list(lib.value(r, _cidrs_path))
	lib.is_internet(cidrs)
	msg := sprintf("%s has a public API endpoint open to the internet (public_access_cidrs: %s)", [r.address, concat(", ", sort(lib.internet_cidrs(cidrs)))])
}

# No ranges: AWS opens the endpoint to 0.0.0.0/0. The finding is on the
# public endpoint setting: the ranges themselves are known only after apply.
deny contains lib.entry(r, msg, "vpc_config[0].endpoint_public_access") if {
	some r in lib.resources_of_type("aws_eks_cluster")
	_public(r)
	_default_cidrs(r)
	msg := sprintf("%s has a public API endpoint and does not restrict public_access_cidrs (AWS's default is 0.0.0.0/0)", [r.address])
}

_default_cidrs(r) if {
	lib.is_unknown(r, _cidrs_path)
	_unset(r)
}

_default_cidrs(r) if {
	not lib.unknown_within(r, _cidrs_path)
	count(_list(object.get(lib.after(r), _cidrs_path, null))) == 0
}

_list(x) := x if is_array(x)

else := []

unknown contains lib.entry(r, msg, _attribute) if {
	some r in lib.resources_of_type("aws_eks_cluster")
	_public(r)
	lib.unknown_within(r, _cidrs_path)
	not _unset(r)
	not _known_internet(r)
	msg := sprintf("%s: the ranges allowed to its public API endpoint are known only after apply", [r.address])
}

unknown contains lib.entry(r, msg, "vpc_config[0].endpoint_public_access") if {
	some r in lib.resources_of_type("aws_eks_cluster")
	lib.is_unknown(r, ["vpc_config", 0, "endpoint_public_access"])
	not _restricted(r)
	msg := sprintf("%s: whether its API endpoint is public is known only after apply", [r.address])
}

# _known_internet(r): the known entries alone are already the internet
# (the deny above reports it).
_known_internet(r) if {
	cidrs := _list(lib.value(r, _cidrs_path))
	lib.is_internet(cidrs)
}

# _restricted(r): known, non-empty ranges that are not the internet.
_restricted(r) if {
	cidrs := _list(lib.value(r, _cidrs_path))
	not lib.unknown_within(r, _cidrs_path)
	count(cidrs) > 0
	not lib.is_internet(cidrs)
}

# _unset(r): public_access_cidrs is not written in the configuration.
_unset(r) if {
	attrs := _written(r)
	not attrs[_attribute]
}

_unset(r) if {
	not _written(r)
	count(lib.references(r, "vpc_config.public_access_cidrs")) == 0
}

_written(r) := attrs if {
	loc := object.get(r, "location", null)
	is_object(loc)
	attrs := object.get(loc, "attributes", null)
	is_object(attrs)
}
