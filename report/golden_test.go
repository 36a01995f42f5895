package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden and sarifrules_gen.go")

// goldenReport is a fixed report over testdata/src: every severity, a
// finding without a .tf file, an unknown outcome, a sensitive attribute and
// a notice. Paths are absolute at run time and replaced by $SRC in goldens.
func goldenReport(t *testing.T) (*Report, string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	tf := filepath.Join(dir, "main.tf")
	src := filepath.Join(dir, "plan.json")
	return &Report{
		ToolVersion: "1.2.3",
		Rules:       sampleRules(),
		Sources:     []string{src},
		Resources:   4,
		FailOn:      rules.Medium,
		BaseDir:     dir,
		Findings: []rules.Finding{
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Fail, Resource: "aws_security_group.web", Attribute: "egress[0].cidr_blocks", Message: "aws_security_group.web allows egress to the internet (0.0.0.0/0) on all ports", Source: src, File: tf, Range: plan.Range{StartLine: 3, StartColumn: 5, EndLine: 3, EndColumn: 34}},
			{RuleID: "TFG-AWS-TAG-001", Severity: rules.Medium, Outcome: rules.Fail, Resource: "aws_s3_bucket.b", Attribute: "tags", Message: "aws_s3_bucket.b is missing required tag(s) Owner | CostCenter: 50% off,\nnext", Source: src},
			{RuleID: "TFG-X-LOW-001", Severity: rules.Low, Outcome: rules.Unknown, Resource: "x_thing.a", Message: "x_thing.a: value known only after apply", Source: src, File: tf, Range: plan.Range{StartLine: 1, EndLine: 5}},
			{RuleID: "TFG-X-CRIT-001", Severity: rules.Critical, Outcome: rules.Fail, Resource: "aws_db_instance.db", Attribute: "password", Message: "aws_db_instance.db password is " + plan.Redacted, Source: src, File: tf, Range: plan.Range{StartLine: 8, StartColumn: 3, EndLine: 8, EndColumn: 40}, Sensitive: true},
		},
		Notices: []rules.Notice{
			{Code: "rule-not-evaluated", RuleID: "TFG-AWS-REG-001", Message: "TFG-AWS-REG-001 not evaluated: parameter allowed_regions is not set"},
			{Code: "remote-module-not-installed", Source: src, File: tf, Line: 1, Message: "module.vpc (git::https://example.com/vpc.git) is not installed: its resources were not checked"},
		},
	}, dir
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			r, dir := goldenReport(t)
			var buf bytes.Buffer
			if err := Write(&buf, format, r); err != nil {
				t.Fatal(err)
			}
			got := normalise(buf.String(), dir)
			path := filepath.Join("testdata", "golden", "report."+format)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s output differs from %s (-want +got; -update rewrites):\n%s", format, path, diff)
			}
		})
	}
}

// normalise replaces the machine-dependent directory of testdata/src.
func normalise(s, dir string) string {
	slash := filepath.ToSlash(dir)
	s = strings.ReplaceAll(s, "file://"+slash, "file://$SRC")
	s = strings.ReplaceAll(s, dir, "$SRC")
	return strings.ReplaceAll(s, slash, "$SRC")
}

// TestRedactedNotQuoted: the redaction marker appears in an output only as
// many times as the messages (and nothing else) carry it; in particular the
// source line of a sensitive attribute is never quoted.
func TestRedactedNotQuoted(t *testing.T) {
	r, _ := goldenReport(t)
	secret := `var.db_password`
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := Write(&buf, format, r); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, secret) {
			t.Errorf("%s output quotes the source line of a sensitive attribute:\n%s", format, out)
		}
		// Every format prints each message at most twice (SARIF: never more than once).
		if n := strings.Count(out, plan.Redacted); n > 2 {
			t.Errorf("%s output has the redaction marker %d times, more than the message accounts for", format, n)
		}
	}
}

// TestSARIFVariants validates several report shapes with the schema and the
// multitool (GitHub rules).
func TestSARIFVariants(t *testing.T) {
	full, _ := goldenReport(t)
	noFile := *full
	noFile.Findings = []rules.Finding{{RuleID: "TFG-AWS-TAG-001", Severity: rules.Medium, Outcome: rules.Fail, Resource: "aws_s3_bucket.b", Attribute: "tags", Message: "aws_s3_bucket.b is missing required tag Owner", Source: full.Sources[0]}}
	noticesOnly := *full
	noticesOnly.Findings = nil
	unknowns := *full
	unknowns.Findings = nil
	for _, f := range full.Findings {
		f.Outcome = rules.Unknown
		unknowns.Findings = append(unknowns.Findings, f)
	}
	noRules := &Report{ToolVersion: "dev", BaseDir: full.BaseDir}
	for name, r := range map[string]*Report{"full": full, "no-file": &noFile, "notices-only": &noticesOnly, "unknowns": &unknowns, "no-rules": noRules} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, "sarif", r); err != nil {
				t.Fatal(err)
			}
			checkSARIF(t, buf.Bytes())
		})
	}
}
