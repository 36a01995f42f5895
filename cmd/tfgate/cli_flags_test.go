package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	opaversion "github.com/open-policy-agent/opa/v1/version"
)

// runEnv is run with an environment (KEY=value pairs).
func runEnv(t *testing.T, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := &CLI{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Env: env}
	code := c.Run(append([]string{"tfgate"}, args...))
	return code, out.String(), errb.String()
}

func fixturePlan(t *testing.T, name string) string {
	return filepath.Join(repoRoot(t), "fixtures", name, "plan.json")
}

// cliReport is the part of the json report these tests read.
type cliReport struct {
	Sources  []string `json:"sources"`
	Findings []struct {
		RuleID string `json:"rule_id"`
	} `json:"findings"`
	Notices []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		File    string `json:"file"`
	} `json:"notices"`
}

// decodeJSONReport parses `--format json` output.
func decodeJSONReport(t *testing.T, data string) cliReport {
	t.Helper()
	var out cliReport
	if err := json.Unmarshal([]byte(data), &out); err != nil {
		t.Fatalf("not a json report: %v\n%.500s", err, data)
	}
	return out
}

func TestNormalizeArgs(t *testing.T) {
	app := (&CLI{}).app()
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"flags after path", []string{"check", "plan.json", "--format", "sarif"}, []string{"check", "--format", "sarif", "--", "plan.json"}},
		{"mixed", []string{"check", "a", "-f", "json", "b", "--fail-on=high", "-q", "c"}, []string{"check", "-f", "json", "--fail-on=high", "-q", "--", "a", "b", "c"}},
		{"bool with value", []string{"check", "a", "--recursive=false"}, []string{"check", "--recursive=false", "--", "a"}},
		{"bool takes no next arg", []string{"check", "--no-color", "a"}, []string{"check", "--no-color", "--", "a"}},
		{"double dash ends flags", []string{"check", "--format", "json", "--", "-odd.json", "--fail-on"}, []string{"check", "--format", "json", "--", "-odd.json", "--fail-on"}},
		{"stdin is a path", []string{"check", "-", "--format", "json"}, []string{"check", "--format", "json", "--", "-"}},
		{"value that looks like a flag", []string{"check", "--output", "-", "p"}, []string{"check", "--output", "-", "--", "p"}},
		{"no paths", []string{"check", "--format", "json"}, []string{"check", "--format", "json"}},
		{"unknown flag passed on", []string{"check", "p", "--nope"}, []string{"check", "--nope", "--", "p"}},
		{"missing value passed on", []string{"check", "p", "--format"}, []string{"check", "--format", "--", "p"}},
		{"rules", []string{"rules", "TFG-AWS-ENC-003", "--format", "json"}, []string{"rules", "--format", "json", "--", "TFG-AWS-ENC-003"}},
		{"help after path", []string{"check", "p", "--help"}, []string{"check", "--help", "--", "p"}},
		{"global flag first", []string{"--version"}, []string{"--version"}},
		{"unknown command untouched", []string{"chek", "p", "--format", "json"}, []string{"chek", "p", "--format", "json"}},
		{"repeatable flags", []string{"check", "--param", "a=1", "p", "--param", "b=2", "--format", "json", "--format", "sarif=x"}, []string{"check", "--param", "a=1", "--param", "b=2", "--format", "json", "--format", "sarif=x", "--", "p"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := normalizeArgs(app, append([]string{"tfgate"}, tc.in...))
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(append([]string{"tfgate"}, tc.want...), got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	plan := fixturePlan(t, "tagging")
	for name, args := range map[string][]string{
		"before": {"check", "--format", "json", "--fail-on", "never", plan},
		"after":  {"check", plan, "--format", "json", "--fail-on", "never"},
		"mixed":  {"check", "-f", "json", plan, "--fail-on=never"},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out := decodeJSONReport(t, stdout)
			if d := cmp.Diff([]string{plan}, out.Sources); d != "" {
				t.Errorf("sources (-want +got):\n%s", d)
			}
		})
	}
	t.Run("rules", func(t *testing.T) {
		code, stdout, stderr := run(t, "", "rules", "TFG-AWS-ENC-003", "--format", "json")
		var r struct{ ID string }
		if code != 0 || json.Unmarshal([]byte(stdout), &r) != nil || r.ID != "TFG-AWS-ENC-003" {
			t.Errorf("exit %d, stderr %q, stdout %.200q", code, stderr, stdout)
		}
	})
	t.Run("stdin after flags and before them", func(t *testing.T) {
		data, err := os.ReadFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := run(t, string(data), "check", "-", "--format", "json", "--fail-on", "never")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if d := cmp.Diff([]string{"-"}, decodeJSONReport(t, stdout).Sources); d != "" {
			t.Errorf("sources (-want +got):\n%s", d)
		}
	})
	t.Run("double dash: a path that starts with -", func(t *testing.T) {
		dir := t.TempDir()
		data, err := os.ReadFile(plan)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "-plan.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		code, stdout, stderr := run(t, "", "check", "--format", "json", "--fail-on", "never", "--", "-plan.json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if d := cmp.Diff([]string{"-plan.json"}, decodeJSONReport(t, stdout).Sources); d != "" {
			t.Errorf("sources (-want +got):\n%s", d)
		}
		// Without --, it is an unknown flag: exit 2, not a silent skip.
		if code, _, stderr := run(t, "", "check", "-plan.json"); code != exitError || !strings.Contains(stderr, "-plan.json") {
			t.Errorf("without --: exit %d, stderr %q", code, stderr)
		}
	})
}

func TestRepeatedSingleValueFlag(t *testing.T) {
	plan := fixturePlan(t, "tagging")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"check", "--fail-on", "low", plan, "--fail-on", "high"}, "--fail-on given twice (low, then high)"},
		{[]string{"check", "-o", "a.json", "--output=b.json", plan}, "--output given twice (a.json, then b.json)"},
		{[]string{"check", "-q", plan, "--quiet"}, "--quiet given twice"},
		{[]string{"check", "--base-dir", ".", "--base-dir", ".", plan}, "--base-dir given twice"},
		{[]string{"rules", "--cloud", "aws", "--cloud", "google"}, "--cloud given twice (aws, then google)"},
		{[]string{"inspect", plan, "--terraform", "tofu", "--terraform", "terraform"}, "--terraform given twice"},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args[:2], " "), func(t *testing.T) {
			code, stdout, stderr := run(t, "", tc.args...)
			if code != exitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tc.want)
			}
			if stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want one error line and no output; stdout %q, stderr %q", stdout, stderr)
			}
		})
	}
	// Repeatable flags stay repeatable.
	code, stdout, stderr := run(t, "", "check", plan, "--param", "required_tags=Owner", "--format", "json", "--param", `allowed_regions=["us-east-1"]`, "--fail-on", "never")
	if code != 0 {
		t.Fatalf("repeated --param: exit %d: %s", code, stderr)
	}
	for _, n := range decodeJSONReport(t, stdout).Notices {
		if strings.Contains(n.Message, "required_tags") || strings.Contains(n.Message, "allowed_regions") {
			t.Errorf("a repeated --param was lost: %s", n.Message)
		}
	}
}

func TestSeveralOutputs(t *testing.T) {
	plan := fixturePlan(t, "exposure")
	params := fixtureParams(t)
	dir := t.TempDir()
	sarifFile := filepath.Join(dir, "results.sarif")
	jsonFile := filepath.Join(dir, "report.json")
	summary := filepath.Join(dir, "step_summary.md")
	stale := filepath.Join(dir, "junit.xml")
	if err := os.WriteFile(summary, []byte("## Earlier step output\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, []byte("stale content that must go\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"NO_COLOR=1", "GITHUB_STEP_SUMMARY=" + summary}
	args := append([]string{"check", plan,
		"--format", "sarif=" + sarifFile,
		"--format", "json=" + jsonFile,
		"--format", "markdown=" + summary,
		"--format", "junit=" + stale,
		"--format", "github"}, params...)
	code, stdout, stderr := runEnv(t, env, "", args...)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	// Standard output: the one format without a file.
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	for _, l := range lines {
		if !strings.HasPrefix(l, "::") {
			t.Fatalf("stdout is not only github workflow commands: %q", l)
		}
	}
	// Every file holds the same findings, from one evaluation.
	jsonData, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	rep := decodeJSONReport(t, string(jsonData))
	if len(rep.Findings) == 0 {
		t.Fatal("no findings in the json report")
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	sarifData, err := os.ReadFile(sarifFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(sarifData, &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("sarif file: %v", err)
	}
	var jsonIDs, sarifIDs []string
	for _, f := range rep.Findings {
		jsonIDs = append(jsonIDs, f.RuleID)
	}
	for _, r := range sarif.Runs[0].Results {
		sarifIDs = append(sarifIDs, r.RuleID)
	}
	slices.Sort(jsonIDs)
	slices.Sort(sarifIDs)
	if d := cmp.Diff(jsonIDs, sarifIDs); d != "" {
		t.Errorf("sarif and json disagree (-json +sarif):\n%s", d)
	}
	// One annotation per finding (notices are warnings titled "tfgate: CODE", escaped).
	annotations := 0
	for _, l := range lines {
		if !strings.Contains(l, "title=tfgate%3A ") {
			annotations++
		}
	}
	if annotations != len(rep.Findings) {
		t.Errorf("%d finding annotations for %d findings", annotations, len(rep.Findings))
	}
	// The job summary is appended to; any other file is replaced.
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(md), "## Earlier step output\n") || !strings.Contains(string(md), rep.Findings[0].RuleID) {
		t.Errorf("step summary not appended to:\n%.400s", md)
	}
	junit, err := os.ReadFile(stale)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(junit), "stale") || !strings.HasPrefix(string(junit), "<?xml") {
		t.Errorf("junit file not replaced:\n%.200s", junit)
	}
}

func TestOutputErrors(t *testing.T) {
	plan := fixturePlan(t, "tagging")
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"two to stdout", []string{"--format", "text", "--format", "json"}, "2 formats write to standard output"},
		{"two to stdout, one as -", []string{"--format", "text", "--format", "json=-"}, "2 formats write to standard output"},
		{"unknown format", []string{"--format", "yaml=x.yaml"}, `unknown format "yaml" (valid: text, json, sarif, github, markdown, junit)`},
		{"empty file", []string{"--format", "sarif="}, "file name is empty"},
		{"same file twice", []string{"--format", "sarif=" + filepath.Join(dir, "r"), "--format", "json=" + filepath.Join(dir, "r")}, "both write"},
		{"output and format file", []string{"--format", "sarif=" + filepath.Join(dir, "a"), "--output", filepath.Join(dir, "b")}, "both name a file"},
		{"output with every format filed", []string{"--format", "sarif=" + filepath.Join(dir, "a"), "--format", "json=" + filepath.Join(dir, "c"), "--output", filepath.Join(dir, "b")}, "every --format already names its file"},
		{"unwritable file", []string{"--format", "sarif=" + filepath.Join(dir, "no-such-dir", "r.sarif")}, filepath.Join(dir, "no-such-dir", "r.sarif")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, "", append(append([]string{"check"}, tc.args...), plan)...)
			if code != exitError || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tc.want)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want one error line, got %q", stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("a usage error still wrote a report")
	}
}

func TestOutputFlagCombinations(t *testing.T) {
	plan := fixturePlan(t, "tagging")
	dir := t.TempDir()
	// --output is the file of the one --format without a file.
	sarifFile, jsonFile := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.json")
	code, stdout, stderr := run(t, "", "check", plan, "--fail-on", "never", "--format", "sarif="+sarifFile, "--format", "json", "--output", jsonFile)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	decodeJSONReport(t, string(data))
	if _, err := os.Stat(sarifFile); err != nil {
		t.Error(err)
	}
	// Single format with --output, as before.
	textFile := filepath.Join(dir, "r.txt")
	if code, stdout, stderr := run(t, "", "check", "--output", textFile, "--fail-on", "never", plan); code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if data, _ := os.ReadFile(textFile); !strings.Contains(string(data), "TFG-AWS-") {
		t.Errorf("text report not in --output file: %q", data)
	}
}

func TestQuiet(t *testing.T) {
	params := fixtureParams(t)
	t.Run("passing run prints nothing", func(t *testing.T) {
		code, stdout, stderr := run(t, "", "check", "-q", fixturePlan(t, "clean"))
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("only the findings that fail the run", func(t *testing.T) {
		plan := fixturePlan(t, "exposure")
		args := append([]string{"check", plan, "--fail-on", "high"}, params...)
		_, full, _ := run(t, "", args...)
		code, stdout, stderr := run(t, "", append(args, "--quiet")...)
		if code != exitFindings || stderr != "" {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		badge := regexp.MustCompile(`(?m)^  (CRITICAL|HIGH|MEDIUM|LOW|UNKNOWN) `)
		count := func(s, b string) int {
			n := 0
			for _, m := range badge.FindAllStringSubmatch(s, -1) {
				if m[1] == b {
					n++
				}
			}
			return n
		}
		if count(full, "MEDIUM") == 0 || count(full, "UNKNOWN") == 0 || count(full, "HIGH") == 0 {
			t.Fatalf("the exposure fixture should have high, medium and unknown findings:\n%s", full)
		}
		if got, want := count(stdout, "HIGH"), count(full, "HIGH"); got != want {
			t.Errorf("quiet shows %d high findings, want %d", got, want)
		}
		if count(stdout, "MEDIUM")+count(stdout, "UNKNOWN") != 0 {
			t.Errorf("quiet shows findings that do not fail the run:\n%s", stdout)
		}
		for _, unwanted := range []string{"indeterminate", "not evaluated", "notice:", "at or above"} {
			if strings.Contains(stdout, unwanted) {
				t.Errorf("quiet output contains %q:\n%s", unwanted, stdout)
			}
		}
	})
	t.Run("quiet below the threshold", func(t *testing.T) {
		code, stdout, stderr := run(t, "", append([]string{"check", "-q", "--fail-on", "critical", fixturePlan(t, "tagging")}, params...)...)
		if code != 0 || stdout != "" || stderr != "" {
			t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
	})
	t.Run("errors still shown", func(t *testing.T) {
		code, _, stderr := run(t, "", "check", "-q", "does-not-exist.json")
		if code != exitError || !strings.Contains(stderr, "does-not-exist.json") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestNoColor(t *testing.T) {
	plan := fixturePlan(t, "tagging")
	for _, tc := range []struct {
		name  string
		env   []string
		args  []string
		color bool
	}{
		{"tty", nil, nil, true},
		{"NO_COLOR", []string{"NO_COLOR=1"}, nil, false},
		{"NO_COLOR empty is unset", []string{"NO_COLOR="}, nil, true},
		{"--no-color", nil, []string{"--no-color"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			c := &CLI{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Env: tc.env, IsTTY: true}
			c.Run(append([]string{"tfgate", "check", plan}, tc.args...))
			if got := strings.Contains(out.String(), "\x1b["); got != tc.color {
				t.Errorf("colour %v, want %v (stderr %q)", got, tc.color, errb.String())
			}
		})
	}
}

func TestVersionOutput(t *testing.T) {
	fields := regexp.MustCompile(`^tfgate (\S+)\ncommit: (.+)\nbuilt: (.+)\ngo: (\S+)\nopa: (\S+)\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		code, stdout, stderr := run(t, "", args...)
		m := fields.FindStringSubmatch(stdout)
		if code != 0 || m == nil {
			t.Fatalf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		if m[4] != runtime.Version() || m[5] != opaversion.Version {
			t.Errorf("%v: go %s opa %s, want %s and %s", args, m[4], m[5], runtime.Version(), opaversion.Version)
		}
	}
	// Stamped values win over build information.
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "1.2.3", "0123456789abcdef", "2026-01-02T03:04:05Z"
	_, stdout, _ := run(t, "", "version")
	if want := "tfgate 1.2.3\ncommit: 0123456789abcdef\nbuilt: 2026-01-02T03:04:05Z\n"; !strings.HasPrefix(stdout, want) {
		t.Errorf("got %q, want prefix %q", stdout, want)
	}
	// Reports carry the version too.
	_, stdout, _ = run(t, "", "check", "--format", "json", "--fail-on", "never", fixturePlan(t, "clean"))
	var rep struct{ Tool struct{ Version string } }
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || rep.Tool.Version != "1.2.3" {
		t.Errorf("json tool version %q (%v)", rep.Tool.Version, err)
	}
}

// TestVersionLdflags builds the binary as a release does and checks that
// the -X stamps land (a renamed variable would silently stop them).
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "tfgate")
	ld := "-X main.version=9.8.7 -X main.commit=abc123 -X main.date=2026-12-01T00:00:00Z"
	build := exec.Command("go", "build", "-trimpath", "-ldflags", ld, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := "tfgate 9.8.7\ncommit: abc123\nbuilt: 2026-12-01T00:00:00Z\ngo: " + runtime.Version() + "\nopa: " + opaversion.Version + "\n"
	if d := cmp.Diff(want, string(out)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestHelpExamples(t *testing.T) {
	for _, cmd := range []string{"check", "inspect", "rules", "test", "version", "completion"} {
		code, stdout, stderr := run(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(stdout, "Examples:\n") || !strings.Contains(stdout, "tfgate "+cmd) {
			t.Errorf("%s --help: exit %d, stderr %q\n%s", cmd, code, stderr, stdout)
		}
	}
	_, stdout, _ := run(t, "", "check", "--help")
	if !strings.Contains(stdout, "tfgate check plan.json --format sarif=results.sarif --format text") {
		t.Errorf("check --help lacks the several-outputs example:\n%s", stdout)
	}
}

func TestCompletion(t *testing.T) {
	scripts := map[string]string{}
	for _, shell := range completionShells {
		code, stdout, stderr := run(t, "", "completion", shell)
		if code != 0 || stdout == "" {
			t.Fatalf("completion %s: exit %d, stderr %q", shell, code, stderr)
		}
		for _, want := range []string{"check", "inspect", "rules", "test", "version", "completion", "format", "fail-on", "sarif"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("completion %s does not mention %q", shell, want)
			}
		}
		scripts[shell] = stdout
	}
	if code, _, stderr := run(t, "", "completion", "powershell"); code != exitError || !strings.Contains(stderr, "bash, zsh, fish") {
		t.Errorf("unknown shell: exit %d, stderr %q", code, stderr)
	}
	dir := t.TempDir()
	for shell, flag := range map[string]string{"bash": "-n", "zsh": "-n", "fish": "--no-execute"} {
		path, err := exec.LookPath(shell)
		if err != nil {
			t.Logf("%s not installed: its completion script is not syntax-checked", shell)
			continue
		}
		f := filepath.Join(dir, "tfgate."+shell)
		if err := os.WriteFile(f, []byte(scripts[shell]), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(path, flag, f).CombinedOutput(); err != nil {
			t.Errorf("%s %s: %v\n%s", shell, flag, err, out)
		}
	}
	// fish and zsh: what the shell offers for a command line.
	shellCases := []struct {
		line string
		want []string
	}{
		{"tfgate ch", []string{"check"}},
		{"tfgate check --fo", []string{"--format"}},
		{"tfgate check --format s", []string{"sarif"}},
		{"tfgate check --fail-on h", []string{"high"}},
		{"tfgate rules --format m", []string{"markdown"}},
		{"tfgate completion ", []string{"bash", "fish", "zsh"}},
	}
	if fish, err := exec.LookPath("fish"); err == nil {
		for _, tc := range shellCases {
			out, err := exec.Command(fish, "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, filepath.Join(dir, "tfgate.fish"), tc.line).CombinedOutput()
			if err != nil {
				t.Fatalf("fish: %v\n%s", err, out)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				got = append(got, strings.Split(l, "\t")[0])
			}
			slices.Sort(got)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("fish %q (-want +got):\n%s", tc.line, d)
			}
		}
	}
	if zsh, err := exec.LookPath("zsh"); err == nil {
		capture := filepath.Join(dir, "capture.zsh")
		if err := os.WriteFile(capture, []byte(zshCapture), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, tc := range shellCases {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			out, err := exec.CommandContext(ctx, zsh, "-f", capture, filepath.Join(dir, "tfgate.zsh"), tc.line, dir).CombinedOutput()
			cancel()
			if err != nil {
				t.Fatalf("zsh: %v\n%s", err, out)
			}
			got := strings.Fields(string(out))
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("zsh %q (-want +got):\n%s", tc.line, d)
			}
		}
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not installed: completion not exercised")
	}
	script := filepath.Join(dir, "tfgate.bash")
	files := t.TempDir()
	for _, n := range []string{"results.sarif", "report.json"} {
		if err := os.WriteFile(filepath.Join(files, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		words []string // the command line; the last word is being completed
		want  []string
	}{
		{[]string{"tfgate", "ch"}, []string{"check"}},
		{[]string{"tfgate", "c"}, []string{"check", "completion"}},
		{[]string{"tfgate", "check", "--fo"}, []string{"--format"}},
		{[]string{"tfgate", "check", "plan.json", "--fail"}, []string{"--fail-on", "--fail-on-new"}},
		{[]string{"tfgate", "check", "--format", "s"}, []string{"sarif"}},
		{[]string{"tfgate", "check", "-f", "j"}, []string{"json", "junit"}},
		{[]string{"tfgate", "check", "--fail-on", "h"}, []string{"high"}},
		{[]string{"tfgate", "check", "--format", "sarif", "=", "r"}, []string{"report.json", "results.sarif"}},
		{[]string{"tfgate", "check", "--format", "sarif", "="}, []string{"=report.json", "=results.sarif"}},
		{[]string{"tfgate", "check", "--format", "=", "ma"}, []string{"markdown"}},
		{[]string{"tfgate", "rules", "--format", "m"}, []string{"markdown"}},
		{[]string{"tfgate", "completion", "f"}, []string{"fish"}},
		{[]string{"tfgate", "check", "rep"}, []string{"report.json"}},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.words, " "), func(t *testing.T) {
			var words []string
			for _, w := range tc.words {
				words = append(words, "'"+w+"'")
			}
			prog := `source "$1"; cd "$2"; COMP_WORDS=(` + strings.Join(words, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _tfgate; printf '%s\n' "${COMPREPLY[@]}"`
			out, err := exec.Command(bash, "-c", prog, "bash", script, files).CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got := strings.Fields(string(out))
			slices.Sort(got)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

// TestFileArgsGroupedByDirectory: a pre-commit hook passes changed files;
// each root module is checked once, a .tfvars that Terraform does not load
// is not applied (and says so), deleted modules are skipped.
func TestFileArgsGroupedByDirectory(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "egress", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	mod := filepath.Join(root, "a")
	gone := filepath.Join(root, "b")
	for _, d := range []string{mod, gone} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mod, "main.tf"), string(src))
	write(filepath.Join(mod, "variables.tf"), "variable \"unused\" {\n  default = \"x\"\n}\n")
	write(filepath.Join(mod, "extra.tf.json"), `{"locals": {"x": 1}}`)
	write(filepath.Join(mod, "prod.tfvars"), "unused = \"y\"\n")
	write(filepath.Join(gone, "terraform.tfvars"), "x = 1\n") // its .tf files were deleted

	params := fixtureParams(t)
	check := func(args ...string) (int, cliReport, string) {
		code, stdout, stderr := run(t, "", append(append([]string{"check", "--format", "json"}, params...), args...)...)
		if code == exitError {
			t.Fatalf("exit 2: %s", stderr)
		}
		return code, decodeJSONReport(t, stdout), stderr
	}
	_, whole, _ := check(mod)
	code, got, _ := check(
		filepath.Join(mod, "main.tf"), filepath.Join(mod, "variables.tf"), filepath.Join(mod, "extra.tf.json"),
		filepath.Join(mod, "prod.tfvars"),
		filepath.Join(gone, "terraform.tfvars"),
		filepath.Join(root, "c", "deleted.tf"),
	)
	if code != exitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	if d := cmp.Diff([]string{mod}, got.Sources); d != "" {
		t.Errorf("sources: the module must be checked once (-want +got):\n%s", d)
	}
	if len(got.Findings) != len(whole.Findings) || len(got.Findings) == 0 {
		t.Errorf("%d findings, want the directory's %d once", len(got.Findings), len(whole.Findings))
	}
	codes := map[string][]string{}
	for _, n := range got.Notices {
		codes[n.Code] = append(codes[n.Code], n.File)
	}
	want := map[string][]string{
		"var-file-not-applied": {filepath.Join(mod, "prod.tfvars")},
		"input-skipped":        {filepath.Join(gone, "terraform.tfvars"), filepath.Join(root, "c", "deleted.tf")},
	}
	for code, files := range want {
		if d := cmp.Diff(files, codes[code]); d != "" {
			t.Errorf("%s notices (-want +got):\n%s", code, d)
		}
	}
	// Given with --var-file, the .tfvars file is applied and not noticed.
	_, got, _ = check("--var-file", filepath.Join(mod, "prod.tfvars"), filepath.Join(mod, "prod.tfvars"))
	for _, n := range got.Notices {
		if n.Code == "var-file-not-applied" {
			t.Errorf("notice although given with --var-file: %s", n.Message)
		}
	}
	// Only deleted modules: nothing to check is a pass with notices, not an error.
	code, stdout, stderr := run(t, "", "check", filepath.Join(gone, "terraform.tfvars"))
	if code != 0 || !strings.Contains(stdout, "notice:") || !strings.Contains(stdout, "terraform.tfvars") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	// A JSON plan is still a plan.
	_, got, _ = check(fixturePlan(t, "egress"), filepath.Join(mod, "main.tf"))
	if d := cmp.Diff([]string{fixturePlan(t, "egress"), mod}, got.Sources); d != "" {
		t.Errorf("sources (-want +got):\n%s", d)
	}
}

// zshCapture runs zsh interactively in a pseudo-terminal, loads the
// completion script ($1), types the line ($2) and a TAB, and prints what
// the completion system offered (every compadd), sorted.
const zshCapture = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= ; unset zle_bracketed_paste; autoload -U compinit; compinit -u -d $3/zcompdump; source $1"
zpty -w z 'comppostfuncs=(_cap_end); _cap_end() { compstate[insert]=""; compstate[list]=""; print -r -- "<<""END>>" }'
zpty -w z 'compadd() { local -a a; builtin compadd -O a "$@"; print -rl -- "@@""C@@"${^a}; builtin compadd "$@" }'
zpty -w z "$2"$'\t'
zpty -r -m z out '*<<END>>*'
print -r -- "$out" | grep -ao "@@C@@[^[:cntrl:]]*" | sed "s/^@@C@@//" | sort -u
zpty -d z
`
