# METADATA
# title: Typo
# custom:
#   id: ACME-TYPO-002
#   severity: low
package tfgate.rules.acme.naming.typo

deny contains {"resource": r.address, "message": "x"} if {
	some r in input.resoures
}
