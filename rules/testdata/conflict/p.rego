# METADATA
# title: Conflicting values at run time
# custom:
#   id: TEST-005
#   severity: low
package tfgate.rules.test.x.conflict

name := r.name if some r in input.resources

deny contains {"resource": "x", "message": name, "attribute": ""}
