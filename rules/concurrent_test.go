package rules_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// TestConcurrentEqualsSequential: evaluating the rule packages in
// concurrent shards renders byte for byte the same JSON and SARIF reports
// as evaluating them in one shard, on every fixture plan and every corpus
// plan (../shared/corpus/plans, skipped with a message when absent).
func TestConcurrentEqualsSequential(t *testing.T) {
	params := rules.FixtureParams(t)
	ctx := context.Background()
	engine := func(shards int) *rules.Engine {
		e, err := rules.New(ctx, rules.Options{Params: params, Shards: shards})
		if err != nil {
			t.Fatalf("New (%d shards): %v", shards, err)
		}
		return e
	}
	// Four shards even on one CPU, so the concurrent path is the one
	// compared.
	concurrent, sequential := engine(4), engine(1)

	plans := rules.FixtureInputs(t, false)

	findings := 0
	render := func(e *rules.Engine, docs []*plan.Document, format string) []byte {
		t.Helper()
		rep := report.Report{ToolVersion: "test", Rules: e.Rules(), Notices: e.Notices(), BaseDir: "..", FailOn: rules.Never}
		for _, d := range docs {
			res, err := e.Evaluate(ctx, d)
			if err != nil {
				t.Fatalf("%s: %v", d.Source.Path, err)
			}
			rep.Findings = append(rep.Findings, res.Findings...)
			findings += len(res.Findings)
			rep.Notices = append(rep.Notices, res.Notices...)
			rep.Resources += len(d.Resources)
			rep.Sources = append(rep.Sources, d.Source.Path)
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, format, &rep); err != nil {
			t.Fatalf("write %s: %v", format, err)
		}
		return buf.Bytes()
	}
	for _, p := range plans {
		docs, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, format := range []string{"json", "sarif"} {
			want := render(sequential, docs, format)
			got := render(concurrent, docs, format)
			if !bytes.Equal(got, want) {
				t.Errorf("%s: %s output of concurrent shards differs from sequential evaluation (-sequential +concurrent):\n%s",
					p, format, cmp.Diff(string(want), string(got)))
			}
		}
	}
	// The comparison means something only if the plans produce findings
	// (each is counted four times: two engines, two formats).
	if findings == 0 {
		t.Error("no plan produced a finding")
	}
	t.Logf("%d plans, %d findings compared", len(plans), findings/4)
}

// TestReleaseValuesEqualsKept: an engine that releases each document's
// values once converted (Options.ReleaseValues, as tfgate check runs)
// finds exactly what one that keeps them finds (sensitivity included),
// and reports it byte for byte alike, through EvaluateChange (which also
// evaluates the state before a plan), on every fixture and corpus plan
// and configuration; and it did release them.
func TestReleaseValuesEqualsKept(t *testing.T) {
	params := rules.FixtureParams(t)
	ctx := context.Background()
	engine := func(release bool) *rules.Engine {
		e, err := rules.New(ctx, rules.Options{Params: params, ReleaseValues: release})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	kept, released := engine(false), engine(true)
	sensitive, fixed := 0, 0
	evaluate := func(e *rules.Engine, docs []*plan.Document) (report.Report, []byte) {
		t.Helper()
		rep := report.Report{ToolVersion: "test", Rules: e.Rules(), Notices: e.Notices(), BaseDir: "..", FailOn: rules.Never}
		for _, d := range docs {
			res, err := e.EvaluateChange(ctx, d)
			if err != nil {
				t.Fatalf("%s: %v", d.Source.Path, err)
			}
			rep.Findings = append(rep.Findings, res.Findings...)
			rep.Fixed = append(rep.Fixed, res.Fixed...)
			rep.Notices = append(rep.Notices, res.Notices...)
		}
		var buf bytes.Buffer
		for _, format := range []string{"json", "sarif", "text"} {
			if err := report.Write(&buf, format, &rep); err != nil {
				t.Fatalf("write %s: %v", format, err)
			}
		}
		return rep, buf.Bytes()
	}
	inputs := rules.FixtureInputs(t, true)
	for _, p := range inputs {
		load := func() []*plan.Document {
			docs, err := input.Load(p, plan.Options{})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			return docs
		}
		wantRep, want := evaluate(kept, load())
		docs := load()
		gotRep, got := evaluate(released, docs)
		if d := cmp.Diff(wantRep.Findings, gotRep.Findings); d != "" {
			t.Errorf("%s: released values change the findings (-kept +released):\n%s", p, d)
		}
		if d := cmp.Diff(wantRep.Fixed, gotRep.Fixed); d != "" {
			t.Errorf("%s: released values change the fixed findings (-kept +released):\n%s", p, d)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: released values change the reports (-kept +released):\n%s", p, cmp.Diff(string(want), string(got)))
		}
		for _, f := range wantRep.Findings {
			if f.Sensitive {
				sensitive++
			}
		}
		fixed += len(wantRep.Fixed)
		for _, d := range docs {
			for _, r := range d.Resources {
				if r.After != nil || r.Unknown != nil {
					t.Fatalf("%s: %s kept its values", p, r.Address)
				}
			}
		}
	}
	if sensitive == 0 || fixed == 0 {
		t.Errorf("the inputs have %d sensitive and %d fixed findings: the comparison does not reach them", sensitive, fixed)
	}
	t.Logf("%d inputs, %d sensitive and %d fixed findings compared", len(inputs), sensitive, fixed)
}
