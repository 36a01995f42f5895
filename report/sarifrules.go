package report

import (
	"encoding/json"
	"reflect"

	"github.com/tfgate/tfgate/rules"
)

// sarifRuleJSON is a rule's SARIF descriptor (tool.driver.rules[i]) as
// one line of JSON. A library rule as the embedded library has it (no
// configuration changed its copy) is taken from sarifLibraryRules,
// rendered ahead (sarifrules_gen.go, TestSARIFLibraryRules -update):
// rendering the help texts of every rule was most of a small run's SARIF
// output (docs/benchmarks.md). Any other rule, and every rule when the
// table was made from another library (sarifLibraryDigest), is rendered
// now; TestSARIFLibraryRules checks the table is what rendering gives.
func sarifRuleJSON(rule rules.Rule) ([]byte, error) {
	if js, ok := sarifLibraryRules[rule.ID]; ok && sarifLibraryDigest == rules.LibraryDigest() {
		if lib, ok := rules.LibraryRule(rule.ID); ok && reflect.DeepEqual(lib, rule) {
			return []byte(js), nil
		}
	}
	return json.Marshal(sarifRuleFor(rule))
}
