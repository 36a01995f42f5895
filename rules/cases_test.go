package rules

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeCase(t *testing.T, expect string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["expect.yaml"] = expect
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func examplePlan(t *testing.T) string {
	p, err := filepath.Abs(filepath.Join("..", "examples", "policies", "infra", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Every mistake in a case is an error naming expect.yaml and the line,
// never a case that passes whatever the policy does.
func TestCaseErrors(t *testing.T) {
	plan := examplePlan(t)
	cases := map[string]struct{ expect, want string }{
		"unknown key":     {"input: " + plan + "\nexpects: {}\n", `expect.yaml:2: unknown key "expects" (valid: input, params, expect)`},
		"no expect":       {"input: " + plan + "\n", "no `expect:`"},
		"empty rule":      {"input: " + plan + "\nexpect:\n  ACME-SG-001: {}\n", "expect.yaml:3: expect.ACME-SG-001: list addresses under fail, unknown or pass"},
		"not a list":      {"input: " + plan + "\nexpect:\n  ACME-SG-001:\n    fail: aws_security_group.open\n", "expect.yaml:4: expect.ACME-SG-001.fail: want a list of resource addresses"},
		"bad outcome key": {"input: " + plan + "\nexpect:\n  ACME-SG-001:\n    fails: [aws_security_group.open]\n", `expect.yaml:4: expect.ACME-SG-001: unknown key "fails" (valid: fail, unknown, pass)`},
		"bad params":      {"input: " + plan + "\nparams: [a]\nexpect:\n  ACME-SG-001:\n    fail: [aws_security_group.open]\n", "expect.yaml:2: params: want a mapping"},
		"no input":        {"expect:\n  ACME-SG-001:\n    fail: [aws_security_group.open]\n", "the case has no input"},
		"unknown rule":    {"input: " + plan + "\nexpect:\n  ACME-NOPE:\n    fail: [aws_security_group.open]\n", "expect.yaml:3: no rule ACME-NOPE"},
		"unknown address": {"input: " + plan + "\nexpect:\n  ACME-SG-001:\n    pass: [aws_security_group.clsoed]\n", "expect.yaml:3: ACME-SG-001: aws_security_group.clsoed is not a resource of the input"},
		"missing input":   {"input: nope.json\nexpect:\n  ACME-SG-001:\n    pass: [aws_security_group.open]\n", "input nope.json: no such file or directory"},
		"not yaml":        {"expect: [\n", "expect.yaml: line"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writeCase(t, c.expect, map[string]string{})
			_, err := RunCases(context.Background(), []string{dir}, CaseOptions{Policies: []PolicyDir{{Path: "testdata/per_resource"}}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

// A case passes or fails on what the rules report; a document saved by
// tfgate inspect is an input; params reach the rules.
func TestRunCases(t *testing.T) {
	plan := examplePlan(t)
	good := writeCase(t, "input: "+plan+"\nparams:\n  required_tags: [Nope]\nexpect:\n  ACME-SG-001:\n    fail: [aws_security_group.open]\n    pass: [aws_security_group.closed]\n  TFG-AWS-TAG-001:\n    fail: [aws_sqs_queue.plain]\n", map[string]string{})
	bad := writeCase(t, "input: "+plan+"\nexpect:\n  ACME-SG-001:\n    unknown: [aws_security_group.open]\n    fail: [aws_security_group.closed]\n  TFG-AWS-TAG-001:\n    pass: [aws_sqs_queue.plain]\n", map[string]string{})
	saved, err := filepath.Abs(filepath.Join("..", "examples", "policies", "per-resource", "cases", "document", "document.json"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	doc := writeCase(t, "expect:\n  ACME-SG-001:\n    fail: [aws_security_group.open]\n", map[string]string{"document.json": string(src)})
	results, err := RunCases(context.Background(), []string{good, bad, doc}, CaseOptions{Policies: []PolicyDir{{Path: "testdata/per_resource"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := [][]string{}
	for _, r := range results {
		got = append(got, r.Problems)
	}
	want := [][]string{
		nil,
		{
			"ACME-SG-001 aws_security_group.closed: want fail, got no finding",
			"ACME-SG-001 aws_security_group.open: want unknown, got fail (aws_security_group.open allows egress to the whole internet)",
			// required_tags is not set in this case: the rule is not evaluated, which is not a pass.
			"TFG-AWS-TAG-001: not evaluated: TFG-AWS-TAG-001 not evaluated: parameter required_tags is not set (set it with --param required_tags=...)",
		},
		nil,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("problems (-want +got):\n%s", d)
	}
}

func TestFindCases(t *testing.T) {
	got, err := FindCases([]string{filepath.Join("..", "examples", "policies")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i] = filepath.ToSlash(strings.TrimPrefix(got[i], filepath.Join("..", "examples", "policies")+string(filepath.Separator)))
	}
	want := []string{"conftest/cases/plan", "hcp/cases/plan", "legacy/cases/plan", "ours/cases/config", "ours/cases/plan", "per-resource/cases/document", "per-resource/cases/plan"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("cases (-want +got):\n%s", d)
	}
}

// FuzzReadCase: no expect.yaml makes the reader panic; what it accepts has
// expectations and an input.
func FuzzReadCase(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "examples", "policies", "*", "cases", "*", "expect.yaml"))
	for _, s := range seeds {
		if src, err := os.ReadFile(s); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("expect:\n  A:\n    fail: [x]\n    pass: [\"\"]\n"))
	f.Add([]byte("input: plan.json\nparams: {a: [1, 2]}\nexpect: {A: {unknown: [y]}}\n"))
	f.Add([]byte("expect: &a {A: *a}\n"))
	dir := f.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), []byte("{}"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(filepath.Join(dir, CaseFile), src, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := ReadCase(dir)
		if err != nil {
			return
		}
		if len(c.Expect) == 0 || c.Input == "" {
			t.Errorf("accepted a case without expectations or input: %+v", c)
		}
	})
}
