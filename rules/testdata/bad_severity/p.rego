# METADATA
# title: Bad severity
# custom:
#   id: TEST-001
#   severity: severe
package tfgate.rules.test.x.bad_severity
