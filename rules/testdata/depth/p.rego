# METADATA
# title: Too shallow
# custom:
#   id: TFG-TEST-002
#   severity: low
package tfgate.rules.test.shallow
