# METADATA
# title: Too shallow
# custom:
#   id: TEST-002
#   severity: low
package tfgate.rules.test.shallow
