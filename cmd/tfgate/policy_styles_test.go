package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// examplesDir is examples/policies, the policy repository a team can copy.
func examplesDir(t *testing.T) string {
	return filepath.Join(repoRoot(t), "examples", "policies")
}

// `tfgate test examples/policies` loads every style directory with the
// settings of its .tfgate.yaml and passes: Rego unit tests and fixture
// cases. Without the file, the flags give a directory the same settings.
func TestExamplePolicyRepository(t *testing.T) {
	ex := examplesDir(t)
	all := []string{"conftest/cases/plan", "hcp/cases/plan", "legacy/cases/plan", "ours/cases/config", "ours/cases/plan", "per-resource/cases/document", "per-resource/cases/plan"}
	cases := []struct {
		name  string
		args  []string
		cases []string
	}{
		{"with .tfgate.yaml", []string{ex}, all},
		{"v0 by flag", []string{"--no-config", "--rego-v0", filepath.Join(ex, "legacy")}, []string{"legacy/cases/plan"}},
		{"plan-json by flag", []string{"--no-config", "--policy-input", "plan-json", filepath.Join(ex, "conftest")}, []string{"conftest/cases/plan"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", append([]string{"test"}, c.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			var passed []string
			for _, line := range strings.Split(stdout, "\n") {
				if dir, ok := strings.CutPrefix(line, "PASS case "); ok {
					rel, _ := filepath.Rel(ex, dir)
					passed = append(passed, filepath.ToSlash(rel))
				}
			}
			if d := cmp.Diff(c.cases, passed); d != "" {
				t.Errorf("fixture cases passed (-want +got):\n%s", d)
			}
		})
	}
}

// Without --rego-v0 (and without the file), the v0 directory is refused
// with what to do.
func TestExampleV0NeedsItsSetting(t *testing.T) {
	code, _, stderr := run(t, "", "test", "--no-config", filepath.Join(examplesDir(t), "legacy"))
	if code != exitError || !strings.Contains(stderr, "this policy is written in Rego v0 syntax") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// The examples' .tfgate.yaml names every style directory with its settings.
func TestExampleConfigNamesEveryStyle(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(examplesDir(t), ".tfgate.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Policies []map[string]string `yaml:"policies"`
	}
	if err := yaml.Unmarshal(src, &cfg); err != nil {
		t.Fatal(err)
	}
	want := []map[string]string{
		{"path": "ours"},
		{"path": "per-resource"},
		{"path": "legacy", "rego_version": "v0"},
		{"path": "conftest", "input": "plan-json"},
		{"path": "hcp", "input": "hcp-terraform"},
	}
	if d := cmp.Diff(want, cfg.Policies); d != "" {
		t.Errorf("policies (-want +got):\n%s", d)
	}
	for _, p := range cfg.Policies {
		if _, err := os.Stat(filepath.Join(examplesDir(t), p["path"])); err != nil {
			t.Errorf("policies: %v", err)
		}
	}
}

// An existing conftest policy runs unchanged over a fixture plan, and its
// finding points at the resource's .tf line.
func TestConftestPolicyRunsUnchanged(t *testing.T) {
	plan := filepath.Join(repoRoot(t), "fixtures", "egress", "plan.json")
	code, stdout, stderr := run(t, "", "check", "--policy-input", "plan-json", "--policy", filepath.Join(examplesDir(t), "conftest"), "--format", "json", "--fail-on", "never", plan)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	var rep struct {
		Findings []struct {
			RuleID   string `json:"rule_id"`
			Resource string `json:"resource"`
			Message  string `json:"message"`
			File     string `json:"file"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("json report: %v\n%s", err, stdout)
	}
	type row struct{ Resource, Message, File string }
	var got []row
	for _, f := range rep.Findings {
		if f.RuleID == "CUSTOM-MAIN" {
			got = append(got, row{f.Resource, f.Message, filepath.Base(f.File)})
		}
	}
	want := []row{
		{"aws_security_group.open_v4", "aws_security_group.open_v4: egress to 0.0.0.0/0", "main.tf"},
		{"aws_security_group.open_v6", "aws_security_group.open_v6: egress to ::/0", "main.tf"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("conftest findings (-want +got):\n%s", d)
	}
}

// On configuration input a plan-JSON policy is not evaluated, and says so:
// never a silent pass.
func TestPlanJSONPolicyOnConfigurationIsNotEvaluated(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "egress")
	code, stdout, stderr := run(t, "", "check", "--policy-input", "plan-json", "--policy", filepath.Join(examplesDir(t), "conftest"), "--format", "text", "--fail-on", "never", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if !strings.Contains(stdout+stderr, "CUSTOM-MAIN") || !strings.Contains(stdout+stderr, "not evaluated") {
		t.Errorf("no not-evaluated notice for CUSTOM-MAIN:\n%s\n%s", stdout, stderr)
	}
}

// A deliberately failing fixture case exits 1 with a readable diff.
func TestFailingFixtureCaseExits1(t *testing.T) {
	dir := t.TempDir()
	plan := filepath.Join(examplesDir(t), "infra", "plan.json")
	expect := "input: " + plan + "\nexpect:\n  ACME-SG-001:\n    fail: [aws_security_group.closed]\n    pass: [aws_security_group.open]\n"
	if err := os.WriteFile(filepath.Join(dir, "expect.yaml"), []byte(expect), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "test", "--no-config", filepath.Join(examplesDir(t), "per-resource"), dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"FAIL case " + dir + "\n",
		"    ACME-SG-001 aws_security_group.closed: want fail, got no finding\n",
		"    ACME-SG-001 aws_security_group.open: want no finding, got fail (aws_security_group.open allows egress to the whole internet)\n",
		"2/3 fixture cases",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "1 fixture case(s) failed") {
		t.Errorf("stderr = %q", stderr)
	}
}

// A broken expect.yaml is exit 2 naming file and line (every kind of
// mistake: rules/cases_test.go).
func TestBadFixtureCaseExits2(t *testing.T) {
	dir := t.TempDir()
	expect := "input: " + filepath.Join(examplesDir(t), "infra", "plan.json") + "\nexpects: {}\n"
	if err := os.WriteFile(filepath.Join(dir, "expect.yaml"), []byte(expect), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "", "test", dir)
	want := `expect.yaml:2: unknown key "expects" (valid: input, params, expect)`
	if code != exitError || !strings.Contains(stderr, want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("exit %d, stderr %q; want exit 2 and one line with %q", code, stderr, want)
	}
}

// The seed example of issue 8, exactly as printed: refused with what is
// wrong and how to load it, in v1 and in v0.
func TestSeedExampleCLI(t *testing.T) {
	dir := t.TempDir()
	seed := "package aws.security_group.outbound\nimport future.keywords\ndefault result = true\nips := [\"0.0.0.0/0\"]\nresult = false {\n  Input.IpPermissionsEgress[permission]\n  unrestrictedDestinationIPs(permission.IpRanges)\n}\nunrestrictedDestinationIPs(ip_ranges) = true {\n  ip_ranges[_] == ips[_]\n}\n"
	file := filepath.Join(dir, "outbound.rego")
	if err := os.WriteFile(file, []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(repoRoot(t), "fixtures", "egress", "plan.json")
	code, _, stderr := run(t, "", "check", "--policy", dir, plan)
	if code != exitError || !strings.Contains(stderr, file+":5: this policy is written in Rego v0 syntax") || !strings.Contains(stderr, "--rego-v0") {
		t.Errorf("v1: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "", "check", "--rego-v0", "--policy", dir, plan)
	if code != exitError || !strings.Contains(stderr, file+":6: `Input` is not defined: did you mean input?") {
		t.Errorf("v0: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "", "check", "--policy-input", "plan-jsn", "--policy", dir, plan)
	if code != exitError || !strings.Contains(stderr, `unknown policy input "plan-jsn" (valid: document, plan-json, hcp-terraform)`) {
		t.Errorf("bad --policy-input: exit %d, stderr %q", code, stderr)
	}
}
