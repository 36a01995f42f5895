package rules

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// TestShardsMatchTheWholeLibrary: the engine evaluates only the rule
// packages that apply to a document, in concurrent shards. On every
// fixture plan, that gives exactly the entries of evaluating every package
// of the library at once (data.tfgate.main.results), so skipping and
// sharding lose nothing.
func TestShardsMatchTheWholeLibrary(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "fixtures", "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	var params map[string]any
	if err := json.Unmarshal(data, &params); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	e := newEngine(t, nil, params)
	modules, err := loadModules(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	compiler, err := compile(modules.modules, true)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := rego.New(rego.Query("data.tfgate.main.results"), rego.Compiler(compiler),
		rego.Store(inmem.NewFromObject(map[string]any{"tfgate": map[string]any{"params": e.params}}))).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Rules left out because a parameter is unset produce nothing anyway.
	skipped := map[string]bool{}
	for _, n := range e.Skipped() {
		r, _ := e.Rule(n.RuleID)
		skipped[r.Package] = true
	}
	plans, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", "plan.json"))
	if len(plans) == 0 {
		t.Fatal("no fixture plans")
	}
	for _, p := range plans {
		docs, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		input, err := docValue(docs[0])
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.evalShards(ctx, input)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := whole.Eval(ctx, rego.EvalParsedInput(input))
		if err != nil {
			t.Fatal(err)
		}
		want, err := readRaw(rs)
		if err != nil {
			t.Fatal(err)
		}
		kept := want[:0]
		for _, r := range want {
			if !skipped["data.tfgate.rules."+r.Package] {
				kept = append(kept, r)
			}
		}
		sortRaw(got)
		sortRaw(kept)
		if d := cmp.Diff(kept, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: shards differ from the whole library (-whole +shards):\n%s", p, d)
		}
	}
}

func sortRaw(rs []rawResult) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		return a.Package+a.Outcome+a.Resource+a.Attribute+a.Message < b.Package+b.Outcome+b.Resource+b.Attribute+b.Message
	})
}
