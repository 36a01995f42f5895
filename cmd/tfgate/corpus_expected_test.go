package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/rules"
)

// corpusExpectation is cmd/tfgate/testdata/corpus-expected/<cloud>.json,
// written by hand: for the real plans of the shared corpus that contain a
// type the cloud's rules cover, exactly the findings of those rules
// (rule-id prefixes in Rules) that each plan must give; an empty list means
// the plan must pass them all.
type corpusExpectation struct {
	Rules  []string                `json:"rules"`
	Params map[string]any          `json:"params,omitempty"`
	Plans  map[string][]findingKey `json:"plans"`
}

// TestCorpusExpectedFindings evaluates the corpus plans that the
// expectation files name and compares the findings of their rules exactly
// (rule, resource, outcome; attribute where the file gives one).
func TestCorpusExpectedFindings(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus-expected", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no corpus expectations yet (testdata/corpus-expected/*.json)")
	}
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus expectations not checked")
	}
	ctx := context.Background()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var exp corpusExpectation
			dec := json.NewDecoder(strings.NewReader(string(data)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&exp); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if len(exp.Rules) == 0 || len(exp.Plans) == 0 {
				t.Fatalf("%s: needs rules and plans", file)
			}
			params := fixtureParamValues(t)
			for k, v := range exp.Params {
				params[k] = v
			}
			eng, err := rules.New(ctx, rules.Options{Params: params})
			if err != nil {
				t.Fatal(err)
			}
			scope := expectedCase{Rules: exp.Rules}
			names := make([]string, 0, len(exp.Plans))
			for name := range exp.Plans {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				t.Run(name, func(t *testing.T) {
					want := append([]findingKey{}, exp.Plans[name]...)
					withAttr := map[[2]string]bool{}
					for _, f := range want {
						if f.Attribute != "" {
							withAttr[[2]string{f.RuleID, f.Resource}] = true
						}
					}
					docs, err := input.Load(filepath.Join(shared, "corpus", "plans", name), plan.Options{})
					if err != nil {
						t.Fatal(err)
					}
					got := []findingKey{}
					for _, d := range docs {
						res, err := eng.Evaluate(ctx, d)
						if err != nil {
							t.Fatal(err)
						}
						for _, f := range res.Findings {
							if !scope.inScope(f.RuleID) {
								continue
							}
							k := findingKey{RuleID: f.RuleID, Resource: f.Resource, Outcome: string(f.Outcome)}
							if withAttr[[2]string{f.RuleID, f.Resource}] {
								k.Attribute = f.Attribute
							}
							got = append(got, k)
						}
					}
					sortKeys(want)
					sortKeys(got)
					if d := cmp.Diff(want, got); d != "" {
						t.Errorf("findings (-want +got):\n%s", d)
					}
				})
			}
		})
	}
}
