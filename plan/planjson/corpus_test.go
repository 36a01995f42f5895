package planjson_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

func corpusDir(t testing.TB) string { return testutil.CorpusDir(t) }

// TestCorpusPlans reads every real plan of the shared corpus and checks the
// document's invariants.
func TestCorpusPlans(t *testing.T) {
	plans, _ := filepath.Glob(filepath.Join(corpusDir(t), "plans", "*.json"))
	if len(plans) == 0 {
		t.Fatal("no corpus plans")
	}
	total := 0
	for _, p := range plans {
		t.Run(filepath.Base(p), func(t *testing.T) {
			docs, err := input.Load(p, plan.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := docs[0]
			total += len(d.Resources)
			data, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range d.Resources {
				if r.Address == "" || r.Type == "" || r.Change.Kind == "" || r.Mode == "" {
					t.Errorf("incomplete resource %+v", r)
				}
				if strings.Contains(r.Provider.Name, "/") || r.Provider.Name == "" {
					t.Errorf("%s: provider name %q", r.Address, r.Provider.Name)
				}
				if r.Unknown == nil {
					t.Errorf("%s: unknown is nil", r.Address)
				}
			}
			// Every value the plan marks sensitive is absent from the document.
			raw, _ := os.ReadFile(p)
			for _, s := range markedSensitiveStrings(t, raw) {
				if strings.Contains(string(data), `"`+s+`"`) {
					t.Errorf("sensitive value %q survives redaction", s)
				}
			}
		})
	}
	t.Logf("%d plans, %d resources", len(plans), total)
}

// markedSensitiveStrings lists string values at paths marked in
// after_sensitive / before_sensitive.
func markedSensitiveStrings(t *testing.T, raw []byte) []string {
	var out []string
	var generic struct {
		ResourceChanges []struct {
			Change map[string]any `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(raw, &generic); err != nil {
		t.Fatal(err)
	}
	for _, rc := range generic.ResourceChanges {
		seen := map[string]bool{}
		plan.RedactMarked(rc.Change["after"], rc.Change["after_sensitive"], seen)
		plan.RedactMarked(rc.Change["before"], rc.Change["before_sensitive"], seen)
		for s := range seen {
			out = append(out, s)
		}
	}
	return out
}

func TestCorpusNegative(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "plans_negative")
	if _, err := input.Load(filepath.Join(dir, "tfjson__invalid_trailing_data.json"), plan.Options{}); err == nil || !strings.Contains(err.Error(), "unexpected data after the plan document") {
		t.Errorf("trailing data: %v", err)
	}
	docs, err := input.Load(filepath.Join(dir, "trivy__plan_no_resource_changes.json"), plan.Options{})
	if err != nil || len(docs[0].Resources) != 0 {
		t.Errorf("plan without changes: %v", err)
	}
}
