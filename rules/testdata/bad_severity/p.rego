# METADATA
# title: Bad severity
# custom:
#   id: TFG-TEST-001
#   severity: severe
package tfgate.rules.test.x.bad_severity
