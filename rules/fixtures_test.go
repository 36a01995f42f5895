package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FixtureParams returns fixtures/params.json, the parameters every fixture
// is checked with (exported for the rules_test package).
func FixtureParams(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "fixtures", "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params map[string]any
	if err := json.Unmarshal(raw, &params); err != nil {
		t.Fatal(err)
	}
	return params
}

// FixtureInputs lists every fixture plan, with dirs also every fixture
// directory holding .tf files, then every corpus plan
// (../shared/corpus/plans; logged and left out when absent).
func FixtureInputs(t *testing.T, dirs bool) []string {
	t.Helper()
	inputs, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", "plan.json"))
	if len(inputs) == 0 {
		t.Fatal("no fixture plans")
	}
	if dirs {
		tf, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", "*.tf"))
		seen := map[string]bool{}
		for _, f := range tf {
			if d := filepath.Dir(f); !seen[d] {
				seen[d] = true
				inputs = append(inputs, d)
			}
		}
	}
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "plans", "*.json"))
	if len(corpus) == 0 {
		t.Log("../shared/corpus/plans is absent: corpus plans not compared")
	}
	return append(inputs, corpus...)
}
