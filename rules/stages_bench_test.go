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
//	TFGATE_BENCH_PLAN=/tmp/plan-200.json go test -run '^$' -bench 'New|Convert|Shards' -benchmem ./rules/
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

// BenchmarkNew is start-up: parse, check and compile the embedded library
// and prepare its queries.
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
