package rules

import (
	"context"
	"os"
	"testing"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// The stage benchmarks run on a real plan named by TFGATE_BENCH_PLAN (made
// by ../shared/bench/make-plan.sh; see docs/benchmarks.md):
//
//	TFGATE_BENCH_PLAN=/tmp/plan-200.json go test -run '^$' -bench 'New|Compile|Convert|Shards|Rule/' -benchmem ./rules/
//
// Load, Evaluate (whole), Render and Check are in cmd/tfgate.
func stagePlan(b *testing.B) *plan.Document {
	b.Helper()
	p := os.Getenv("TFGATE_BENCH_PLAN")
	if p == "" {
		b.Skip("set TFGATE_BENCH_PLAN to a plan made with ../shared/bench/make-plan.sh")
	}
	if _, err := os.Stat(p); err != nil {
		b.Skipf("TFGATE_BENCH_PLAN: %v", err)
	}
	docs, err := input.Load(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return docs[0]
}

var stageParams = map[string]any{
	"required_tags":   []any{"Owner", "CostCenter"},
	"allowed_regions": []any{"us-east-1", "eu-west-1"},
}

// BenchmarkNew is start-up: the catalogue from rules/libindex_gen.go (the
// library itself is compiled per document: BenchmarkCompile).
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(context.Background(), Options{Params: stageParams}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvert is the document to OPA value conversion (docValue).
func BenchmarkConvert(b *testing.B) {
	doc := stagePlan(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := docValue(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkShards is Rego evaluation alone: the rule shards over an
// already converted document, concurrently (as tfgate runs) and in one
// shard.
func BenchmarkShards(b *testing.B) {
	doc := stagePlan(b)
	input, err := docValue(doc)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name   string
		shards int
	}{{"concurrent", 0}, {"sequential", 1}} {
		e, err := New(context.Background(), Options{Params: stageParams, Shards: bc.shards})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := e.rawResults(context.Background(), doc, input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile is the compilation of the rules selected for the plan
// (Engine.prepare without its cache: parse once per process, then compile
// every shard), as the first Evaluate of a run does.
func BenchmarkCompile(b *testing.B) {
	doc := stagePlan(b)
	e, err := New(context.Background(), Options{Params: stageParams})
	if err != nil {
		b.Fatal(err)
	}
	selected := e.selectRules(doc)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.compileShards(context.Background(), selected, e.shardsFor(doc)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRule is the Rego evaluation of each rule the plan selects, alone
// (one shard of one rule, over the converted document and its index): the
// cost of each rule, to find the ones worth optimising.
func BenchmarkRule(b *testing.B) {
	doc := stagePlan(b)
	ctx := context.Background()
	e, err := New(ctx, Options{Params: stageParams, Shards: 1})
	if err != nil {
		b.Fatal(err)
	}
	in, idx := docInput(b, doc)
	for _, r := range e.selectRules(doc) {
		shards, err := e.compileShards(ctx, []Rule{r}, 1)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(r.ID, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := evalShards(ctx, shards, in, idx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
