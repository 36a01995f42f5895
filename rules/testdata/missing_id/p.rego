# METADATA
# title: No id
# custom:
#   severity: high
package tfgate.rules.test.x.no_id

deny contains {"resource": "a", "message": "m"} if false
