package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// TestSelectionLosesNothing: the engine compiles and evaluates only the
// rule packages that apply to a document (selectRules: its resource types;
// for a library rule for every type, its cloud, cloudScope), with the
// support files of their clouds, in concurrent shards. On every fixture
// (plans and configuration directories, AWS, Azure and Google) and every
// corpus plan, that gives exactly the entries of evaluating every package
// of the whole library at once, so the skipping and the sharding lose
// nothing; the index built in Go (data.tfgate.index) equals what
// lib.rego computes without it; and on an AWS plan the Azure and Google
// rules for every type are not selected.
func TestSelectionLosesNothing(t *testing.T) {
	params := FixtureParams(t)
	ctx := context.Background()
	e := newEngine(t, nil, params)
	_, compiler := wholeLibrary(t)
	// The reference: every rule package of the library in one shard, the
	// whole library compiled at once with every stage, and no index.
	whole, err := rego.New(rego.Query(fmt.Sprintf(shardQuery, 0)), rego.Compiler(compiler),
		rego.Store(inmem.NewFromObject(map[string]any{"tfgate": map[string]any{
			"params": e.params,
			"engine": map[string]any{"shards": shardData([][]Rule{e.lib.index.Rules})},
		}}))).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The index built in Go against lib.rego's fallback comprehensions.
	fallback, err := rego.New(rego.Query(`x := {"resources": data.tfgate.lib.resources, "by_type": data.tfgate.lib.by_type, "by_address": data.tfgate.lib.by_address, "type_attributes": data.tfgate.lib.type_attributes}`),
		rego.Compiler(compiler), rego.Store(inmem.NewFromObject(map[string]any{}))).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]bool{}
	for _, n := range e.Skipped() {
		r, _ := e.Rule(n.RuleID)
		skipped[r.Package] = true
	}
	inputs := FixtureInputs(t, true)
	clouds := map[string]int{}
	for _, p := range inputs {
		docs, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, doc := range docs {
			input, err := docValue(doc)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.rawResults(ctx, doc, input)
			if err != nil {
				t.Fatal(err)
			}
			index, err := docIndex(doc, input)
			if err != nil {
				t.Fatal(err)
			}
			fb, err := fallback.Eval(ctx, rego.EvalParsedInput(input))
			if err != nil || len(fb) != 1 {
				t.Fatalf("%s: index fallback: %v", p, err)
			}
			// As JSON: sets become arrays in their (sorted) order.
			gotIndex, err := ast.JSON(index)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(fb[0].Bindings["x"], gotIndex); d != "" {
				t.Errorf("%s: data.tfgate.index differs from lib.rego's fallback (-fallback +index):\n%s", p, d)
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
					cloud, _, _ := strings.Cut(r.Package, ".")
					clouds[cloud]++
				}
			}
			sortRaw(got)
			sortRaw(kept)
			if d := cmp.Diff(kept, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("%s: shards differ from the whole library (-whole +shards):\n%s", p, d)
			}
		}
	}
	t.Logf("%d inputs; entries compared by cloud: %v", len(inputs), clouds)

	// Out of scope on an AWS-only plan: the Azure and Google rules for
	// every type, and only those.
	docs, err := input.Load(filepath.Join("..", "fixtures", "tagging", "plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	selected := map[string]bool{}
	for _, r := range e.selectRules(docs[0]) {
		selected[r.Package] = true
	}
	var out []string
	for _, r := range e.runnable {
		if !selected[r.Package] && (len(r.ResourceTypes) == 0 || slices.Contains(r.ResourceTypes, "*")) {
			out = append(out, strings.TrimPrefix(r.Package, "data.tfgate.rules."))
		}
	}
	want := []string{"azurerm.regions.allowed_locations", "azurerm.tagging.required_tags",
		"google.exposure.iam_public", "google.regions.allowed_locations", "google.tagging.required_labels"}
	if d := cmp.Diff(want, out, cmpopts.SortSlices(func(a, b string) bool { return a < b })); d != "" {
		t.Errorf("out of scope on an AWS plan (-want +got):\n%s", d)
	}
}

// TestEachRuleCompilesWithItsSupport: every library rule compiles alone
// with what the engine compiles for it (libraryModules: its package, the
// packages it refers to, and only the rules of the support files it needs,
// libIndex.Needs), with every stage (an undefined function fails), and
// every reference into data in what is compiled, main/ aside (it refers to
// the selected packages), finds the same rules as in the whole library: a
// helper the pruning left out would make a reference to it undefined, not
// an error.
func TestEachRuleCompilesWithItsSupport(t *testing.T) {
	st, err := embeddedIndex()
	if err != nil {
		t.Fatal(err)
	}
	if st.index.Needs == nil {
		t.Fatal("the generated index has no Needs")
	}
	all, whole := wholeLibrary(t)
	where := func(rs []*ast.Rule) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Location.String())
		}
		slices.Sort(out)
		return out
	}
	pruned := 0
	for _, r := range st.index.Rules {
		e := &Engine{lib: st}
		mods, err := e.libraryModules([]Rule{r})
		if err != nil {
			t.Fatal(err)
		}
		c, err := compile(mods, true)
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
			continue
		}
		for name, m := range c.Modules {
			if len(m.Rules) < len(all.modules[name].Rules) {
				pruned++
			}
			if strings.HasPrefix(name, libraryPrefix+"main/") {
				continue
			}
			for _, rule := range m.Rules {
				ast.WalkRefs(rule, func(ref ast.Ref) bool {
					if !ref.HasPrefix(ast.DefaultRootRef) {
						return false
					}
					if got, want := where(c.GetRules(ref)), where(whole.GetRules(ref)); !slices.Equal(got, want) {
						t.Errorf("%s: %s:%d: %v finds %d rules, in the whole library %d", r.ID, name, rule.Location.Row, ref, len(got), len(want))
					}
					return false
				})
			}
		}
	}
	if pruned == 0 {
		t.Error("no support file was pruned")
	}
}
func sortRaw(rs []rawResult) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		return a.Package+a.Outcome+a.Resource+a.Attribute+a.Message < b.Package+b.Outcome+b.Resource+b.Attribute+b.Message
	})
}
