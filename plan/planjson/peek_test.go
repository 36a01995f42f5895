package planjson_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/planjson"
)

// TestPeekCoversDocument: on every fixture and corpus plan, the guess made
// from the bytes names every resource type and provider of the document
// (so the rules it selects include the document's) and counts a change per
// resource change and per drift; attributes called type only add to it.
func TestPeekCoversDocument(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixture plans")
	}
	if dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "plans")); err == nil {
		corpus, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(corpus) == 0 {
			t.Logf("no corpus plans in %s: fixtures only", dir)
		}
		plans = append(plans, corpus...)
	}
	for _, p := range plans {
		peek, ok := planjson.PeekFile(p, 64<<20)
		if !ok {
			t.Errorf("%s: not peeked", p)
			continue
		}
		doc, err := planjson.ReadFile(p, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, r := range doc.Resources {
			if !slices.Contains(peek.Types, r.Type) {
				t.Errorf("%s: type %s of %s not peeked", p, r.Type, r.Address)
			}
			if !slices.Contains(peek.Providers, r.Provider.Name) {
				t.Errorf("%s: provider %s of %s not peeked (%v)", p, r.Provider.Name, r.Address, peek.Providers)
			}
		}
		raw, _ := os.ReadFile(p)
		var whole struct {
			ResourceChanges []json.RawMessage `json:"resource_changes"`
			ResourceDrift   []json.RawMessage `json:"resource_drift"`
		}
		if err := json.Unmarshal(raw, &whole); err != nil {
			t.Fatal(err)
		}
		if rc, rd := len(whole.ResourceChanges), len(whole.ResourceDrift); peek.Changes < rc || peek.Changes > rc+rd {
			t.Errorf("%s: %d changes peeked, the plan has %d resource changes and %d drifts", p, peek.Changes, rc, rd)
		}
	}
}

// TestPeekJSON: keys are found with white space before the colon, values
// that only look like keys and names inside strings are not, and what is
// not a small enough JSON file is not peeked.
func TestPeekJSON(t *testing.T) {
	data := []byte(`{"resource_changes": [
	  {"type" : "aws_s3_bucket", "provider_name":"registry.terraform.io/hashicorp/aws", "change": {"after": {"type": "gp3", "note": "\"type\": \"aws_fake\"", "v": "type"}}},
	  {"type":"aws_s3_bucket","provider_name":"registry.terraform.io/hashicorp/aws","change":{}}]}`)
	p := planjson.PeekJSON(data)
	slices.Sort(p.Types)
	if want := []string{"aws_s3_bucket", "gp3"}; !slices.Equal(p.Types, want) {
		t.Errorf("types %v, want %v", p.Types, want)
	}
	if want := []string{"aws"}; !slices.Equal(p.Providers, want) {
		t.Errorf("providers %v, want %v", p.Providers, want)
	}
	if p.Changes != 2 {
		t.Errorf("%d changes, want 2", p.Changes)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	bin := filepath.Join(dir, "plan.tfplan")
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, []byte("PK\x03\x04binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		max  int64
	}{{big, int64(len(data)) - 1}, {bin, 1 << 20}, {dir, 1 << 20}, {"-", 1 << 20}, {filepath.Join(dir, "missing.json"), 1 << 20}} {
		if _, ok := planjson.PeekFile(c.path, c.max); ok {
			t.Errorf("%s (max %d bytes) peeked", c.path, c.max)
		}
	}
	if _, ok := planjson.PeekFile(big, int64(len(data))); !ok {
		t.Error("a JSON file of the maximum size not peeked")
	}
}
