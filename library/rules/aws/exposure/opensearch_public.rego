# METADATA
# title: OpenSearch and Elasticsearch domains must be inside a VPC
# description: |
#   An aws_opensearch_domain or aws_elasticsearch_domain without a
#   `vpc_options` block gets a public endpoint: anyone on the internet can
#   reach it, and only its access policy (and fine-grained access control,
#   if any) stands between them and the data. Fails when vpc_options is
#   absent; the message says when the access policy also allows everyone
#   (Principal "*" or {"AWS": "*"} without a Condition), the worst case.
#   Passes when vpc_options places the domain in subnets. Indeterminate when
#   the vpc_options block is known only after apply (a dynamic block over
#   values computed at apply). A domain inside a VPC with an open access
#   policy is not reported by this rule: security groups limit who reaches
#   it. Like FSBP Opensearch.2 / ES.2 and checkov, a public endpoint fails
#   whatever its access policy says.
# custom:
#   id: TFG-AWS-EXPOSURE-023
#   severity: high
#   family: exposure
#   resource_types: [aws_opensearch_domain, aws_elasticsearch_domain]
#   frameworks:
#     nist-800-53: ["AC-3", "AC-4", "SC-7"]
#     aws-fsbp: ["Opensearch.2", "ES.2"]
#   remediation: |
#     Add `vpc_options { subnet_ids = [...]  security_group_ids = [...] }`
#     (a domain cannot move into a VPC in place: it is replaced), and keep
#     the access policy to named principals.
package tfgate.rules.aws.exposure.opensearch_public

import data.tfgate.lib

_types := ["aws_opensearch_domain", "aws_elasticsearch_domain"]

deny contains lib.entry(r, msg, "") if {
	some t in _types
	some r in lib.resources_of_type(t)
	not lib.unknown_within(r, ["vpc_options"])
	count(_as_list(object.get(lib.after(r), "vpc_options", null))) == 0
	msg := sprintf("%s has a public endpoint (no vpc_options)%s", [r.address, _policy_note(r)])
}

unknown contains lib.entry(r, msg, "vpc_options") if {
	some t in _types
	some r in lib.resources_of_type(t)
	lib.unknown_within(r, ["vpc_options"])
	count(_as_list(object.get(lib.after(r), "vpc_options", null))) == 0
	msg := sprintf("%s: whether it is placed in a VPC is known only after apply", [r.address])
}

_policy_note(r) := "; its access policy also allows everyone without a condition" if _open_policy(r)

else := ""

# _open_policy(r): the known access policy has an Allow statement for
# everyone without a Condition.
_open_policy(r) if {
	p := lib.value(r, ["access_policies"])
	is_string(p)
	json.is_valid(p)
	doc := json.unmarshal(p)
	is_object(doc)
	some s in _as_list(object.get(doc, "Statement", []))
	is_object(s)
	object.get(s, "Effect", "") == "Allow"
	_everyone(s)
	not _non_empty(object.get(s, "Condition", null))
}

_non_empty(x) if {
	is_object(x)
	count(x) > 0
}

_non_empty(x) if {
	not is_object(x)
	x != null
}

_everyone(s) if object.get(s, "Principal", null) == "*"

_everyone(s) if {
	p := object.get(s, "Principal", null)
	is_object(p)
	"*" in _as_list(object.get(p, "AWS", []))
}

_as_list(x) := x if is_array(x)

else := [x] if x != null

else := []
