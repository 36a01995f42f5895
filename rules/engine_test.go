package rules

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

var fullParams = map[string]any{
	"required_tags":   []any{"Owner"},
	"allowed_regions": []any{"us-east-1"},
}

func newEngine(t testing.TB, dirs []string, params map[string]any) *Engine {
	t.Helper()
	e, err := New(context.Background(), Options{PolicyDirs: dirs, Params: params})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func resource(typ, name string, after map[string]any) plan.Resource {
	var tags map[string]any
	if t, ok := after["tags"].(map[string]any); ok {
		tags = t
	}
	return plan.Resource{
		Address: typ + "." + name, Mode: "managed", Type: typ, Name: name,
		Provider: plan.Provider{Name: "aws", ConfigKey: "aws", Region: "us-east-1"},
		Region:   "us-east-1",
		Change:   plan.Change{Actions: []string{"create"}, Kind: plan.ChangeCreate},
		After:    after, Unknown: map[string]any{}, References: map[string][]string{}, Tags: tags,
	}
}

func doc(rs ...plan.Resource) *plan.Document {
	return &plan.Document{Source: plan.Source{Kind: plan.KindPlan, Path: "plan.json"}, Resources: rs}
}

func TestCatalogue(t *testing.T) {
	e := newEngine(t, nil, fullParams)
	ids := map[string]bool{}
	// Built-in rules live in library/rules/<provider>/ and their ids name
	// the cloud: TFG-<CLOUD>-<FAMILY>-NNN.
	cloudOf := map[string]string{"aws": "AWS", "azurerm": "AZURE", "google": "GCP"}
	perCloud := map[string]int{}
	for _, r := range e.Rules() {
		ids[r.ID] = true
		cloud, known := cloudOf[r.Provider]
		if r.Title == "" || r.Family == "" || !known || !r.Builtin || !strings.HasPrefix(r.File, "library/rules/"+r.Provider+"/") || r.Line < 1 {
			t.Errorf("incomplete rule %+v", r)
		}
		if len(r.ResourceTypes) == 0 || r.Remediation == "" || r.Description == "" || len(r.Frameworks) == 0 {
			t.Errorf("%s: METADATA needs resource_types, description, remediation and frameworks", r.ID)
		}
		if !strings.HasPrefix(r.ID, "TFG-"+cloud+"-") {
			t.Errorf("%s: built-in %s rule ids are TFG-%s-<FAMILY>-NNN", r.ID, r.Provider, cloud)
		}
		perCloud[r.Provider]++
	}
	for provider, least := range map[string]int{"aws": 50, "azurerm": 15, "google": 15} {
		if perCloud[provider] < least {
			t.Errorf("%d %s rules, want at least %d", perCloud[provider], provider, least)
		}
	}
	// Ids are stable forever: the first library's are still there.
	for _, id := range []string{"TFG-AWS-EGRESS-001", "TFG-AWS-ENC-001", "TFG-AWS-ENC-002", "TFG-AWS-ENC-003", "TFG-AWS-REG-001", "TFG-AWS-TAG-001"} {
		if !ids[id] {
			t.Errorf("rule %s is gone: ids are never removed or reused", id)
		}
	}
	r, ok := e.Rule("TFG-AWS-TAG-001")
	if !ok || r.Severity != Medium || r.Params[0] != "required_tags" || r.Package != "data.tfgate.rules.aws.tagging.required_tags" {
		t.Errorf("Rule(TFG-AWS-TAG-001) = %+v, %v", r, ok)
	}
}

func TestRefusals(t *testing.T) {
	cases := map[string]string{
		"testdata/bad_severity": `testdata/bad_severity/p.rego:1: package tfgate.rules.test.x.bad_severity: rule TEST-001: custom.severity "severe" is not one of low, medium, high, critical`,
		"testdata/dup_a":        "testdata/dup_a/p.rego:1: rule id TFG-AWS-TAG-001 is a built-in rule's id (library/rules/aws/tagging/required_tags.rego:1): give your policy an id of your own, e.g. ACME-AWS-TAG-001",
		"testdata/depth":        "testdata/depth/p.rego:6: package tfgate.rules.test.shallow: rule packages are tfgate.rules.<cloud>.<family>.<name>",
		"testdata/http":         "testdata/http/p.rego:9: http.send is not allowed in tfgate policies: they may not reach the network",
		"testdata/syntax":       "testdata/syntax/p.rego:5: rego_parse_error: unexpected } token",
		"testdata/nope":         "policy directory testdata/nope: no such file or directory",
	}
	for dir, want := range cases {
		t.Run(dir, func(t *testing.T) {
			_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v\nwant it to contain %q", err, want)
			}
		})
	}
}

func TestRuntimeErrorIsAnError(t *testing.T) {
	e := newEngine(t, []string{"testdata/runtime"}, fullParams)
	_, err := e.Evaluate(context.Background(), doc(resource("aws_sqs_queue", "notanumber", map[string]any{"tags": map[string]any{"Owner": "x"}})))
	if err == nil || !strings.Contains(err.Error(), "policy evaluation failed") || !strings.Contains(err.Error(), "testdata/runtime/p.rego:") {
		t.Fatalf("err = %v, want an evaluation error naming testdata/runtime/p.rego", err)
	}
}

func TestConflictIsAnError(t *testing.T) {
	e := newEngine(t, []string{"testdata/conflict"}, fullParams)
	d := doc(resource("aws_sqs_queue", "a", nil), resource("aws_sqs_queue", "b", nil))
	_, err := e.Evaluate(context.Background(), d)
	if err == nil || !strings.Contains(err.Error(), "testdata/conflict/p.rego:") || !strings.Contains(err.Error(), "conflicting values: \"a\" at") {
		t.Fatalf("err = %v, want a conflict error naming testdata/conflict/p.rego", err)
	}
}

func TestEvaluateFindingsAndRanges(t *testing.T) {
	e := newEngine(t, []string{"testdata/custom"}, fullParams)
	sg := resource("aws_security_group", "web", map[string]any{
		"tags":   map[string]any{"Owner": "me"},
		"egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": []any{}, "protocol": "-1", "from_port": 0, "to_port": 0}},
	})
	sg.Location = &plan.Location{File: "main.tf", StartLine: 10, EndLine: 20, Attributes: map[string]plan.Range{
		"egress":                {StartLine: 12, StartColumn: 3, EndLine: 15, EndColumn: 4},
		"egress[0]":             {StartLine: 12, StartColumn: 3, EndLine: 15, EndColumn: 4},
		"egress[0].cidr_blocks": {StartLine: 13, StartColumn: 5, EndLine: 13, EndColumn: 34},
	}}
	vol := resource("aws_ebs_volume", "v", map[string]any{"tags": map[string]any{}, "encrypted": nil})
	vol.Unknown = map[string]any{"encrypted": true}
	q := resource("aws_sqs_queue", "q", map[string]any{"tags": map[string]any{"Owner": "me"}, "name": "q"})
	gone := resource("aws_ebs_volume", "gone", map[string]any{"encrypted": false})
	gone.Change = plan.Change{Actions: []string{"delete"}, Kind: plan.ChangeDelete}

	res, err := e.Evaluate(context.Background(), doc(sg, vol, q, gone))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Rule, Outcome, Resource, Attr, File string
		Line                                int
	}
	var got []row
	for _, f := range res.Findings {
		got = append(got, row{f.RuleID, string(f.Outcome), f.Resource, f.Attribute, f.File, f.Range.StartLine})
	}
	want := []row{
		{"ACME-001", "fail", "aws_sqs_queue.q", "name", "", 0},
		{"TFG-AWS-ENC-001", "unknown", "aws_ebs_volume.v", "encrypted", "", 0},
		{"TFG-AWS-TAG-001", "fail", "aws_ebs_volume.v", "tags", "", 0},
		{"TFG-AWS-EGRESS-001", "fail", "aws_security_group.web", "egress[0].cidr_blocks", "main.tf", 13},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	for _, f := range res.Findings {
		if f.RuleID == "ACME-001" && f.Severity != Critical {
			t.Errorf("custom rule severity = %v", f.Severity)
		}
	}
}

func TestSkippedRulesAreReported(t *testing.T) {
	e := newEngine(t, nil, nil)
	var want, got []string
	params := map[string]any{}
	for _, r := range e.Rules() {
		if len(r.Params) > 0 {
			want = append(want, r.ID)
		}
		for _, p := range r.Params {
			params[p] = []any{"x"}
		}
	}
	for _, n := range e.Skipped() {
		got = append(got, n.RuleID)
	}
	if d := cmp.Diff(want, got); d != "" || !slices.Contains(got, "TFG-AWS-TAG-001") {
		t.Errorf("skipped (-want +got):\n%s", d)
	}
	if s := newEngine(t, nil, params).Skipped(); len(s) != 0 {
		t.Errorf("rules skipped although their parameters are set: %v", s)
	}
}

// TestShardsCoverTheCatalogue: every rule is in exactly one shard.
func TestShardsCoverTheCatalogue(t *testing.T) {
	e := newEngine(t, nil, fullParams)
	for n := 1; n <= 5; n++ {
		seen := map[string]int{}
		for _, shard := range shardData(shardUnits(e.Rules(), n)) {
			for _, p := range shard.([]any) {
				path := p.(map[string]any)["path"].([]any)
				seen[fmt.Sprint(path...)]++
			}
		}
		if len(seen) != len(e.Rules()) {
			t.Errorf("%d shards hold %d rules, want %d", n, len(seen), len(e.Rules()))
		}
		for k, c := range seen {
			if c != 1 {
				t.Errorf("%d shards: %s in %d shards", n, k, c)
			}
		}
	}
}

// TestUnitOrder: one worker evaluates every rule in one unit; several take
// a unit per rule, the rules that visit the most resources of the
// document first (every type, then by the count of their types, a type
// prefix counting every type it covers), unit order among equals.
func TestUnitOrder(t *testing.T) {
	rule := func(id string, types ...string) Rule { return Rule{ID: id, ResourceTypes: types} }
	rs := []Rule{
		rule("one-volume", "aws_ebs_volume"),
		rule("all-a", "*"),
		rule("queues", "aws_sqs_queue"),
		rule("none", "aws_kms_key"),
		rule("all-b"),
		rule("prefix", "aws_s*"),
	}
	if u := shardUnits(rs, 1); len(u) != 1 || len(u[0]) != len(rs) {
		t.Fatalf("one worker: units %v, want one unit of every rule", u)
	}
	units := shardUnits(rs, 2)
	if len(units) != len(rs) {
		t.Fatalf("two workers: %d units, want %d", len(units), len(rs))
	}
	doc := &plan.Document{}
	add := func(typ string, n int) {
		for i := range n {
			doc.Resources = append(doc.Resources, resource(typ, fmt.Sprintf("r%d", i), map[string]any{}))
		}
	}
	add("aws_ebs_volume", 1)
	add("aws_sqs_queue", 3)
	add("aws_s3_bucket", 2)
	_, idx := docInput(t, doc)
	var got []string
	for _, k := range unitOrder(units, idx) {
		got = append(got, units[k][0].ID)
	}
	want := []string{"all-a", "all-b", "prefix", "queues", "one-volume", "none"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestShardsForDocumentSize: a document of fewer than smallDocument
// resources is evaluated by one worker (a second worker's store and a
// query per rule cost more than they save), a larger one by one worker per
// CPU, and Options.Shards, when set, decides for every document.
func TestShardsForDocumentSize(t *testing.T) {
	doc := func(n int) *plan.Document {
		d := &plan.Document{}
		for i := 0; i < n; i++ {
			d.Resources = append(d.Resources, resource("aws_ebs_volume", fmt.Sprintf("v%d", i), map[string]any{"encrypted": true}))
		}
		return d
	}
	auto := newEngine(t, nil, fullParams)
	for _, c := range []struct{ resources, want int }{
		{0, 1}, {5, 1}, {smallDocument - 1, 1}, {smallDocument, numShards()}, {10 * smallDocument, numShards()},
	} {
		if got := auto.shardsFor(doc(c.resources)); got != c.want {
			t.Errorf("%d resources: %d shards, want %d", c.resources, got, c.want)
		}
	}
	fixed, err := New(context.Background(), Options{Params: fullParams, Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 10 * smallDocument} {
		if got := fixed.shardsFor(doc(n)); got != 3 {
			t.Errorf("Options.Shards 3, %d resources: %d shards", n, got)
		}
	}
	// The compiled shards are kept per shard count: a small and a large
	// document with the same resource types do not share them.
	ctx := context.Background()
	small, large := doc(2), doc(smallDocument)
	if _, err := auto.Evaluate(ctx, small); err != nil {
		t.Fatal(err)
	}
	if _, err := auto.Evaluate(ctx, large); err != nil {
		t.Fatal(err)
	}
	want := 1
	if numShards() > 1 {
		want = 2
	}
	if got := len(auto.prepared); got != want {
		t.Errorf("%d compiled selections kept, want %d (one per shard count)", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	e := newEngine(t, nil, fullParams)
	var rs []plan.Resource
	for i := 0; i < 50; i++ {
		rs = append(rs, resource("aws_ebs_volume", fmt.Sprintf("v%d", i), map[string]any{"encrypted": false, "tags": map[string]any{}}))
	}
	first, err := e.Evaluate(context.Background(), doc(rs...))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		again, err := e.Evaluate(context.Background(), doc(rs...))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(first, again); d != "" {
			t.Fatalf("second evaluation differs:\n%s", d)
		}
	}
	if len(first.Findings) != 100 {
		t.Errorf("%d findings, want 100", len(first.Findings))
	}
}

func TestLibraryRegoTests(t *testing.T) {
	passed, failed, out, err := RunTests(context.Background(), []string{"testdata/custom"}, true)
	if err != nil {
		t.Fatal(err)
	}
	if failed > 0 || passed < 50 {
		t.Errorf("rego tests: %d passed, %d failed\n%s", passed, failed, out)
	}
}

func benchmarkEvaluate(b *testing.B, n int) {
	e := newEngine(b, nil, fullParams)
	var rs []plan.Resource
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			rs = append(rs, resource("aws_ebs_volume", fmt.Sprintf("v%d", i), map[string]any{"encrypted": i%8 == 0, "tags": map[string]any{"Owner": "x"}}))
		case 1:
			r := resource("aws_s3_bucket", fmt.Sprintf("b%d", i), map[string]any{"tags": map[string]any{}})
			rs = append(rs, r)
		case 2:
			r := resource("aws_s3_bucket_server_side_encryption_configuration", fmt.Sprintf("b%d", i-1), map[string]any{"rule": []any{map[string]any{"apply_server_side_encryption_by_default": []any{map[string]any{"sse_algorithm": "aws:kms"}}}}})
			r.References = map[string][]string{"bucket": {fmt.Sprintf("aws_s3_bucket.b%d", i-1)}}
			rs = append(rs, r)
		case 3:
			rs = append(rs, resource("aws_security_group", fmt.Sprintf("sg%d", i), map[string]any{"tags": map[string]any{"Owner": "x"}, "egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}}}}))
		}
	}
	d := doc(rs...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.Evaluate(context.Background(), d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate1000(b *testing.B)  { benchmarkEvaluate(b, 1000) }
func BenchmarkEvaluate10000(b *testing.B) { benchmarkEvaluate(b, 10000) }

func TestHoldsRedacted(t *testing.T) {
	after := map[string]any{"password": plan.Redacted, "tags": map[string]any{"Owner": plan.Redacted}, "egress": []any{map[string]any{"cidr_blocks": []any{"10.0.0.0/8"}}}}
	for path, want := range map[string]bool{"password": true, "tags": true, "tags.Owner": true, "egress[0].cidr_blocks": false, "egress[3]": false, "": false, "nope": false} {
		v, err := ast.InterfaceToValue(after)
		if err != nil {
			t.Fatal(err)
		}
		if got := holdsRedacted(v, path); got != want {
			t.Errorf("holdsRedacted(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestAnticipate: a guess of a document's types compiles, in the
// background, the selection Evaluate then uses (one compilation in all);
// a wrong guess compiles something else and Evaluate compiles what its
// document selects; either way the findings are those of an engine that
// never guessed.
func TestAnticipate(t *testing.T) {
	docs, err := input.Load("../fixtures/s3-public/plan.json", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := docs[0]
	want, err := newEngine(t, nil, fullParams).Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 {
		t.Fatal("the fixture has no findings: nothing compared")
	}
	var types, providers []string
	for _, r := range doc.Resources {
		types = append(types, r.Type)
		providers = append(providers, r.Provider.Name)
	}
	for _, c := range []struct {
		name             string
		types, providers []string
		compilations     int
	}{
		{"right", types, providers, 1},
		{"wrong", []string{"aws_sqs_queue"}, []string{"aws"}, 2},
		{"other cloud", []string{"google_storage_bucket"}, []string{"google"}, 2},
	} {
		e := newEngine(t, nil, fullParams)
		e.Anticipate(context.Background(), c.types, c.providers, len(doc.Resources))
		got, err := e.Evaluate(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want.Findings, got.Findings); d != "" {
			t.Errorf("%s guess: findings differ (-without +with):\n%s", c.name, d)
		}
		// A wrong guess's goroutine may not have started yet: wait for it.
		compiled := func() int {
			e.mu.Lock()
			defer e.mu.Unlock()
			return len(e.prepared)
		}
		for i := 0; i < 500 && compiled() != c.compilations; i++ {
			time.Sleep(10 * time.Millisecond)
		}
		if n := compiled(); n != c.compilations {
			t.Errorf("%s guess: %d selections compiled, want %d", c.name, n, c.compilations)
		}
	}
}

// docInput is the input value of doc and its index (data.tfgate.index),
// as Evaluate makes them.
func docInput(tb testing.TB, doc *plan.Document) (input, index ast.Value) {
	tb.Helper()
	input, err := docValue(doc)
	if err != nil {
		tb.Fatal(err)
	}
	if index, err = docIndex(doc, input); err != nil {
		tb.Fatal(err)
	}
	return input, index
}

// TestCompileParts: with one worker (a small document) the selection is
// cut into consecutive parts, one per CPU and at most maxCompileParts,
// each compiled on its own; on every fixture (plans and configuration
// directories) and corpus plan that gives the same entries, in the same
// order, as one compilation of the whole selection (one CPU).
func TestCompileParts(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	e := newEngine(t, nil, fullParams)
	rs := e.Rules()[:7]
	for procs := 1; procs <= 3; procs++ {
		runtime.GOMAXPROCS(procs)
		parts := e.compileParts(rs)
		if want := min(procs, maxCompileParts); len(parts) != want {
			t.Errorf("%d CPUs: %d parts, want %d", procs, len(parts), want)
		}
		if got := slices.Concat(parts...); !slices.EqualFunc(got, rs, func(a, b Rule) bool { return a.ID == b.ID }) {
			t.Errorf("%d CPUs: parts %v do not hold the rules in order", procs, parts)
		}
		for _, p := range parts {
			if len(p) == 0 {
				t.Errorf("%d CPUs: an empty part", procs)
			}
		}
	}
	runtime.GOMAXPROCS(2)
	if parts := e.compileParts(rs[:1]); len(parts) != 1 {
		t.Errorf("one rule: %d parts", len(parts))
	}
	// A small rule then a large one: still two parts.
	small, large := Rule{Package: "data.tfgate.rules.aws.encryption.sns_topic"}, Rule{Package: "data.tfgate.rules.aws.tagging.required_tags"}
	if parts := e.compileParts([]Rule{small, large}); len(parts) != 2 {
		t.Errorf("a small rule and a large one: %d parts", len(parts))
	}

	params := FixtureParams(t)
	ctx := context.Background()
	compared, cut := 0, 0
	for _, p := range FixtureInputs(t, true) {
		docs, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, doc := range docs {
			in, err := docValue(doc)
			if err != nil {
				t.Fatal(err)
			}
			results := func(procs int) []rawResult {
				runtime.GOMAXPROCS(procs)
				e, err := New(ctx, Options{Params: params, Shards: 1})
				if err != nil {
					t.Fatal(err)
				}
				set, err := e.prepare(ctx, e.selectRules(doc), 1)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if set != nil && procs > 1 && len(set.units) > 1 {
					cut++
				}
				out, err := e.rawResults(ctx, doc, in)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				return out
			}
			one, parts := results(1), results(2)
			if d := cmp.Diff(one, parts); d != "" {
				t.Errorf("%s: compiled in parts (-one +parts):\n%s", p, d)
			}
			compared += len(one)
		}
	}
	if compared == 0 || cut == 0 {
		t.Errorf("%d entries compared, %d selections cut: the comparison reaches nothing", compared, cut)
	}
	t.Logf("%d entries compared, %d selections compiled in parts", compared, cut)
}
