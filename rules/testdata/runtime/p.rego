# METADATA
# title: Fails at run time
# custom:
#   id: TEST-004
#   severity: low
package tfgate.rules.test.x.runtime

deny contains {"resource": r.address, "message": msg} if {
	some r in input.resources
	msg := sprintf("%d", [to_number(r.name)])
}
