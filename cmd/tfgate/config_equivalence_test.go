package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// configOnlyDifferences lists, per fixture, findings that unavoidably differ
// between `tfgate check DIR` and `tfgate check plan.json`, with the reason:
// values only a real plan knows. Keys are "rule resource outcome attribute
// file:line"; the value
// says which side has it and why.
var configOnlyDifferences = map[string]map[string]string{}

// TestConfigMatchesPlan: for every fixture with both a main.tf and its real
// plan.json, evaluating the configuration directory gives the same rule ids
// on the same addresses, with the same outcomes, attributes and source lines,
// as the plan.
func TestConfigMatchesPlan(t *testing.T) {
	for _, c := range fixtureCases(t) {
		if !hasPlan(t, c) {
			continue // configuration-only: checked as a directory by TestFixturesPlan
		}
		t.Run(c, func(t *testing.T) {
			dir := filepath.Join(repoRoot(t), "fixtures", c)
			exp := readExpected(t, c)
			fromPlan := findingSet(t, filepath.Join(dir, "plan.json"), exp)
			fromConfig := findingSet(t, dir, exp)
			inScope := 0
			for k := range fromPlan {
				if exp.inScope(strings.Fields(k)[0]) {
					inScope++
				}
			}
			if want := len(exp.Findings); inScope != want {
				t.Fatalf("plan gave %d findings in scope, expected.json lists %d", inScope, want)
			}
			for k, reason := range configOnlyDifferences[c] {
				t.Logf("allowed difference %s: %s", k, reason)
				delete(fromPlan, k)
				delete(fromConfig, k)
			}
			if d := cmp.Diff(keys(fromPlan), keys(fromConfig)); d != "" {
				t.Errorf("findings differ (-plan +config):\n%s", d)
			}
		})
	}
}

func findingSet(t *testing.T, input string, exp expectedCase) map[string]bool {
	t.Helper()
	args := append([]string{"check", "--format", "json", "--fail-on", "never"}, caseParams(t, exp)...)
	code, stdout, stderr := run(t, "", append(args, input)...)
	if code != 0 {
		t.Fatalf("%s: exit %d: %s", input, code, stderr)
	}
	var out jsonOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	set := map[string]bool{}
	for _, f := range out.Findings {
		set[fmt.Sprintf("%s %s %s %s %s:%d", f.RuleID, f.Resource, f.Outcome, f.Attribute, filepath.Base(f.File), f.Range.StartLine)] = true
	}
	return set
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
