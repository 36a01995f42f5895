# METADATA
# title: Duplicate of a built-in id
# custom:
#   id: TFG-AWS-TAG-001
#   severity: low
package tfgate.rules.test.x.dup
