package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/sarifcheck"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/rules"
)

func sampleRules() []rules.Rule {
	return []rules.Rule{
		{ID: "TFG-AWS-EGRESS-001", Title: "Security groups must not allow egress to the internet", Description: "No egress to the internet.", Severity: rules.High, Family: "egress", Provider: "aws", ResourceTypes: []string{"aws_security_group"}, Frameworks: map[string][]string{"nist-800-53": {"SC-7"}}, Remediation: "Restrict egress.", Builtin: true},
		{ID: "TFG-AWS-TAG-001", Title: "Resources must carry the required tags", Description: "Tags.", Severity: rules.Medium, Family: "tagging", Provider: "aws", Params: []string{"required_tags"}, Builtin: true},
		{ID: "TFG-X-LOW-001", Title: "Low rule", Severity: rules.Low, Family: "misc", Provider: "x"},
		{ID: "TFG-X-CRIT-001", Title: "Critical rule", Severity: rules.Critical, Family: "misc", Provider: "x"},
	}
}

func sampleReport(t *testing.T) *Report {
	dir := t.TempDir()
	tf := filepath.Join(dir, "main.tf")
	if err := os.WriteFile(tf, []byte("resource \"aws_security_group\" \"web\" {\n  egress {\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &Report{
		ToolVersion: "1.2.3",
		Rules:       sampleRules(),
		Sources:     []string{filepath.Join(dir, "plan.json")},
		Resources:   3,
		FailOn:      rules.Low,
		BaseDir:     dir,
		Findings: []rules.Finding{
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Fail, Resource: "aws_security_group.web", Attribute: "egress[0].cidr_blocks", Message: "aws_security_group.web allows egress to the internet (0.0.0.0/0) on all ports", Source: filepath.Join(dir, "plan.json"), File: tf, Range: plan.Range{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 34}},
			{RuleID: "TFG-AWS-TAG-001", Severity: rules.Medium, Outcome: rules.Fail, Resource: "aws_s3_bucket.b", Attribute: "tags", Message: "aws_s3_bucket.b is missing required tag(s) Owner, CostCenter | 50% off\nnext", Source: filepath.Join(dir, "plan.json")},
			{RuleID: "TFG-X-LOW-001", Severity: rules.Low, Outcome: rules.Unknown, Resource: "x_thing.a", Message: "x_thing.a: value known only after apply", Source: filepath.Join(dir, "plan.json"), File: tf, Range: plan.Range{StartLine: 1, EndLine: 5}},
			{RuleID: "TFG-X-CRIT-001", Severity: rules.Critical, Outcome: rules.Fail, Resource: "x_thing.b", Message: "critical", Source: filepath.Join(dir, "plan.json"), File: tf, Range: plan.Range{StartLine: 1, EndLine: 5}},
		},
		Notices: []rules.Notice{{Code: "rule-not-evaluated", RuleID: "TFG-AWS-REG-001", Message: "TFG-AWS-REG-001 not evaluated: parameter allowed_regions is not set"}},
	}
}

func schemaPath(t *testing.T) string {
	p := filepath.Join("..", "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("SARIF schema not found at %s (../shared is absent): skipping schema validation", p)
	}
	abs, _ := filepath.Abs(p)
	return abs
}

// checkSARIF validates data with both validators; used by the CLI tests too
// through ValidateSARIF/RunMultitool.
func checkSARIF(t *testing.T, data []byte) {
	t.Helper()
	if err := sarifcheck.ValidateSARIF(data, schemaPath(t)); err != nil {
		t.Fatalf("SARIF schema validation: %v", err)
	}
	tool, ok := sarifcheck.FindMultitool()
	if !ok {
		if os.Getenv("TFGATE_REQUIRE_SARIF_MULTITOOL") == "1" {
			t.Fatal("sarif-multitool not found (run .ci/install-sarif-multitool.sh)")
		}
		t.Skip("sarif-multitool not found: run .ci/install-sarif-multitool.sh to validate with GitHub's rules")
	}
	path := filepath.Join(t.TempDir(), "out.sarif")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := sarifcheck.RunMultitool(tool, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("sarif-multitool found %d problems:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}

func TestSARIFValid(t *testing.T) {
	for name, r := range map[string]*Report{
		"findings": sampleReport(t),
		"empty":    {ToolVersion: "0.1.0-dev", Rules: sampleRules(), BaseDir: t.TempDir()},
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, "sarif", r); err != nil {
				t.Fatal(err)
			}
			checkSARIF(t, buf.Bytes())
		})
	}
}

func TestSARIFContent(t *testing.T) {
	r := sampleReport(t)
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", r); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(r.Rules) {
		t.Errorf("driver has %d rules, want every rule of the catalogue (%d)", len(run.Tool.Driver.Rules), len(r.Rules))
	}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.Properties["security-severity"] == "" || rule.Properties["security-severity"] == nil {
			t.Errorf("rule %s has no security-severity", rule.ID)
		}
	}
	res := run.Results[0]
	loc := res.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "main.tf" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 3 {
		t.Errorf("first result location = %+v, want main.tf line 3 relative to %%SRCROOT%%", loc)
	}
	if res.Locations[0].LogicalLocations[0].FullyQualifiedName != "aws_security_group.web" {
		t.Errorf("logical location = %+v", res.Locations[0].LogicalLocations)
	}
	// Without a .tf file the finding points at the plan file.
	if got := run.Results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "plan.json" {
		t.Errorf("finding without file points at %q, want plan.json", got)
	}
	if run.Results[2].Kind != "review" || !strings.HasPrefix(run.Results[2].Message.Text, "Indeterminate: ") {
		t.Errorf("unknown outcome rendered as %+v", run.Results[2])
	}
	// Fingerprints do not depend on the line.
	moved := r.Findings[0]
	moved.Range.StartLine = 40
	if Fingerprint(moved) != Fingerprint(r.Findings[0]) {
		t.Error("fingerprint changes when the line moves")
	}
	if len(run.Invocations[0].ToolConfigurationNotifications) != 1 {
		t.Error("notice missing from toolConfigurationNotifications")
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "yaml", sampleReport(t))
	if err == nil || err.Error() != `unknown format "yaml" (valid: text, json, sarif, github, markdown, junit)` {
		t.Errorf("err = %v", err)
	}
}

func TestGitHubEscaping(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "github", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 4 findings and 1 notice:\n%s", len(lines), buf.String())
	}
	if want := "::error file=main.tf,line=3,title=TFG-AWS-EGRESS-001::"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("line 0 = %q, want prefix %q", lines[0], want)
	}
	if !strings.Contains(lines[1], "50%25 off%0Anext") || !strings.HasPrefix(lines[1], "::warning file=plan.json,line=1,") {
		t.Errorf("message not escaped or not a warning: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "::notice ") || !strings.Contains(lines[2], "title=TFG-X-LOW-001 (indeterminate)") {
		t.Errorf("unknown outcome: %q", lines[2])
	}
	if got := escapeProperty("a:b,c%"); got != "a%3Ab%2Cc%25" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "markdown", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `CostCenter \| 50% off next`) {
		t.Errorf("pipe or newline not escaped in a table cell:\n%s", out)
	}
	if !strings.Contains(out, "| 1 | 1 | 1 | 0 | 1 |") {
		t.Errorf("severity counts wrong:\n%s", out)
	}
}

func TestJUnitValidXML(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "junit", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &suites); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, buf.String())
	}
	if suites.Failures != 3 || suites.Skipped != 1 {
		t.Errorf("failures %d skipped %d, want 3 and 1", suites.Failures, suites.Skipped)
	}
}

func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Version int `json:"version"`
		Summary struct {
			Failed, Unknown, Failing int
			BySeverity               map[string]int `json:"by_severity"`
		} `json:"summary"`
		Findings []map[string]any `json:"findings"`
		Rules    []map[string]any `json:"rules"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.Summary.Failed != 3 || got.Summary.Unknown != 1 || got.Summary.Failing != 3 || got.Summary.BySeverity["critical"] != 1 {
		t.Errorf("summary = %+v", got.Summary)
	}
	if len(got.Findings) != 4 || got.Findings[0]["rule_id"] != "TFG-AWS-EGRESS-001" || got.Findings[0]["severity"] != "high" || got.Findings[0]["fingerprint"] == "" {
		t.Errorf("findings = %v", got.Findings)
	}
	if len(got.Rules) != 4 {
		t.Errorf("rules = %d", len(got.Rules))
	}
}

func TestTextShowsSourceLineAndSummary(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "text", sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`   3 |     cidr_blocks = ["0.0.0.0/0"]`, "HIGH", "TFG-AWS-EGRESS-001", "UNKNOWN", "not evaluated: TFG-AWS-REG-001", "3 failed (1 critical, 1 high, 1 medium), 1 indeterminate; 4 rules on 3 resources"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour without Color")
	}
	clean := &Report{Rules: sampleRules(), Resources: 7}
	buf.Reset()
	if err := Write(&buf, "text", clean); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "No findings: 4 rules on 7 resources") {
		t.Errorf("clean run: %q", buf.String())
	}
}

// TestOneParagraph: oneParagraph is strings.Join(strings.Fields(s), " ").
func TestOneParagraph(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", "a  b", " a", "a ", "\x85x", "  a  b\n\nc\t", "x\u00a0y\u2028z  ", "\xff bad\xfe  utf8\xc3", "é\u3000ü", "one\r\ntwo"} {
		if got, want := oneParagraph(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneParagraph(%q) = %q, want %q", s, got, want)
		}
	}
}
