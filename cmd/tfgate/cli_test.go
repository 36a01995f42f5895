package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// run executes the CLI in-process and returns exit code, stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &CLI{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Env: []string{"NO_COLOR=1"}}
	code := c.Run(append([]string{"tfgate"}, args...))
	return code, out.String(), errb.String()
}

// repoRoot is the repository root (two levels above this package).
func repoRoot(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// sharedDir is ../shared beside the repository, or "" (tests skip).
func sharedDir(t *testing.T) string {
	t.Helper()
	d := filepath.Join(repoRoot(t), "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "corpus")); err != nil {
		return ""
	}
	return d
}

// fixtureParams are the --param flags every fixture is checked with
// (fixtures/params.json).
func fixtureParams(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "params.json"))
	if err != nil {
		t.Fatalf("read fixtures/params.json: %v", err)
	}
	var params map[string]any
	if err := json.Unmarshal(data, &params); err != nil {
		t.Fatalf("fixtures/params.json: %v", err)
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var args []string
	for _, k := range keys {
		v, _ := json.Marshal(params[k])
		args = append(args, "--param", k+"="+string(v))
	}
	return args
}

func TestParseParams(t *testing.T) {
	got, err := parseParams([]string{
		"required_tags=Owner,CostCenter",
		"allowed_regions=[\"us-east-1\"]",
		"internet_min_prefix_v4=4",
		"single=Owner",
		"empty=",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"required_tags":          []any{"Owner", "CostCenter"},
		"allowed_regions":        []any{"us-east-1"},
		"internet_min_prefix_v4": float64(4),
		"single":                 []any{"Owner"},
		"empty":                  []any{},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("params (-want +got):\n%s", d)
	}
	if _, err := parseParams([]string{"novalue"}); err == nil {
		t.Error("--param without = accepted")
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"check", "--format", "yaml", "x.json"}, `unknown format "yaml" (valid: text, json, sarif, github, markdown, junit)`},
		{"bad fail-on", []string{"check", "--fail-on", "severe", "x.json"}, "--fail-on"},
		{"unknown flag", []string{"check", "--nope"}, "flag provided but not defined"},
		{"missing file", []string{"check", "does-not-exist.json"}, "does-not-exist.json"},
		{"bad param", []string{"check", "--param", "x", "x.json"}, "want name=value"},
		{"unknown rule", []string{"rules", "TFG-NOPE-001"}, `no rule "TFG-NOPE-001"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, "", tc.args...)
			if code != exitError {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tc.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "tfgate ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestBrokenPoliciesExit2(t *testing.T) {
	plan := filepath.Join(repoRoot(t), "fixtures", "tagging", "plan.json")
	dir := t.TempDir()
	write := func(name, src string) string {
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "p.rego"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return d
	}
	head := "# METADATA\n# title: T\n# custom:\n#   id: X-1\n#   severity: low\npackage tfgate.rules.x.y.z\n\n"
	cases := map[string]struct{ dir, want string }{
		"syntax":  {write("syntax", head+"deny contains x if {"), "p.rego:"},
		"runtime": {write("runtime", head+"deny contains {\"resource\": r.address, \"message\": sprintf(\"%d\", [to_number(r.name)])} if { some r in input.resources }"), "policy evaluation failed"},
		"typo":    {write("typo", head+"deny contains {\"resource\": r.address, \"message\": \"m\"} if { some r in input.resoures }"), "input.resoures is not a field of the input"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", "check", "--policy", tc.dir, plan)
			if code != exitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q, want exit 2 and %q", code, stderr, tc.want)
			}
			if strings.Contains(stdout, "No findings") {
				t.Error("a broken policy reported a pass")
			}
		})
	}
}

// TestBrokenPolicyAndBrokenInput: the input is read while the policies
// compile; when both are broken, the policy's error is the one reported
// (exit 2), as when they were read one after the other, and so is an
// input's error when the policies are sound.
func TestBrokenPolicyAndBrokenInput(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policy")
	if err := os.MkdirAll(pol, 0o755); err != nil {
		t.Fatal(err)
	}
	head := "# METADATA\n# title: T\n# custom:\n#   id: X-1\n#   severity: low\npackage tfgate.rules.x.y.z\n\n"
	if err := os.WriteFile(filepath.Join(pol, "p.rego"), []byte(head+"deny contains x if {"), 0o644); err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "plan.json")
	if err := os.WriteFile(truncated, []byte(`{"format_version": "1.2", "resource_changes": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "", "check", "--policy", pol, truncated)
	if code != exitError || !strings.Contains(stderr, "p.rego:") || strings.Contains(stderr, "plan.json") {
		t.Errorf("broken policy and input: exit %d, stderr %q; want exit 2 naming the policy only", code, stderr)
	}
	code, _, stderr = run(t, "", "check", truncated)
	if code != exitError || !strings.Contains(stderr, "plan.json") {
		t.Errorf("broken input: exit %d, stderr %q; want exit 2 naming the input", code, stderr)
	}
}

// TestTerraformFilesMeanTheirDirectory: a pre-commit hook passes changed
// .tf files; each directory is checked once, as a whole module.
func TestTerraformFilesMeanTheirDirectory(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "egress")
	args := append([]string{"check", "--format", "json"}, fixtureParams(t)...)
	code, stdout, stderr := run(t, "", append(args, filepath.Join(dir, "main.tf"), filepath.Join(dir, "main.tf"))...)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out jsonOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if n := len(out.Findings); n != len(readExpected(t, "egress").Findings) {
		t.Errorf("%d findings, want the egress case's once", n)
	}
}

// writePolicy writes one user rule package into a new directory under dir.
func writePolicy(t *testing.T, dir, name, src string) string {
	t.Helper()
	d := filepath.Join(dir, name)
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "p.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

// catalogueRules is the embedded catalogue, for tests that must not depend
// on how many rules the library has today.
func catalogueRules(t *testing.T) []rules.Rule {
	t.Helper()
	e, err := rules.New(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e.Rules()
}

// listedIDs are the rule ids that start the rows of a text listing.
func listedIDs(out string) []string {
	var ids []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && ruleIDRE.MatchString(f[0]) {
			ids = append(ids, f[0])
		}
	}
	return ids
}

var ruleIDRE = regexp.MustCompile(`^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$`)

func TestRulesSummary(t *testing.T) {
	all := catalogueRules(t)
	code, out, stderr := run(t, "", "rules")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := report.CatalogueSummary(all, report.CatalogueOptions{})
	if !strings.Contains(out, "\n"+want+"\n") || !strings.HasPrefix(want, fmt.Sprintf("%d rules: aws ", len(all))) {
		t.Errorf("no summary line %q in:\n%s", want, out)
	}
	if ids := listedIDs(out); len(ids) != len(all) {
		t.Errorf("%d rows, want %d", len(ids), len(all))
	}
}

func TestRulesFilters(t *testing.T) {
	pol := writePolicy(t, t.TempDir(), "gcp", `# METADATA
# title: Budgets must have alerts
# custom:
#   id: ACME-GCP-COST-001
#   severity: low
#   family: finops
#   resource_types: [google_billing_budget]
#   frameworks:
#     ACME-Internal: ["A.1.2", "B(3)"]
#     nist-800-53: ["SC-28"]
package tfgate.rules.google.cost.budget_alerts

deny contains {"resource": r.address, "message": "no alert"} if {
	some r in input.resources
	r.type == "google_billing_budget"
	not r.after.threshold_rules
}
`)
	all := catalogueRules(t)
	sc28 := rules.Select(all, rules.Selector{Framework: "nist-800-53", Control: "SC-28"})
	if len(sc28) == 0 {
		t.Fatal("no built-in rule maps to nist-800-53 SC-28")
	}
	ids := func(rs []rules.Rule) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	// The user rule is listed first (ids sort), then the built-in Google rules.
	google := rules.Select(all, rules.Selector{Cloud: "google"})
	googleSC28 := rules.Select(all, rules.Selector{Framework: "nist-800-53", Control: "SC-28", Cloud: "google"})
	cases := []struct {
		name string
		args []string
		want []string // ids listed, in order
		line string   // in the summary
	}{
		{"framework, any case", []string{"--framework", "NIST-800-53"}, ids(rules.Select(all, rules.Selector{Framework: "nist-800-53"})), "(framework nist-800-53)"},
		{"framework control", []string{"--framework", "nist-800-53:sc-28"}, ids(sc28), "(framework nist-800-53:sc-28)"},
		{"control and its sub-controls", []string{"--framework", "nist-800-53:SC-7"}, ids(rules.Select(all, rules.Selector{Framework: "nist-800-53", Control: "SC-7"})), ""},
		{"known framework, unmapped control", []string{"--framework", "nist-800-53:ZZ-99"}, nil, "0 of "},
		{"user framework", []string{"--policy", pol, "--framework", "acme-internal:A.1"}, []string{"ACME-GCP-COST-001"}, "1 of "},
		{"user framework, exact control", []string{"--policy", pol, "--framework", "acme-internal:b(3)"}, []string{"ACME-GCP-COST-001"}, ""},
		{"control prefix is not a control", []string{"--policy", pol, "--framework", "acme-internal:A.1.20"}, nil, ""},
		{"user rule also in nist", []string{"--policy", pol, "--framework", "nist-800-53:SC-28", "--cloud", "gcp"}, append([]string{"ACME-GCP-COST-001"}, ids(googleSC28)...), fmt.Sprintf("(framework nist-800-53:SC-28, cloud google): google %d — ", len(googleSC28)+1)},
		{"family", []string{"--family", "Encryption"}, ids(rules.Select(all, rules.Selector{Family: "encryption"})), "(family encryption)"},
		{"cloud", []string{"--policy", pol, "--cloud", "google"}, append([]string{"ACME-GCP-COST-001"}, ids(google)...), fmt.Sprintf("google %d — ", len(google)+1)},
		{"family and cloud", []string{"--policy", pol, "--family", "FinOps", "--cloud", "aws"}, nil, "(family finops, cloud aws)."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := run(t, "", append([]string{"rules"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if diff := cmp.Diff(tc.want, listedIDs(out)); diff != "" {
				t.Errorf("listed rules (-want +got):\n%s\n%s", diff, out)
			}
			if !strings.Contains(out, tc.line) {
				t.Errorf("output lacks %q:\n%s", tc.line, out)
			}
			if strings.Contains(strings.Join(tc.args, " "), "--framework") && len(tc.want) > 0 && !strings.Contains(out, "CONTROLS") {
				t.Errorf("a framework listing shows each rule's controls:\n%s", out)
			}
		})
	}

	t.Run("json is the selected rules", func(t *testing.T) {
		code, out, stderr := run(t, "", "rules", "--format", "json", "--framework", "nist-800-53:SC-28")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got []struct{ ID string }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		gotIDs := []string{}
		for _, r := range got {
			gotIDs = append(gotIDs, r.ID)
		}
		if diff := cmp.Diff(ids(sc28), gotIDs); diff != "" {
			t.Errorf("json rules (-want +got):\n%s", diff)
		}
	})
	t.Run("json, nothing selected", func(t *testing.T) {
		code, out, _ := run(t, "", "rules", "--format", "json", "--framework", "nist-800-53:ZZ-99")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("exit %d, %q; want an empty array", code, out)
		}
	})
	t.Run("markdown", func(t *testing.T) {
		code, out, stderr := run(t, "", "rules", "--format", "markdown", "--framework", "nist-800-53:SC-28")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(out, "| ID | Severity | Family | Controls | Title |\n") || strings.Count(out, "\n| [TFG-") != len(sc28) ||
			!strings.Contains(out, report.RuleHelpURI(sc28[0].ID)) {
			t.Errorf("markdown listing of %d rules:\n%s", len(sc28), out)
		}
	})
	t.Run("one rule as markdown is its page", func(t *testing.T) {
		code, out, _ := run(t, "", "rules", "--format", "markdown", sc28[0].ID)
		if code != 0 || !strings.HasPrefix(out, "# "+sc28[0].ID+": ") || !strings.Contains(out, "## What passes, fails and is indeterminate") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
}

func TestRulesFilterErrors(t *testing.T) {
	known := strings.Join(rules.FrameworkKeys(catalogueRules(t)), ", ")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown framework", []string{"--framework", "pci-dss"}, `--framework "pci-dss": no rule maps to framework "pci-dss" (known: ` + known + ")"},
		{"unknown framework with control", []string{"--framework", "nist-800-5:SC-28"}, `no rule maps to framework "nist-800-5" (known: ` + known + ")"},
		{"empty framework", []string{"--framework", ""}, "--framework needs a framework key (known: " + known + ")"},
		{"unknown family", []string{"--family", "nope"}, `--family "nope": no rule has that family (known: `},
		{"unknown cloud", []string{"--cloud", "oracle"}, `--cloud "oracle": no rule is for that cloud (known: aws`},
		{"filter with an id", []string{"--family", "encryption", "TFG-AWS-ENC-001"}, "give them without a rule ID"},
		{"unknown format", []string{"--format", "sarif"}, `unknown format "sarif" for rules (valid: text, json, markdown)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", append([]string{"rules"}, tc.args...)...)
			if code != exitError {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("stderr %q: want one line containing %q", stderr, tc.want)
			}
			if stdout != "" {
				t.Errorf("stdout %q, want nothing", stdout)
			}
		})
	}
}
