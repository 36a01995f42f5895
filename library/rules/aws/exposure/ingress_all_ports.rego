# METADATA
# title: Security groups must not allow ingress from the internet on all ports
# description: |
#   No security group may allow inbound traffic from the internet on every
#   port: protocol -1 / "all", or tcp or udp with a port range from 0 (or 1)
#   to 65535. Every form Terraform has is checked: inline `ingress` blocks
#   (static or `dynamic`) of aws_security_group and
#   aws_default_security_group, aws_security_group_rule of type "ingress",
#   aws_vpc_security_group_ingress_rule; IPv4 and IPv6. "The internet" is any
#   set of ranges covering a wide part of public address space (lib CIDR
#   helpers); prefix lists and security-group references are not the
#   internet. Indeterminate: an all-ports rule whose ranges are known only
#   after apply, or an internet rule whose protocol or ports are. Such a
#   rule also exposes the restricted ports of TFG-AWS-EXPOSURE-001, which
#   reports it too.
# custom:
#   id: TFG-AWS-EXPOSURE-002
#   severity: high
#   family: exposure
#   resource_types: [aws_security_group, aws_default_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule]
#   frameworks:
#     aws-fsbp: ["EC2.18", "EC2.19"]
#     nist-800-53: ["SC-7", "SC-7(5)", "CM-7"]
#   remediation: |
#     Open only the ports the service listens on (for example 443), to the
#     ranges that need them.
package tfgate.rules.aws.exposure.ingress_all_ports

import data.tfgate.lib
import data.tfgate.rules.aws.exposure.ingress_restricted_ports as sg

_all_ports(x) if sg.all_protocols(x)

_all_ports(x) if {
	x.proto in {"tcp", "udp", "6", "17"}
	is_number(x.from)
	is_number(x.to)
	x.from <= 1
	x.to >= 65535
}

deny contains lib.entry(x.r, msg, sg.attribute(x)) if {
	some x in sg.ingress
	sg.internet_attr(x)
	not x.ports_unknown
	_all_ports(x)
	msg := sprintf("%s allows ingress from the internet (%s) on %s", [x.r.address, concat(", ", sg.internet(x)), sg.ports_text(x)])
}

unknown contains lib.entry(x.r, msg, sg.unknown_attribute(x)) if {
	some x in sg.ingress
	x.cidrs_unknown
	not sg.internet_attr(x)
	not x.ports_unknown
	_all_ports(x)
	msg := sprintf("%s: the source ranges of its ingress on %s are known only after apply", [x.r.address, sg.ports_text(x)])
}

unknown contains lib.entry(x.r, msg, sg.attribute(x)) if {
	some x in sg.ingress
	sg.internet_attr(x)
	x.ports_unknown
	msg := sprintf("%s: the ports of its ingress from the internet (%s) are known only after apply", [x.r.address, concat(", ", sg.internet(x))])
}
