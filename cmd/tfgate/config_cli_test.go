package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/sarifcheck"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/report"
)

// runAt runs the CLI in-process with the clock set to day (YYYY-MM-DD).
func runAt(t *testing.T, today string, args ...string) (int, string, string) {
	t.Helper()
	now, err := time.Parse("2006-01-02", today)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	c := &CLI{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Env: []string{"NO_COLOR=1"}, Now: func() time.Time { return now.Add(15 * time.Hour) }}
	code := c.Run(append([]string{"tfgate"}, args...))
	return code, out.String(), errb.String()
}

// egressRepo is a repository holding the egress fixture's configuration
// (main.tf) under infra/, with the given .tfgate.yaml at its root and
// inline waivers inserted above the lines that start with the given text.
func egressRepo(t *testing.T, config string, inline map[string]string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "egress", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		for prefix, comment := range inline {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				lines = append(lines, comment)
			}
		}
		lines = append(lines, l)
	}
	files := map[string]string{".git/HEAD": "ref: refs/heads/main\n", "infra/main.tf": strings.Join(lines, "\n")}
	if config != "" {
		files[".tfgate.yaml"] = config
	}
	return repo(t, files)
}

type jsonOut struct {
	Summary  report.Summary `json:"summary"`
	Findings []struct {
		RuleID      string `json:"rule_id"`
		Severity    string `json:"severity"`
		Resource    string `json:"resource"`
		Message     string `json:"message"`
		Suppression *struct {
			Kind, Justification, Expires string
		} `json:"suppression"`
	} `json:"findings"`
	Notices []struct {
		Code, Message, File string
		Line                int
	} `json:"notices"`
	Rules []struct {
		ID       string `json:"id"`
		Severity string `json:"severity"`
	} `json:"rules"`
}

func decode(t *testing.T, stdout string) jsonOut {
	t.Helper()
	var out jsonOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("json output: %v\n%s", err, stdout)
	}
	return out
}

// TestCheckConfigFile: the file is found by walking up from the checked
// path, its settings apply, and flags override them.
func TestCheckConfigFile(t *testing.T) {
	dir := egressRepo(t, `fail_on: critical
params:
  required_tags: [Team]
  allowed_egress_cidrs: ["::/0"]
rules:
  TFG-AWS-EGRESS-001: {severity: medium}
  TFG-AWS-TAG-002: off
`, nil)
	infra := filepath.Join(dir, "infra")
	code, stdout, stderr := run(t, "", "check", "--format", "json", infra)
	if code != 0 {
		t.Fatalf("fail_on critical from the file: exit %d, want 0 (stderr %s)", code, stderr)
	}
	out := decode(t, stdout)
	sev := map[string]string{}
	tags := 0
	for _, f := range out.Findings {
		if f.RuleID == "TFG-AWS-EGRESS-001" {
			sev[f.Severity] = f.RuleID
			if strings.Contains(f.Resource, "v6") {
				t.Errorf("allowed_egress_cidrs from the file not applied: %s", f.Resource)
			}
		}
		if f.RuleID == "TFG-AWS-TAG-001" {
			tags++
		}
		if f.RuleID == "TFG-AWS-TAG-002" {
			t.Errorf("a rule set off reported a finding: %+v", f)
		}
	}
	if d := cmp.Diff(map[string]string{"medium": "TFG-AWS-EGRESS-001"}, sev); d != "" {
		t.Errorf("severity override (-want +got):\n%s", d)
	}
	if tags == 0 {
		t.Error("required_tags from the file: no TFG-AWS-TAG-001 finding")
	}
	for _, r := range out.Rules {
		if r.ID == "TFG-AWS-TAG-002" {
			t.Error("a rule set off is still in the catalogue")
		}
		if r.ID == "TFG-AWS-EGRESS-001" && r.Severity != "medium" {
			t.Errorf("catalogue severity of TFG-AWS-EGRESS-001 = %s, want medium", r.Severity)
		}
	}
	if out.Summary.FailOn != "critical" {
		t.Errorf("summary fail_on = %q, want critical", out.Summary.FailOn)
	}

	// Flags override the file: --fail-on, and --param per key.
	code, stdout, _ = run(t, "", "check", "--format", "json", "--fail-on", "medium", "--param", "required_tags=Project", infra)
	if code != 1 {
		t.Errorf("--fail-on medium over the file's critical: exit %d, want 1", code)
	}
	var tagMessages []string
	for _, f := range decode(t, stdout).Findings {
		if f.RuleID == "TFG-AWS-TAG-001" {
			tagMessages = append(tagMessages, f.Message)
		}
	}
	if len(tagMessages) == 0 {
		t.Error("--param required_tags=Project: no TFG-AWS-TAG-001 finding")
	}
	for _, m := range tagMessages {
		if !strings.Contains(m, "Project") || strings.Contains(m, "Team") {
			t.Errorf("--param required_tags=Project does not replace the file's [Team]: %s", m)
		}
	}
	// A .tf file as a pre-commit hook passes it finds the same file.
	if code, _, stderr := run(t, "", "check", filepath.Join(infra, "main.tf")); code != 0 {
		t.Errorf("check infra/main.tf: exit %d, want 0 (%s)", code, stderr)
	}
	// --no-config: the defaults (fail_on low).
	if code, _, _ := run(t, "", "check", "--no-config", infra); code != 1 {
		t.Errorf("--no-config: exit %d, want 1", code)
	}
	// --config FILE from elsewhere.
	other := filepath.Join(t.TempDir(), "strict.yaml")
	if err := os.WriteFile(other, []byte("fail_on: never\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "check", "--config", other, infra); code != 0 {
		t.Errorf("--config fail_on never: exit %d (%s)", code, stderr)
	}
	// tfgate rules lists the catalogue as the file sets it.
	code, stdout, stderr = run(t, "", "rules", "--format", "json", "--config", filepath.Join(dir, ".tfgate.yaml"))
	if code != 0 {
		t.Fatalf("rules: exit %d, %s", code, stderr)
	}
	var catalogue []struct{ ID, Severity string }
	if err := json.Unmarshal([]byte(stdout), &catalogue); err != nil {
		t.Fatalf("rules --format json: %v", err)
	}
	listed := map[string]string{}
	for _, r := range catalogue {
		listed[r.ID] = r.Severity
	}
	if sev, off := listed["TFG-AWS-EGRESS-001"], listed["TFG-AWS-TAG-002"]; sev != "medium" || off != "" {
		t.Errorf("tfgate rules: TFG-AWS-EGRESS-001 %q (want medium), TFG-AWS-TAG-002 %q (want absent)", sev, off)
	}
}

// TestCheckConfigErrors: a bad file is exit 2 with one line naming the
// file and line.
func TestCheckConfigErrors(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{"fail_on: high\nfailon: low\n", `.tfgate.yaml:2: unknown key "failon" (did you mean fail_on?`},
		{"rules:\n  TFG-AWS-EGRES-001: off\n", `.tfgate.yaml:2: rules: no rule "TFG-AWS-EGRES-001" (did you mean TFG-AWS-EGRESS-001?`},
		{"waivers:\n  - rule: TFG-AWS-EGRESS-001\n    resource: '*'\n    reason: r\n    expires: 2027-02-29\n", `.tfgate.yaml:5: waivers[0].expires: date "2027-02-29" is not a day of the calendar`},
		{"policies:\n  - path: nowhere\n", `.tfgate.yaml:2: policies[0].path: `},
	} {
		dir := egressRepo(t, tc.config, nil)
		code, _, stderr := run(t, "", "check", filepath.Join(dir, "infra"))
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("config %q: exit %d, stderr %q; want exit 2 and one line containing %q", tc.config, code, stderr, tc.want)
		}
	}
	dir := egressRepo(t, "", map[string]string{`resource "aws_security_group" "open_v4"`: "# tfgate:ignore TFG-AWS-EGRESS-001 no expiry given"})
	code, _, stderr := run(t, "", "check", filepath.Join(dir, "infra"))
	if code != 2 || !strings.Contains(stderr, "main.tf:33: tfgate:ignore TFG-AWS-EGRESS-001 needs an expiry date expires=YYYY-MM-DD") {
		t.Errorf("inline waiver without expiry: exit %d, stderr %q", code, stderr)
	}
	// An inline waiver of a rule the run does not load is a notice.
	dir = egressRepo(t, "", map[string]string{`resource "aws_security_group" "open_v4"`: "# tfgate:ignore TFG-AWS-EGRES-001 expires=2027-01-01 typo"})
	code, stdout, stderr := run(t, "", "check", "--format", "json", filepath.Join(dir, "infra"))
	if code != 1 || !strings.Contains(stdout, "inline waiver names TFG-AWS-EGRES-001, which is not a rule of this run (did you mean TFG-AWS-EGRESS-001?") {
		t.Errorf("inline waiver of an unknown rule: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "", "check", "--config", filepath.Join(dir, "none.yaml"), dir); code != 2 || !strings.Contains(stderr, "no such file") {
		t.Errorf("--config missing file: exit %d, %s", code, stderr)
	}
}

// TestCheckWaivers: waivers in the file and inline, active, expired and
// unused, through the whole CLI; SARIF carries the suppressions and passes
// the schema and GitHub's ingestion rules.
func TestCheckWaivers(t *testing.T) {
	dir := egressRepo(t, `waivers:
  - rule: TFG-AWS-EGRESS-001
    resource: aws_security_group_rule.*
    reason: legacy rule, SEC-2
    expires: 2027-03-31
    owner: platform-team
  - rule: TFG-AWS-EGRESS-001
    resource: aws_vpc_security_group_egress_rule.v6
    reason: expired exception
    expires: 2026-06-30
  - rule: TFG-AWS-EGRESS-001
    resource: module.gone.**
    reason: unused exception
    expires: 2027-03-31
`, map[string]string{
		`resource "aws_security_group" "open_v4"`:    "# tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 ticket=SEC-1 NAT egress",
		`ipv6_cidr_blocks = ["::/0"]`:                "    // tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 v6 proxy",
		`cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]`: "    # tfgate:ignore TFG-AWS-EGRESS-001 expires=2026-01-01 expired inline",
	})
	infra := filepath.Join(dir, "infra")
	code, stdout, stderr := runAt(t, "2027-03-31", "check", "--format", "json", "--base-dir", dir, infra)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (unwaived findings remain): %s", code, stderr)
	}
	out := decode(t, stdout)
	waived := map[string]string{}
	counted := map[string]bool{}
	for _, f := range out.Findings {
		if f.RuleID != "TFG-AWS-EGRESS-001" {
			continue
		}
		if f.Suppression != nil {
			waived[f.Resource] = f.Suppression.Kind + ": " + f.Suppression.Justification + " until " + f.Suppression.Expires
		} else {
			counted[f.Resource] = true
		}
	}
	want := map[string]string{
		"aws_security_group.open_v4":         "inSource: NAT egress until 2027-03-31",
		"aws_security_group.open_v6":         "inSource: v6 proxy until 2027-03-31",
		"aws_security_group_rule.egress_all": "external: legacy rule, SEC-2 until 2027-03-31",
	}
	if d := cmp.Diff(want, waived); d != "" {
		t.Errorf("waived findings (-want +got):\n%s", d)
	}
	for _, r := range []string{"aws_vpc_security_group_egress_rule.v6", "aws_security_group.halves"} {
		if !counted[r] {
			t.Errorf("%s (expired waiver) is not counted", r)
		}
	}
	var notices []string
	for _, n := range out.Notices {
		if strings.HasPrefix(n.Code, "waiver-") {
			notices = append(notices, n.Code+" "+filepath.Base(n.File)+":"+itoaTest(n.Line))
		}
	}
	wantNotices := []string{"waiver-expired main.tf:68", "waiver-expired .tfgate.yaml:7", "waiver-unused .tfgate.yaml:11"}
	if d := cmp.Diff(wantNotices, notices); d != "" {
		t.Errorf("waiver notices (-want +got):\n%s", d)
	}
	if out.Summary.Suppressed != 3 {
		t.Errorf("summary.suppressed = %d, want 3", out.Summary.Suppressed)
	}

	// The day after, every waiver has expired.
	_, stdout, _ = runAt(t, "2027-04-01", "check", "--format", "json", infra)
	if s := decode(t, stdout).Summary; s.Suppressed != 0 {
		t.Errorf("after expiry: %d suppressed, want 0", s.Suppressed)
	}

	// Only waived findings left: exit 0.
	code, _, stderr = runAt(t, "2027-03-31", "check", "--param", `allowed_egress_cidrs=["0.0.0.0/1","128.0.0.0/1","::/0"]`, infra)
	if code != 0 {
		t.Errorf("only waived findings: exit %d, want 0 (%s)", code, stderr)
	}

	sarif := filepath.Join(t.TempDir(), "out.sarif")
	if code, _, stderr := runAt(t, "2027-03-31", "check", "--format", "sarif="+sarif, "--base-dir", dir, infra); code == 2 {
		t.Fatalf("sarif: %s", stderr)
	}
	data, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"kind":"inSource"`, `"kind":"external"`, `"status":"accepted"`, `"justification":"legacy rule, SEC-2"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
	if shared := sharedDir(t); shared != "" {
		if err := sarifcheck.ValidateSARIF(data, filepath.Join(shared, "schemas", "sarif-schema-2.1.0.json")); err != nil {
			t.Errorf("schema: %v", err)
		}
	}
	tool, ok := sarifcheck.FindMultitool()
	if !ok {
		if os.Getenv("TFGATE_REQUIRE_SARIF_MULTITOOL") == "1" {
			t.Fatal("sarif-multitool not found (run .ci/install-sarif-multitool.sh)")
		}
		t.Skip("sarif-multitool not found: GitHub ingestion rules not checked")
	}
	problems, err := sarifcheck.RunMultitool(tool, sarif)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("sarif-multitool:\n%s", strings.Join(problems, "\n"))
	}
}

func itoaTest(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestInit: tfgate init writes a starter file that loads (and tfgate
// check accepts), and refuses to replace it without --force.
func TestInit(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := run(t, "", "init", dir)
	if code != 0 || !strings.Contains(stdout, "wrote "+filepath.Join(dir, ".tfgate.yaml")) {
		t.Fatalf("init: exit %d, %s %s", code, stdout, stderr)
	}
	path := filepath.Join(dir, ".tfgate.yaml")
	data, err := os.ReadFile(path)
	if err != nil || string(data) != starterConfig {
		t.Fatalf("init wrote %q, %v", data, err)
	}
	if _, err := readConfig(path); err != nil {
		t.Errorf("the starter file does not load: %v", err)
	}
	if err := os.WriteFile(path, []byte("fail_on: high\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "", "init", dir)
	if code != 2 || !strings.Contains(stderr, "already exists: edit it, or replace it with tfgate init --force") {
		t.Errorf("second init: exit %d, %s", code, stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != "fail_on: high\n" {
		t.Errorf("init without --force changed the file: %q", data)
	}
	if code, _, stderr := run(t, "", "init", "--force", dir); code != 0 {
		t.Errorf("init --force: exit %d, %s", code, stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != starterConfig {
		t.Error("init --force did not replace the file")
	}
	if code, _, _ := run(t, "", "init", filepath.Join(dir, "missing")); code != 2 {
		t.Errorf("init into a missing directory: exit %d, want 2", code)
	}
}
