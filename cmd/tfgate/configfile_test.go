package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/tfgate/tfgate/rules"
)

// contractConfig is the file of issue 8, key for key.
const contractConfig = `fail_on: high
params:
  required_tags: [Owner, CostCenter]
  allowed_regions: [eu-west-1]
  internet_min_prefix_v4: 8
  nested: {a: true, b: null, c: 2027-03-31}
rules:
  TFG-AWS-ENC-003: {severity: low}
  TFG-AWS-TAG-001: off
  TFG-AWS-REG-001: critical
policies:
  - path: policies/ours            # style 1 or 2, Rego v1 (defaults)
  - path: policies/legacy
    rego_version: v0
  - path: policies/conftest
    input: plan-json               # raw terraform show -json as input
  - path: policies/hcp
    input: hcp-terraform           # input.plan, as HCP Terraform gives it
waivers:
  - rule: TFG-AWS-EGRESS-001
    resource: "module.edge.aws_security_group.*"
    reason: "egress proxy, reviewed in SEC-142"
    expires: 2027-03-31
    owner: platform-team           # optional; ticket: optional
  - rule: TFG-AWS-ENC-001
    resource: aws_ebs_volume.scratch
    reason: scratch disk, no data
    expires: "2026-12-31"
    ticket: SEC-9
var_files: [env/prod.tfvars]
recursive: true
`

func day(s string) time.Time {
	t, err := time.Parse(rules.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestConfigEveryKey(t *testing.T) {
	got, err := parseConfig("repo/.tfgate.yaml", []byte(contractConfig))
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	want := &configFile{
		Path:   "repo/.tfgate.yaml",
		FailOn: rules.High,
		Params: map[string]any{
			"required_tags":          []any{"Owner", "CostCenter"},
			"allowed_regions":        []any{"eu-west-1"},
			"internet_min_prefix_v4": 8.0,
			"nested":                 map[string]any{"a": true, "b": nil, "c": "2027-03-31"},
		},
		Rules: map[string]ruleSetting{
			"TFG-AWS-ENC-003": {Severity: rules.Low, Line: 8},
			"TFG-AWS-TAG-001": {Off: true, Line: 9},
			"TFG-AWS-REG-001": {Severity: rules.Critical, Line: 10},
		},
		Policies: []configPolicy{
			{Path: "policies/ours"},
			{Path: "policies/legacy", RegoV0: true},
			{Path: "policies/conftest", Input: "plan-json"},
			{Path: "policies/hcp", Input: "hcp-terraform"},
		},
		PolicyLines: []int{12, 13, 15, 17},
		Waivers: []rules.Waiver{
			{Rule: "TFG-AWS-EGRESS-001", Resource: "module.edge.aws_security_group.*", Reason: "egress proxy, reviewed in SEC-142",
				Expires: day("2027-03-31"), Owner: "platform-team", Kind: rules.WaiverExternal, File: "repo/.tfgate.yaml", Line: 20},
			{Rule: "TFG-AWS-ENC-001", Resource: "aws_ebs_volume.scratch", Reason: "scratch disk, no data",
				Expires: day("2026-12-31"), Ticket: "SEC-9", Kind: rules.WaiverExternal, File: "repo/.tfgate.yaml", Line: 25},
		},
		VarFiles:  []string{"env/prod.tfvars"},
		Recursive: &yes,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("parseConfig (-want +got):\n%s", d)
	}
}

func TestConfigEmptyAndCommentedOut(t *testing.T) {
	for name, text := range map[string]string{
		"empty":          "",
		"comments":       "# nothing yet\n",
		"null document":  "~\n",
		"empty sections": "params:\nrules:\npolicies:\nwaivers:\nvar_files:\n",
	} {
		t.Run(name, func(t *testing.T) {
			got, err := parseConfig("c.yaml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if got.FailOn != 0 || len(got.Params) != 0 || len(got.Policies) != 0 || len(got.Waivers) != 0 || got.Recursive != nil {
				t.Errorf("got settings from %q: %+v", text, got)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"unknown top key", "fail_on: high\nfail_onn: low\n", `c.yaml:2: unknown key "fail_onn" (did you mean fail_on? valid keys: fail_on, params, rules, policies, waivers, var_files, recursive)`},
		{"unknown policy key", "policies:\n  - path: p\n    rego: v0\n", `c.yaml:3: policies[0]: unknown key "rego"`},
		{"unknown waiver key", "waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 2027-01-01\n    expiry: 2027-01-01\n", `c.yaml:6: waivers[0]: unknown key "expiry" (did you mean expires?`},
		{"unknown rule setting key", "rules:\n  TFG-X: {level: low}\n", `c.yaml:2: rules: TFG-X: unknown key "level"`},
		{"duplicate key", "fail_on: high\nfail_on: low\n", `c.yaml:2: key "fail_on" given twice (first on line 1)`},
		{"bad severity", "fail_on: severe\n", `c.yaml:1: fail_on: unknown severity "severe"`},
		{"fail_on list", "fail_on: [high]\n", `c.yaml:1: fail_on: want a single value, found a list`},
		{"params not a map", "params: [a, b]\n", `c.yaml:1: params: want a mapping`},
		{"rules bad value", "rules:\n  TFG-X: maybe\n", `c.yaml:2: rules: TFG-X: want off, a severity`},
		{"rules never", "rules:\n  TFG-X: {severity: never}\n", `c.yaml:2: rules: TFG-X: severity: want low, medium, high or critical`},
		{"policies not a list", "policies: policies/ours\n", `c.yaml:1: policies: want a list, found "policies/ours"`},
		{"policy as string", "policies:\n  - policies/ours\n", `c.yaml:2: policies[0]: want {path: DIR}, found "policies/ours" (write - path: policies/ours)`},
		{"policy without path", "policies:\n  - input: plan-json\n", `c.yaml:2: policies[0]: path is required`},
		{"bad rego version", "policies:\n  - path: p\n    rego_version: v2\n", `c.yaml:3: policies[0].rego_version: want v0 or v1, found "v2"`},
		{"bad input", "policies:\n  - path: p\n    input: tfplan\n", `c.yaml:3: policies[0].input: unknown policy input "tfplan"`},
		{"bad date", "waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 2027-02-30\n", `c.yaml:5: waivers[0].expires: date "2027-02-30" is not a day of the calendar`},
		{"date format", "waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 31/03/2027\n", `c.yaml:5: waivers[0].expires: date "31/03/2027": want YYYY-MM-DD`},
		{"datetime", "waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 2027-03-31T10:00:00Z\n", `c.yaml:5: waivers[0].expires: date "2027-03-31T10:00:00Z": want YYYY-MM-DD`},
		{"waiver missing fields", "waivers:\n  - rule: X\n    resource: a.b\n", `c.yaml:2: waivers[0]: reason, expires are required`},
		{"waiver reason bool", "waivers:\n  - rule: X\n    resource: a.b\n    reason: yes\n    expires: 2027-01-01\n", ``},
		{"waiver reason number", "waivers:\n  - rule: X\n    resource: a.b\n    reason: 42\n    expires: 2027-01-01\n", `c.yaml:4: waivers[0].reason: want text, found a number (42)`},
		{"waiver bad pattern", "waivers:\n  - rule: X\n    resource: a..b\n    reason: r\n    expires: 2027-01-01\n", `c.yaml:3: waivers[0].resource: resource pattern "a..b" has an empty segment`},
		{"waiver double star", "waivers:\n  - rule: X\n    resource: module.**x\n    reason: r\n    expires: 2027-01-01\n", `** stands alone`},
		{"recursive not bool", "recursive: yes please\n", `c.yaml:1: recursive: want true or false, found "yes please"`},
		{"var_files not list", "var_files: a.tfvars\n", `c.yaml:1: var_files: want a list`},
		{"not a mapping", "- a\n- b\n", `c.yaml:1: want a mapping of keys`},
		{"yaml syntax", "fail_on: [high\n", `c.yaml: line 1: did not find expected ',' or ']'`},
		{"two documents", "fail_on: high\n---\nfail_on: low\n", `c.yaml:2: a second YAML document`},
		{"merge key", "base: &b {fail_on: high}\n", `c.yaml:1: unknown key "base"`},
		{"merge into waiver", "waivers:\n  - <<: {rule: X}\n    resource: a\n", `c.yaml:2: waivers[0]: merge keys (<<) are not supported`},
		{"billion laughs", "params:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", `too large`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseConfig("c.yaml", []byte(tc.text))
			if tc.want == "" {
				if err == nil {
					return
				}
				// reason: yes is a YAML 1.2 string in go.yaml.in/yaml/v3.
				if !strings.Contains(err.Error(), "reason") {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error\n  %v\nwant it to contain\n  %s", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}
}

// repo makes a temporary repository with files (path -> content).
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(p, "/") {
			continue
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFindConfig(t *testing.T) {
	dir := repo(t, map[string]string{
		".git/HEAD":                  "ref: refs/heads/main\n",
		".tfgate.yaml":               "fail_on: high\n",
		"infra/prod/main.tf":         "",
		"infra/prod/plan.json":       "{}",
		"infra/team/.tfgate.yml":     "fail_on: low\n",
		"infra/team/net/main.tf":     "",
		"both/.tfgate.yaml":          "",
		"both/.tfgate.yml":           "",
		"outside/.tfgate.yaml":       "",
		"outside/sub/repo/.git/HEAD": "",
		"outside/sub/repo/x/main.tf": "",
	})
	for _, tc := range []struct{ start, want, err string }{
		{"infra/prod", ".tfgate.yaml", ""},
		{"infra/prod/main.tf", ".tfgate.yaml", ""},
		{"infra/prod/plan.json", ".tfgate.yaml", ""},
		{"infra/team/net", "infra/team/.tfgate.yml", ""},
		{"infra/team/net/main.tf", "infra/team/.tfgate.yml", ""},
		{".", ".tfgate.yaml", ""},
		{"both", "", "exist; keep one"},
		// The walk stops at the root of the repository holding the path.
		{"outside/sub/repo/x", "", ""},
		{"infra/prod/missing.tf", ".tfgate.yaml", ""},
	} {
		t.Run(tc.start, func(t *testing.T) {
			got, err := findConfig(filepath.Join(dir, tc.start))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tc.want != "" {
				want = filepath.Join(dir, tc.want)
			}
			if got != want {
				t.Errorf("findConfig(%s) = %q, want %q", tc.start, got, want)
			}
		})
	}
}

func TestReadConfigResolvesPaths(t *testing.T) {
	dir := repo(t, map[string]string{
		"sub/.tfgate.yaml":         "policies:\n  - path: policies/ours\nvar_files: [env/prod.tfvars]\n",
		"sub/policies/ours/a.rego": "package a\n",
	})
	cfg, err := readConfig(filepath.Join(dir, "sub", ".tfgate.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "sub", "policies", "ours"), filepath.Join(dir, "sub", "env", "prod.tfvars")}
	if d := cmp.Diff(want, []string{cfg.Policies[0].Path, cfg.VarFiles[0]}); d != "" {
		t.Errorf("resolved paths (-want +got):\n%s", d)
	}

	missing := repo(t, map[string]string{".tfgate.yaml": "\npolicies:\n  - path: nowhere\n"})
	_, err = readConfig(filepath.Join(missing, ".tfgate.yaml"))
	if err == nil || !strings.Contains(err.Error(), ".tfgate.yaml:3: policies[0].path: "+filepath.Join(missing, "nowhere")+" does not exist") {
		t.Errorf("missing policy directory: err = %v", err)
	}
	_, err = readConfig(filepath.Join(missing, "none.yaml"))
	if err == nil || !strings.Contains(err.Error(), "read configuration "+filepath.Join(missing, "none.yaml")+": no such file or directory") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestApplyRuleSettings(t *testing.T) {
	catalogue := []rules.Rule{{ID: "A", Severity: rules.High}, {ID: "B", Severity: rules.Low}, {ID: "C", Severity: rules.Medium}}
	fs := []rules.Finding{{RuleID: "A", Severity: rules.High}, {RuleID: "B", Severity: rules.Low}, {RuleID: "C", Severity: rules.Medium}}
	settings := map[string]ruleSetting{"A": {Severity: rules.Low}, "B": {Off: true}}
	gotRules, gotFindings := applyRuleSettings(settings, catalogue, fs)
	if d := cmp.Diff([]rules.Rule{{ID: "A", Severity: rules.Low}, {ID: "C", Severity: rules.Medium}}, gotRules, cmp.AllowUnexported(rules.Rule{})); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]rules.Finding{{RuleID: "A", Severity: rules.Low}, {RuleID: "C", Severity: rules.Medium}}, gotFindings); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
}

func TestConfigRuleIDsChecked(t *testing.T) {
	cfg, err := parseConfig("c.yaml", []byte("rules:\n  TFG-AWS-ENC-001: low\n  TFG-AWS-ENC-01: off\n"))
	if err != nil {
		t.Fatal(err)
	}
	catalogue := []rules.Rule{{ID: "TFG-AWS-ENC-001"}, {ID: "TFG-AWS-EGRESS-001"}}
	err = cfg.checkRuleIDs(catalogue)
	if err == nil || err.Error() != `c.yaml:3: rules: no rule "TFG-AWS-ENC-01" (did you mean TFG-AWS-ENC-001? list them with tfgate rules)` {
		t.Errorf("err = %v", err)
	}
	cfg, err = parseConfig("c.yaml", []byte("waivers:\n  - rule: TFG-AWS-EGRES-001\n    resource: '**'\n    reason: r\n    expires: 2027-01-01\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = cfg.checkRuleIDs(catalogue)
	if err == nil || err.Error() != `c.yaml:2: waiver names no rule "TFG-AWS-EGRES-001" (did you mean TFG-AWS-EGRESS-001? list them with tfgate rules)` {
		t.Errorf("err = %v", err)
	}
}

// yamlToJSON converts a YAML file to the JSON value a schema validates
// (dates stay text, as editors read them).
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	if len(n.Content) == 0 {
		return nil
	}
	p := &configParser{file: "x"}
	v, err := p.value(n.Content[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	// Round-trip through JSON so numbers are what the validator expects.
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func configSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	path := filepath.Join(repoRoot(t), "library", "schema", "config.json")
	sch, err := jsonschema.NewCompiler().Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return sch, m
}

// TestConfigSchemaAcceptsWhatTheLoaderReads: the starter file of tfgate
// init, the example repository's file and the contract all load
// and are valid against library/schema/config.json.
func TestConfigSchemaAcceptsWhatTheLoaderReads(t *testing.T) {
	sch, _ := configSchema(t)
	files := map[string][]byte{"tfgate init": []byte(starterConfig), "contract": []byte(contractConfig)}
	example := filepath.Join(repoRoot(t), "examples", "policies", ".tfgate.yaml")
	if data, err := os.ReadFile(example); err == nil {
		files["examples/policies/.tfgate.yaml"] = data
	} else if os.Getenv("CI") != "" {
		t.Errorf("%s: %v", example, err)
	} else {
		t.Logf("skipping %s: %v", example, err)
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			if _, err := parseConfig(name, data); err != nil {
				t.Errorf("loader: %v", err)
			}
			if err := sch.Validate(yamlToJSON(t, data)); err != nil {
				t.Errorf("schema: %v", err)
			}
		})
	}
}

// TestConfigSchemaRejectsWhatTheLoaderRejects: files the loader refuses
// are invalid for the schema too (an editor flags them).
func TestConfigSchemaRejectsWhatTheLoaderRejects(t *testing.T) {
	sch, _ := configSchema(t)
	for _, text := range []string{
		"fail_onn: high\n",
		"fail_on: severe\n",
		"rules:\n  TFG-X: maybe\n",
		"rules:\n  TFG-X: {severity: never}\n",
		"rules:\n  TFG-X: {level: low}\n",
		"policies:\n  - policies/ours\n",
		"policies:\n  - input: plan-json\n",
		"policies:\n  - path: p\n    rego_version: v2\n",
		"policies:\n  - path: p\n    input: tfplan\n",
		"waivers:\n  - rule: X\n    resource: a.b\n",
		"waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 31/03/2027\n",
		"waivers:\n  - rule: X\n    resource: a.b\n    reason: r\n    expires: 2027-01-01\n    expiry: 2027-01-01\n",
		"recursive: maybe\n",
		"var_files: a.tfvars\n",
	} {
		if _, err := parseConfig("c.yaml", []byte(text)); err == nil {
			t.Errorf("loader accepts %q", text)
		}
		if err := sch.Validate(yamlToJSON(t, []byte(text))); err == nil {
			t.Errorf("schema accepts %q", text)
		}
	}
}

// TestConfigSchemaKeysMatchLoader: the schema and the Go loader name the
// same keys in every section, and every key has a description.
func TestConfigSchemaKeysMatchLoader(t *testing.T) {
	_, m := configSchema(t)
	props := func(v any) map[string]any {
		p, _ := v.(map[string]any)["properties"].(map[string]any)
		return p
	}
	keys := func(p map[string]any) []string {
		var out []string
		for k := range p {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	sorted := func(l []string) []string {
		out := append([]string(nil), l...)
		sort.Strings(out)
		return out
	}
	top := props(m)
	rulesObj := top["rules"].(map[string]any)["additionalProperties"].(map[string]any)["oneOf"].([]any)[2]
	for _, tc := range []struct {
		section string
		schema  map[string]any
		loader  []string
	}{
		{"top", top, configKeys},
		{"policies[]", props(top["policies"].(map[string]any)["items"]), configPolicyKeys},
		{"waivers[]", props(top["waivers"].(map[string]any)["items"]), configWaiverKeys},
		{"rules.ID", props(rulesObj), configRuleKeys},
	} {
		if d := cmp.Diff(sorted(tc.loader), keys(tc.schema)); d != "" {
			t.Errorf("%s keys (-loader +schema):\n%s", tc.section, d)
		}
		for k, v := range tc.schema {
			if desc, _ := v.(map[string]any)["description"].(string); desc == "" {
				t.Errorf("%s.%s has no description", tc.section, k)
			}
		}
	}
}

// FuzzConfigFile: the reader never panics, and what it accepts is
// consistent (waivers complete, dates set).
func FuzzConfigFile(f *testing.F) {
	f.Add([]byte(contractConfig))
	f.Add([]byte(starterConfig))
	f.Add([]byte("fail_on: [high\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("params: {a: !!binary aGVsbG8=, b: .inf, c: 0x1F}\n"))
	f.Add([]byte("rules:\n  X: {severity: low}\nwaivers:\n  - {rule: X, resource: '**', reason: r, expires: 2027-01-01}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := parseConfig("c.yaml", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(err.Error(), "yaml") {
				t.Errorf("multi-line error: %q", err)
			}
			return
		}
		for _, w := range cfg.Waivers {
			if w.Rule == "" || w.Resource == "" || w.Reason == "" || w.Expires.IsZero() || w.Line == 0 {
				t.Errorf("incomplete waiver accepted: %+v", w)
			}
		}
		if _, err := json.Marshal(cfg.Params); err != nil {
			t.Errorf("params not JSON: %v", err)
		}
		for _, p := range cfg.Policies {
			if p.Path == "" {
				t.Errorf("policy without path accepted")
			}
		}
	})
}
