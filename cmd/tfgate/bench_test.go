package main

import (
	"context"
	"io"
	"os"
	"testing"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// The stage benchmarks run on a real plan: make one with
// ../shared/bench/make-plan.sh 200 /tmp/plan-200.json (about 1,100
// resources; 2000 gives about 11,000) and run
//
//	TFGATE_BENCH_PLAN=/tmp/plan-200.json go test -run '^$' -bench . -benchmem ./cmd/tfgate/
//
// Stages: Load (plan JSON to document), Evaluate (document to findings:
// conversion and every rule), Render (SARIF), Check (the whole command,
// start-up included). rules has New (start-up), Convert and Shards (Rego
// evaluation alone). See docs/benchmarks.md.
func benchPlan(b *testing.B) string {
	b.Helper()
	p := os.Getenv("TFGATE_BENCH_PLAN")
	if p == "" {
		b.Skip("set TFGATE_BENCH_PLAN to a plan made with ../shared/bench/make-plan.sh")
	}
	if _, err := os.Stat(p); err != nil {
		b.Skipf("TFGATE_BENCH_PLAN: %v", err)
	}
	return p
}

var benchParams = map[string]any{
	"required_tags":   []any{"Owner", "CostCenter"},
	"allowed_regions": []any{"us-east-1", "eu-west-1"},
}

var benchArgs = []string{"--param", "required_tags=Owner,CostCenter", "--param", "allowed_regions=us-east-1,eu-west-1"}

func benchCheck(b *testing.B, path string) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := &CLI{Stdout: io.Discard, Stderr: io.Discard}
		args := append(append([]string{"tfgate", "check", "--no-config", "--format", "sarif"}, benchArgs...), path)
		if code := c.Run(args); code == exitError {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkCheck is the whole `tfgate check --format sarif` run in-process.
func BenchmarkCheck(b *testing.B) { benchCheck(b, benchPlan(b)) }

// BenchmarkCheckSmallDir is the pre-commit case: `tfgate check
// fixtures/tagging` (configuration input, five resources), start-up
// included.
func BenchmarkCheckSmallDir(b *testing.B) { benchCheck(b, "../../fixtures/tagging") }

func BenchmarkLoad(b *testing.B) {
	p := benchPlan(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := input.Load(p, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchEngine(b *testing.B) *rules.Engine {
	b.Helper()
	e, err := rules.New(context.Background(), rules.Options{Params: benchParams})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

func BenchmarkEvaluate(b *testing.B) {
	p := benchPlan(b)
	docs, err := input.Load(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	e := benchEngine(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Evaluate(context.Background(), docs[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender writes the SARIF report of the plan's findings.
func BenchmarkRender(b *testing.B) {
	p := benchPlan(b)
	docs, err := input.Load(p, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	e := benchEngine(b)
	res, err := e.Evaluate(context.Background(), docs[0])
	if err != nil {
		b.Fatal(err)
	}
	rep := &report.Report{ToolVersion: "bench", Rules: e.Rules(), Findings: res.Findings, Notices: res.Notices,
		Sources: []string{p}, Resources: len(docs[0].Resources), FailOn: rules.Low}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := report.Write(io.Discard, "sarif", rep); err != nil {
			b.Fatal(err)
		}
	}
}
