package main

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/rules"
)

// benchPlan is a large real plan: make one with
// ../shared/bench/make-plan.sh 2000 /tmp/plan-2000.json and run
// TFGATE_BENCH_PLAN=/tmp/plan-2000.json go test -bench . -run ^$ ./cmd/tfgate
func benchPlan(b *testing.B) string {
	p := os.Getenv("TFGATE_BENCH_PLAN")
	if p == "" {
		b.Skip("set TFGATE_BENCH_PLAN to a plan made with ../shared/bench/make-plan.sh")
	}
	return p
}

var benchParams = map[string]any{
	"required_tags":   []any{"Owner", "CostCenter"},
	"allowed_regions": []any{"us-east-1", "eu-west-1"},
}

// BenchmarkCheck is the whole `tfgate check --format sarif` run in-process.
func BenchmarkCheck(b *testing.B) {
	p := benchPlan(b)
	for i := 0; i < b.N; i++ {
		c := &CLI{Stdout: io.Discard, Stderr: io.Discard}
		if code := c.Run([]string{"tfgate", "check", "--format", "sarif", "--param", "required_tags=Owner,CostCenter", "--param", "allowed_regions=us-east-1,eu-west-1", p}); code == exitError {
			b.Fatalf("exit %d", code)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	p := benchPlan(b)
	for i := 0; i < b.N; i++ {
		if _, err := plan.Load(p, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	p := benchPlan(b)
	docs, err := plan.Load(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	e, err := rules.New(context.Background(), rules.Options{Params: benchParams})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Evaluate(context.Background(), docs[0]); err != nil {
			b.Fatal(err)
		}
	}
}
