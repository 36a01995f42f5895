package rules

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

func newPolicyEngine(t testing.TB, dirs ...PolicyDir) *Engine {
	t.Helper()
	e, err := New(context.Background(), Options{Policies: dirs, Params: fullParams})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

func loadFixture(t testing.TB, name string) *plan.Document {
	t.Helper()
	docs, err := input.Load(filepath.Join("..", "fixtures", name, "plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

func loadFixtureConfig(t testing.TB, name string) *plan.Document {
	t.Helper()
	docs, err := input.Load(filepath.Join("..", "fixtures", name), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

// findingRow is a finding without its message.
type findingRow struct {
	Rule, Outcome, Resource, File string
	Line                          int
}

func rowsOf(fs []Finding, prefix string) []findingRow {
	var out []findingRow
	for _, f := range fs {
		if strings.HasPrefix(f.RuleID, prefix) {
			out = append(out, findingRow{f.RuleID, string(f.Outcome), f.Resource, filepath.Base(f.File), f.Range.StartLine})
		}
	}
	return out
}

// The seed example of issue 8, exactly as a Rego introduction prints it.
func TestSeedExampleIsRefusedClearly(t *testing.T) {
	cases := []struct {
		name     string
		dir      PolicyDir
		want     []string
		dontWant []string
	}{
		{
			name: "rego v1 (default)",
			dir:  PolicyDir{Path: "testdata/seed"},
			want: []string{
				"testdata/seed/outbound.rego:5: this policy is written in Rego v0 syntax",
				"load its directory with --rego-v0 (or `rego_version: v0` in .tfgate.yaml)",
				"opa fmt --write --v0-v1 testdata/seed/outbound.rego",
			},
			dontWant: []string{"`if` keyword is required"},
		},
		{
			name: "rego v0",
			dir:  PolicyDir{Path: "testdata/seed", RegoV0: true},
			want: []string{
				"testdata/seed/outbound.rego:6: `Input` is not defined: did you mean input?",
			},
			// The unsafe `permission` is a consequence of `Input`: one cause, one line.
			dontWant: []string{"var permission is unsafe", "var Input is unsafe"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(context.Background(), Options{Policies: []PolicyDir{c.dir}})
			if err == nil {
				t.Fatal("New accepted the seed example")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nwant it to contain %q", err, w)
				}
			}
			for _, w := range c.dontWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nshould not contain %q", err, w)
				}
			}
		})
	}
}

// The seed example adapted to the document, in the per-resource style,
// reports the open security groups of fixtures/egress on their egress block.
func TestPerResourceSeedAdapted(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/per_resource"})
	r, ok := e.Rule("ACME-SG-001")
	if !ok || r.Style != StylePerResource || r.Severity != High || r.Provider != "aws" || r.Package != "data.aws.security_group.outbound" {
		t.Fatalf("Rule(ACME-SG-001) = %+v, %v", r, ok)
	}
	res, err := e.Evaluate(context.Background(), loadFixture(t, "egress"))
	if err != nil {
		t.Fatal(err)
	}
	want := []findingRow{
		{"ACME-SG-001", "fail", "aws_security_group.open_v4", "main.tf", 37},
		{"ACME-SG-001", "fail", "aws_security_group.open_v6", "main.tf", 49},
	}
	if d := cmp.Diff(want, rowsOf(res.Findings, "ACME-")); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	for _, f := range res.Findings {
		if f.RuleID == "ACME-SG-001" && f.Message != f.Resource+" allows egress to the whole internet" {
			t.Errorf("message = %q, want the policy's message", f.Message)
		}
	}
}

// A per-resource verdict that reads a value known only after apply is
// indeterminate, never a failure; deleted resources are not checked.
func TestPerResourceUnknownAndDeleted(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/per_resource"}, PolicyDir{Path: "testdata/per_resource_plain"})
	open := resource("aws_security_group", "open", map[string]any{"egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}}}})
	later := resource("aws_security_group", "later", map[string]any{"egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": nil}}})
	later.Unknown = map[string]any{"egress": []any{map[string]any{"ipv6_cidr_blocks": true}}}
	idOnly := resource("aws_security_group", "id_only", map[string]any{"egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}}}})
	idOnly.Unknown = map[string]any{"id": true, "arn": true}
	gone := resource("aws_security_group", "gone", map[string]any{"egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}}}})
	gone.Change = plan.Change{Actions: []string{"delete"}, Kind: plan.ChangeDelete}
	closed := resource("aws_security_group", "closed", map[string]any{"egress": []any{map[string]any{"cidr_blocks": []any{"10.0.0.0/8"}}}})
	q := resource("aws_sqs_queue", "q", map[string]any{"name": "other"})
	qok := resource("aws_sqs_queue", "ok", map[string]any{"name": "acme-ok"})
	qlater := resource("aws_sqs_queue", "later", map[string]any{"name": nil})
	qlater.Unknown = map[string]any{"name": true}

	res, err := e.Evaluate(context.Background(), doc(open, later, idOnly, gone, closed, q, qok, qlater))
	if err != nil {
		t.Fatal(err)
	}
	want := []findingRow{
		{"ACME-SG-001", "fail", "aws_security_group.id_only", ".", 0},
		{"ACME-SG-001", "fail", "aws_security_group.open", ".", 0},
		{"ACME-SG-001", "unknown", "aws_security_group.later", ".", 0},
		{"CUSTOM-ACME-SQS-NAMED", "fail", "aws_sqs_queue.q", ".", 0},
		{"CUSTOM-ACME-SQS-NAMED", "unknown", "aws_sqs_queue.later", ".", 0},
	}
	got := rowsOf(res.Findings, "")
	var mine []findingRow
	for _, r := range got {
		if !strings.HasPrefix(r.Rule, "TFG-") {
			mine = append(mine, r)
		}
	}
	sortRows := func(rs []findingRow) {
		for i := range rs {
			for j := i + 1; j < len(rs); j++ {
				if fmt.Sprint(rs[j]) < fmt.Sprint(rs[i]) {
					rs[i], rs[j] = rs[j], rs[i]
				}
			}
		}
	}
	sortRows(want)
	sortRows(mine)
	if d := cmp.Diff(want, mine); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

// A policy without METADATA gets an id derived from its package, severity
// medium and a notice naming it.
func TestDerivedIDAndNotice(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/per_resource_plain"})
	r, ok := e.Rule("CUSTOM-ACME-SQS-NAMED")
	if !ok || r.Severity != Medium || !r.Derived || r.Style != StylePerResource || r.Line != 1 || r.File != "testdata/per_resource_plain/queue.rego" {
		t.Fatalf("Rule(CUSTOM-ACME-SQS-NAMED) = %+v, %v", r, ok)
	}
	if d := cmp.Diff([]string{"aws_sqs_queue"}, r.ResourceTypes); d != "" {
		t.Errorf("resource types from the resource_types rule (-want +got):\n%s", d)
	}
	var got []string
	for _, n := range e.Notices() {
		if n.Code == "policy-metadata-defaults" {
			got = append(got, fmt.Sprintf("%s:%d: %s", n.File, n.Line, n.Message))
		}
	}
	want := []string{"testdata/per_resource_plain/queue.rego:1: policy acme.sqs.named has no custom.id, title, custom.severity in its METADATA: reported as CUSTOM-ACME-SQS-NAMED, severity medium (add a METADATA block with title, custom.id and custom.severity to choose)"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("notices (-want +got):\n%s", d)
	}
	if DerivedID("data.tfgate.rules.acme.naming.queue_prefix") != "CUSTOM-ACME-NAMING-QUEUE-PREFIX" {
		t.Errorf("DerivedID of a tfgate.rules package = %s", DerivedID("data.tfgate.rules.acme.naming.queue_prefix"))
	}
}

// Mistakes an author makes are one clear line each, naming file and line.
func TestPolicyRefusals(t *testing.T) {
	cases := map[string]struct {
		dir  PolicyDir
		want string
	}{
		"misspelt field of a resource": {PolicyDir{Path: "testdata/typo_resource"},
			"testdata/typo_resource/p.rego:12: input.afterr is not a field of the input (input has: address, after, before, change, index, location, mode, module, name, provider, references, region, tags, type, unknown); did you mean input.after?"},
		"misspelt field of the document": {PolicyDir{Path: "testdata/typo_document"},
			"testdata/typo_document/p.rego:9: input.resoures is not a field of the input (input has: notices, resources, source); did you mean input.resources?"},
		"conftest policy in a document directory": {PolicyDir{Path: "testdata/stray_deny"},
			"input.resource_changes is not a field of the input (input has: notices, resources, source); this policy reads Terraform's plan JSON: load its directory with --policy-input plan-json"},
		"allow without default": {PolicyDir{Path: "testdata/no_default"},
			"testdata/no_default/p.rego:1: per-resource policy acme.no_default defines allow without a default: add `default allow := true`"},
		"no resource types": {PolicyDir{Path: "testdata/no_types"},
			"testdata/no_types/p.rego:1: per-resource policy acme.no_types does not name its resource types"},
		"built-in id": {PolicyDir{Path: "testdata/builtin_id"},
			"testdata/builtin_id/p.rego:1: rule id TFG-AWS-EGRESS-001 is a built-in rule's id"},
		"v1 file loaded as v0": {PolicyDir{Path: "testdata/per_resource", RegoV0: true},
			"testdata/per_resource/outbound.rego:14: this policy is written in Rego v1 syntax, but its directory is loaded as Rego v0"},
		"plan-json directory without deny": {PolicyDir{Path: "testdata/per_resource_plain", Input: InputPlanJSON},
			"policy directory testdata/per_resource_plain (input plan-json) has no package defining deny, violation or warn"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := New(context.Background(), Options{Policies: []PolicyDir{c.dir}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, c.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n\t") {
				t.Errorf("err has OPA's multi-line detail: %q", err)
			}
		})
	}
}

// A package with deny outside tfgate.rules and without input is refused
// (it would never run), even when it does not read the plan.
func TestStrayDenyIsRefused(t *testing.T) {
	_, err := New(context.Background(), Options{Policies: []PolicyDir{{Path: "testdata/conftest"}}})
	if err == nil || !strings.Contains(err.Error(), "input.resource_changes is not a field of the input") {
		t.Errorf("err = %v", err)
	}
}

// Conftest and HCP Terraform policies run unchanged over the raw plan.
func TestPlanJSONPolicies(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/conftest", Input: InputPlanJSON}, PolicyDir{Path: "testdata/hcp", Input: InputHCP})
	for id, want := range map[string]struct {
		sev   Severity
		style string
	}{
		"CUSTOM-MAIN":      {Medium, StylePlanJSON},
		"CUSTOM-MAIN-WARN": {Low, StylePlanJSON},
		"CUSTOM-TERRAFORM-POLICIES-PUBLIC-EGRESS": {Medium, StyleHCP},
	} {
		r, ok := e.Rule(id)
		if !ok || r.Severity != want.sev || r.Style != want.style {
			t.Errorf("Rule(%s) = %+v, %v; want severity %v, style %s", id, r, ok, want.sev, want.style)
		}
	}
	res, err := e.Evaluate(context.Background(), loadFixture(t, "egress"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Rule, Resource, File, Message string }
	var got []row
	for _, f := range res.Findings {
		if strings.HasPrefix(f.RuleID, "CUSTOM-") {
			got = append(got, row{f.RuleID, f.Resource, filepath.Base(f.File), f.Message})
		}
	}
	want := []row{
		{"CUSTOM-MAIN", "aws_security_group.open_v4", "main.tf", "aws_security_group.open_v4: egress to 0.0.0.0/0"},
		{"CUSTOM-MAIN", "aws_security_group.open_v6", "main.tf", "aws_security_group.open_v6: egress to ::/0"},
		{"CUSTOM-TERRAFORM-POLICIES-PUBLIC-EGRESS", "aws_vpc_security_group_egress_rule.v6", "main.tf", "aws_vpc_security_group_egress_rule.v6 allows egress to ::/0"},
	}
	less := func(a, b row) bool { return a.Rule+a.Resource < b.Rule+b.Resource }
	sortSlice(got, less)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	if len(res.Notices) != 0 {
		for _, n := range res.Notices {
			if n.Code == "rule-not-evaluated" {
				t.Errorf("unexpected notice on a plan: %+v", n)
			}
		}
	}

	// Configuration input has no plan JSON: not evaluated, never passed.
	res, err = e.Evaluate(context.Background(), loadFixtureConfig(t, "egress"))
	if err != nil {
		t.Fatal(err)
	}
	var notEvaluated []string
	for _, n := range res.Notices {
		if n.Code == "rule-not-evaluated" {
			notEvaluated = append(notEvaluated, n.RuleID)
		}
	}
	if d := cmp.Diff([]string{"CUSTOM-MAIN", "CUSTOM-MAIN-WARN", "CUSTOM-TERRAFORM-POLICIES-PUBLIC-EGRESS"}, notEvaluated); d != "" {
		t.Errorf("not-evaluated notices on configuration input (-want +got):\n%s", d)
	}
	for _, f := range res.Findings {
		if strings.HasPrefix(f.RuleID, "CUSTOM-") {
			t.Errorf("finding of a plan-JSON policy on configuration input: %+v", f)
		}
	}
}

// A plan-level entry (no resource named) points at the plan file, without a
// line; a warn entry is reported under the -WARN rule.
func TestPlanJSONPlanLevelFinding(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/conftest", Input: InputPlanJSON})
	d := &plan.Document{
		Source:   plan.Source{Kind: plan.KindPlan, Path: "p.json"},
		PlanJSON: []byte(`{"format_version":"1.2","terraform_version":"0.15.0","resource_changes":[{"address":"aws_sqs_queue.q","type":"aws_sqs_queue","change":{"actions":["delete"],"before":{},"after":null}}]}`),
	}
	res, err := e.Evaluate(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Rule, Resource, File, Message string }
	var got []row
	for _, f := range res.Findings {
		got = append(got, row{f.RuleID, f.Resource, f.File, f.Message})
		if f.Range != (plan.Range{}) || f.Source != "p.json" {
			t.Errorf("plan-level finding has a range or wrong source: %+v", f)
		}
	}
	want := []row{
		{"CUSTOM-MAIN", "", "", "plan made by Terraform 0.15.0"},
		{"CUSTOM-MAIN-WARN", "", "", "plan deletes resources"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

// Values Terraform marks sensitive never reach a plan-JSON policy (so never
// its messages).
func TestRedactPlan(t *testing.T) {
	raw := `{"resource_changes":[{"address":"aws_db_instance.db","change":{"before":null,"after":{"password":"hunter2","name":"db","tags":{"k":"v"}},"after_sensitive":{"password":true,"tags":{}}}},
	{"address":"aws_ssm_parameter.copy","change":{"after":{"value":"hunter2"},"after_sensitive":{}}}],
	"planned_values":{"outputs":{"pw":{"sensitive":true,"value":"s3cret"}},"root_module":{"resources":[{"values":{"password":"hunter2"},"sensitive_values":{"password":true}}]}},
	"variables":{"token":{"value":"tok"},"region":{"value":"eu-west-1"}},
	"configuration":{"root_module":{"variables":{"token":{"sensitive":true},"region":{}}}}}`
	d := &plan.Document{Source: plan.Source{Path: "p.json"}, PlanJSON: []byte(raw)}
	v, err := planInput(d)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(v)
	for _, secret := range []string{"hunter2", "s3cret", "tok "} {
		if strings.Contains(got, secret) {
			t.Errorf("redacted plan still holds %q: %s", secret, got)
		}
	}
	for _, kept := range []string{"eu-west-1", "name:db"} {
		if !strings.Contains(got, kept) {
			t.Errorf("redacted plan lost %q: %s", kept, got)
		}
	}
}

func TestAddressIn(t *testing.T) {
	by := map[string]*plan.Resource{}
	for _, a := range []string{"aws_s3_bucket.b", "aws_s3_bucket.b2", "module.m.aws_s3_bucket.b", `aws_sqs_queue.q["x"]`} {
		by[a] = &plan.Resource{Address: a}
	}
	for msg, want := range map[string]string{
		"aws_s3_bucket.b is public":                        "aws_s3_bucket.b",
		"bucket aws_s3_bucket.b2: public":                  "aws_s3_bucket.b2",
		"module.m.aws_s3_bucket.b is public":               "module.m.aws_s3_bucket.b",
		"aws_s3_bucket.b.acl is public-read":               "aws_s3_bucket.b",
		`aws_sqs_queue.q["x"] has no key`:                  `aws_sqs_queue.q["x"]`,
		"aws_s3_bucket.b and aws_s3_bucket.b2 both public": "",
		"nothing named":                                    "",
		"aws_s3_bucket.bx is not a resource of the plan":   "",
	} {
		if got := addressIn(msg, by); got != want {
			t.Errorf("addressIn(%q) = %q, want %q", msg, got, want)
		}
	}
}

func sortSlice[T any](s []T, less func(a, b T) bool) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if less(s[j], s[i]) {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

// perResourceDoc is n security groups, every fourth open to the internet.
func perResourceDoc(n int) *plan.Document {
	var rs []plan.Resource
	for i := 0; i < n; i++ {
		cidr := "10.0.0.0/8"
		if i%4 == 0 {
			cidr = "0.0.0.0/0"
		}
		rs = append(rs, resource("aws_security_group", fmt.Sprintf("sg%d", i), map[string]any{
			"tags": map[string]any{"Owner": "x"}, "egress": []any{map[string]any{"cidr_blocks": []any{cidr}, "ipv6_cidr_blocks": []any{}}},
		}))
	}
	return doc(rs...)
}

// BenchmarkPerResourceOneQuery: the engine's way, one query over every
// matching resource (`with input as r` inside a comprehension).
func BenchmarkPerResourceOneQuery(b *testing.B) {
	e := newPolicyEngine(b, PolicyDir{Path: "testdata/per_resource"})
	d := perResourceDoc(2000)
	in, err := docValue(d)
	if err != nil {
		b.Fatal(err)
	}
	byAddr := map[string]*plan.Resource{}
	for i := range d.Resources {
		byAddr[d.Resources[i].Address] = &d.Resources[i]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fs, err := e.evalPerResource(context.Background(), e.perRes[0], in, d, byAddr)
		if err != nil || len(fs) != 500 {
			b.Fatalf("%d findings, %v", len(fs), err)
		}
	}
}

// BenchmarkPerResourceEvalEach: the naive way, one Eval per resource.
func BenchmarkPerResourceEvalEach(b *testing.B) {
	e := newPolicyEngine(b, PolicyDir{Path: "testdata/per_resource"})
	d := perResourceDoc(2000)
	p := e.perRes[0]
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for j := range d.Resources {
			in, err := resourceValue(&d.Resources[j], &sharedValues{})
			if err != nil {
				b.Fatal(err)
			}
			rs, err := p.single.Eval(context.Background(), rego.EvalParsedInput(in))
			if err != nil {
				b.Fatal(err)
			}
			if rs[0].Bindings["__v"] == false {
				n++
			}
		}
		if n != 500 {
			b.Fatalf("%d findings", n)
		}
	}
}

// A conftest policy that prints every string of the plan never prints a
// value Terraform marks sensitive (fixtures/sensitive: a password and a
// sensitive tag value, repeated unmarked in tags_all).
func TestPlanJSONPolicyNeverSeesSensitiveValues(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/conftest_echo", Input: InputPlanJSON})
	d := loadFixture(t, "sensitive")
	if !strings.Contains(string(d.PlanJSON), "Fixture-S3cr3t-Pa55word") || !strings.Contains(string(d.PlanJSON), "secret-owner-alice") {
		t.Fatal("fixtures/sensitive no longer holds the secrets this test looks for")
	}
	res, err := e.Evaluate(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	redacted := 0
	for _, f := range res.Findings {
		for _, secret := range []string{"Fixture-S3cr3t-Pa55word", "secret-owner-alice"} {
			if strings.Contains(f.Message, secret) {
				t.Errorf("finding shows a sensitive value: %s", f.Message)
			}
		}
		if strings.HasSuffix(f.Message, plan.Redacted) {
			redacted++
		}
	}
	if len(res.Findings) < 10 || redacted == 0 {
		t.Errorf("%d findings, %d redacted: the policy did not see the plan", len(res.Findings), redacted)
	}
}

// conftest's exception set excepts the deny_<name> rules it names.
func TestPlanJSONExceptions(t *testing.T) {
	e := newPolicyEngine(t, PolicyDir{Path: "testdata/conftest_exception", Input: InputPlanJSON})
	d := &plan.Document{
		Source:   plan.Source{Kind: plan.KindPlan, Path: "p.json"},
		PlanJSON: []byte(`{"terraform_version":"0.15.0","resource_changes":[{"address":"a.b","change":{"actions":["delete"]}}]}`),
	}
	res, err := e.Evaluate(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+": "+f.Message)
	}
	if d := cmp.Diff([]string{"CUSTOM-MAIN: plan deletes resources"}, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}
