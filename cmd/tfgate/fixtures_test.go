package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/sarifcheck"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/tfgate/tfgate/report"
)

// expectedCase is fixtures/<case>/expected.json, written by hand.
type expectedCase struct {
	Description    string          `json:"description"`
	ExitCode       int             `json:"exit_code"`
	Findings       []findingKey    `json:"findings"`
	MustNotContain []string        `json:"must_not_contain"`
	ConfigDiffers  json.RawMessage `json:"config_differs,omitempty"`
	// Rules, when set, limits the comparison to findings whose rule id
	// starts with one of these prefixes ("TFG-AWS-ENC-"), so a case about
	// one family keeps its meaning as the library grows. Without it every
	// finding of every rule is compared (the clean case must stay clean).
	Rules []string `json:"rules,omitempty"`
	// Params, when set, are merged over fixtures/params.json for this case
	// (each named parameter replaced as a whole), for a case that needs
	// another form of a parameter (required_tags as a map of patterns).
	Params map[string]any `json:"params,omitempty"`
}

// caseParams are the --param flags a case is checked with:
// fixtures/params.json, then the case's own params (a later --param wins).
func caseParams(t *testing.T, exp expectedCase) []string {
	t.Helper()
	args := fixtureParams(t)
	keys := make([]string, 0, len(exp.Params))
	for k := range exp.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := json.Marshal(exp.Params[k])
		if err != nil {
			t.Fatalf("params %s: %v", k, err)
		}
		args = append(args, "--param", k+"="+string(v))
	}
	return args
}

// inScope reports whether a finding of rule id is compared for this case.
func (e expectedCase) inScope(id string) bool {
	if len(e.Rules) == 0 {
		return true
	}
	for _, p := range e.Rules {
		if strings.HasPrefix(id, p) {
			return true
		}
	}
	return false
}

type findingKey struct {
	RuleID    string `json:"rule_id"`
	Resource  string `json:"resource"`
	Outcome   string `json:"outcome"`
	Attribute string `json:"attribute,omitempty"`
}

type jsonOutput struct {
	Findings []struct {
		RuleID    string `json:"rule_id"`
		Resource  string `json:"resource"`
		Outcome   string `json:"outcome"`
		Attribute string `json:"attribute"`
		File      string `json:"file"`
		Range     struct {
			StartLine int `json:"start_line"`
		} `json:"range"`
	} `json:"findings"`
}

func fixtureCases(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(repoRoot(t), "fixtures", "*", "expected.json"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	var cases []string
	for _, d := range dirs {
		cases = append(cases, filepath.Base(filepath.Dir(d)))
	}
	sort.Strings(cases)
	return cases
}

// caseInputs are what a case is checked as: its plan.json and its
// directory, or only the directory for a configuration-only case (one
// written for a provider that is not installed here, so no real plan can
// be made: Azure and Google).
func caseInputs(t *testing.T, c string) []string {
	t.Helper()
	if hasPlan(t, c) {
		return []string{filepath.Join(c, "plan.json"), c}
	}
	return []string{c}
}

// hasPlan reports whether fixtures/<c> has a real plan.json.
func hasPlan(t *testing.T, c string) bool {
	t.Helper()
	_, err := os.Stat(filepath.Join(repoRoot(t), "fixtures", c, "plan.json"))
	return err == nil
}

func readExpected(t *testing.T, c string) expectedCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", c, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp expectedCase
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatalf("%s/expected.json: %v", c, err)
	}
	return exp
}

// checkFindings runs `tfgate check --format json` on input and compares
// the findings (rule, resource, outcome, attribute where expected).
func checkFindings(t *testing.T, input string, exp expectedCase) jsonOutput {
	t.Helper()
	args := append([]string{"check", "--format", "json"}, caseParams(t, exp)...)
	code, stdout, stderr := run(t, "", append(args, input)...)
	if code != exp.ExitCode {
		t.Errorf("exit %d, want %d; stderr: %s", code, exp.ExitCode, stderr)
	}
	var out jsonOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("json output: %v\n%s", err, stdout)
	}
	var got []findingKey
	wantAttr := map[[2]string]bool{}
	for _, f := range exp.Findings {
		if f.Attribute != "" {
			wantAttr[[2]string{f.RuleID, f.Resource}] = true
		}
	}
	for _, f := range out.Findings {
		if !exp.inScope(f.RuleID) {
			continue
		}
		k := findingKey{RuleID: f.RuleID, Resource: f.Resource, Outcome: f.Outcome}
		if wantAttr[[2]string{f.RuleID, f.Resource}] {
			k.Attribute = f.Attribute
		}
		got = append(got, k)
	}
	sortKeys(got)
	want := append([]findingKey(nil), exp.Findings...)
	sortKeys(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	return out
}

func sortKeys(ks []findingKey) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Outcome != b.Outcome {
			return a.Outcome < b.Outcome
		}
		return a.Attribute < b.Attribute
	})
}

// TestFixturesPlan checks every case's plan against its expected.json; a
// configuration-only case is checked as a directory (TestConfigMatchesPlan
// holds the directories of the other cases to their plans).
func TestFixturesPlan(t *testing.T) {
	for _, c := range fixtureCases(t) {
		t.Run(c, func(t *testing.T) {
			exp := readExpected(t, c)
			input := caseInputs(t, c)[0]
			out := checkFindings(t, filepath.Join(repoRoot(t), "fixtures", input), exp)
			// Every finding of a plan whose .tf files are beside it has a line.
			for _, f := range out.Findings {
				if f.File == "" || f.Range.StartLine < 1 {
					t.Errorf("finding %s on %s has no source line", f.RuleID, f.Resource)
				}
			}
		})
	}
}

func TestFixturesNeverPrintSensitiveValues(t *testing.T) {
	for _, c := range fixtureCases(t) {
		exp := readExpected(t, c)
		if len(exp.MustNotContain) == 0 {
			continue
		}
		t.Run(c, func(t *testing.T) {
			plan := filepath.Join(repoRoot(t), "fixtures", caseInputs(t, c)[0])
			outputs := map[string]string{}
			for _, format := range append(reportFormats(), "inspect") {
				var stdout string
				if format == "inspect" {
					_, stdout, _ = run(t, "", "inspect", plan)
				} else {
					_, stdout, _ = run(t, "", append(append([]string{"check", "--format", format}, caseParams(t, exp)...), plan)...)
				}
				outputs[format] = stdout
			}
			for format, out := range outputs {
				for _, secret := range exp.MustNotContain {
					if strings.Contains(out, secret) {
						t.Errorf("%s output contains the sensitive value %q", format, secret)
					}
				}
			}
		})
	}
}

func reportFormats() []string { return report.Formats() }

func TestFixturesSARIFValid(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared is absent: no SARIF schema to validate against")
	}
	schema := filepath.Join(shared, "schemas", "sarif-schema-2.1.0.json")
	tool, haveTool := sarifcheck.FindMultitool()
	if !haveTool && os.Getenv("TFGATE_REQUIRE_SARIF_MULTITOOL") == "1" {
		t.Fatal("sarif-multitool not found (run .ci/install-sarif-multitool.sh)")
	}
	var inputs []string // every fixture's plan and its configuration directory
	for _, c := range fixtureCases(t) {
		inputs = append(inputs, caseInputs(t, c)...)
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.sarif")
			args := append([]string{"check", "--format", "sarif", "--output", out, "--base-dir", repoRoot(t)}, fixtureParams(t)...)
			code, _, stderr := run(t, "", append(args, filepath.Join(repoRoot(t), "fixtures", in))...)
			if code == exitError {
				t.Fatalf("exit 2: %s", stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if err := sarifcheck.ValidateSARIF(data, schema); err != nil {
				t.Errorf("schema: %v", err)
			}
			if strings.Contains(string(data), `"uri": "../`) || strings.Contains(string(data), `"uri":"../`) {
				t.Error("SARIF uri escapes the base directory")
			}
			if !haveTool {
				t.Log("sarif-multitool not found: GitHub ingestion rules not checked (run .ci/install-sarif-multitool.sh)")
				return
			}
			problems, err := sarifcheck.RunMultitool(tool, out)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) > 0 {
				t.Errorf("sarif-multitool:\n%s", strings.Join(problems, "\n"))
			}
		})
	}
}

func TestInspectMatchesInputSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join(repoRoot(t), "library", "schema", "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range fixtureCases(t) {
		for _, name := range caseInputs(t, c) {
			testInspect(t, sch, name)
		}
	}
}

// testInspect validates `tfgate inspect fixtures/<name>` against the schema.
func testInspect(t *testing.T, sch *jsonschema.Schema, name string) {
	t.Run(name, func(t *testing.T) {
		code, stdout, stderr := run(t, "", "inspect", filepath.Join(repoRoot(t), "fixtures", name))
		if code != 0 {
			t.Fatalf("inspect exit %d: %s", code, stderr)
		}
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(stdout))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(doc); err != nil {
			t.Errorf("inspect output does not match library/schema/input.json: %v", err)
		}
	})
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "egress", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, string(data), "check", "--format", "json", "-")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "TFG-AWS-EGRESS-001") {
		t.Errorf("no egress finding from stdin:\n%s", stdout)
	}
}

// providerMirror is the local filesystem mirror of hashicorp/aws, or "".
func providerMirror() string {
	for _, d := range []string{os.Getenv("TFGATE_PROVIDER_MIRROR"), "/opt/tf-plugins"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "registry.terraform.io", "hashicorp", "aws")); err == nil {
			return d
		}
	}
	return ""
}

// TestBinaryPlan reads a saved binary plan through `terraform show -json`,
// which needs the provider schemas: the case is initialised offline from
// the local provider mirror in a temporary directory.
func TestBinaryPlan(t *testing.T) {
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Skip("terraform is not on PATH: saved binary plans cannot be read")
	}
	mirror := providerMirror()
	if mirror == "" {
		t.Skip("no hashicorp/aws provider mirror (TFGATE_PROVIDER_MIRROR or /opt/tf-plugins): cannot init the binary-plan case offline")
	}
	src := filepath.Join(repoRoot(t), "fixtures", "binary-plan")
	dir := t.TempDir()
	for _, f := range []string{"main.tf", "tfplan.bin"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rc := filepath.Join(dir, "tf.rc")
	if err := os.WriteFile(rc, []byte("provider_installation {\n  filesystem_mirror {\n    path = \""+mirror+"\"\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
	t.Setenv("CHECKPOINT_DISABLE", "1")
	init := exec.Command("terraform", "init", "-input=false", "-no-color")
	init.Dir = dir
	if out, err := init.CombinedOutput(); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	checkFindings(t, filepath.Join(dir, "tfplan.bin"), readExpected(t, "binary-plan"))
}

func TestBinaryPlanWithoutTerraform(t *testing.T) {
	bin := filepath.Join(repoRoot(t), "fixtures", "binary-plan", "tfplan.bin")
	code, _, stderr := run(t, "", "check", "--terraform", "no-such-terraform-binary", bin)
	if code != exitError || !strings.Contains(stderr, "saved binary plan") || !strings.Contains(stderr, "not on PATH") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestParamsNotSetAreReported(t *testing.T) {
	// The clean case passes every rule that needs no parameter; the
	// parameterised ones must say they did not run.
	code, stdout, _ := run(t, "", "check", filepath.Join(repoRoot(t), "fixtures", "clean", "plan.json"))
	if code != 0 {
		t.Errorf("exit %d, want 0: no rule that can fail here is configured", code)
	}
	// One line lists them all, grouped by the parameter to set.
	var lines []string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "not evaluated:") {
			lines = append(lines, l)
		}
	}
	if len(lines) != 1 {
		t.Fatalf("want one \"not evaluated\" line, got %d:\n%s", len(lines), stdout)
	}
	for _, want := range []string{"allowed_regions (TFG-AWS-REG-001", "required_tags (TFG-AWS-TAG-001", "allowed_instance_types (TFG-AWS-COST-001)", "--param NAME=VALUE"} {
		if strings.Count(lines[0], want) != 1 {
			t.Errorf("the line should say %q once:\n%s", want, lines[0])
		}
	}
}

func TestFailOnThreshold(t *testing.T) {
	plan := filepath.Join(repoRoot(t), "fixtures", "tagging", "plan.json")
	params := fixtureParams(t)
	for _, tc := range []struct {
		failOn string
		want   int
	}{{"low", 1}, {"medium", 1}, {"high", 0}, {"never", 0}} {
		code, _, stderr := run(t, "", append(append([]string{"check", "--fail-on", tc.failOn, "--format", "json"}, params...), plan)...)
		if code != tc.want {
			t.Errorf("--fail-on %s: exit %d, want %d (%s)", tc.failOn, code, tc.want, stderr)
		}
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := run(t, "", "rules")
	all := catalogueRules(t)
	per := map[string]int{}
	for _, r := range all {
		per[r.Provider]++
	}
	summary := fmt.Sprintf("\n%d rules: aws %d, azurerm %d, google %d — ", len(all), per["aws"], per["azurerm"], per["google"])
	if code != 0 || !strings.Contains(out, "TFG-AWS-EGRESS-001") || !strings.Contains(out, "TFG-AZURE-") || !strings.Contains(out, "TFG-GCP-") || !strings.Contains(out, summary) {
		t.Errorf("rules: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "rules", "TFG-AWS-ENC-003")
	if code != 0 || !strings.Contains(out, "January 2023") || !strings.Contains(out, "Remediation") {
		t.Errorf("rules TFG-AWS-ENC-003: exit %d\n%s", code, out)
	}
}
