package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
		"typo":    {write("typo", head+"deny contains {\"resource\": r.address, \"message\": \"m\"} if { some r in input.resoures }"), "undefined ref: input.resoures"},
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
