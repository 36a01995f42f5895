package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tfgate/tfgate/rules"
)

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
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
		t.Fatalf("%v (run go test ./report -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got; -update rewrites):\n%s", path, diff)
	}
}

func TestCatalogue(t *testing.T) {
	rs := sampleRules()
	rs[2].File, rs[2].Package = "policies/low.rego", "data.tfgate.rules.x.misc.low"
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCatalogue(&buf, format, rs); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "catalogue."+format, buf.String())
		})
	}
	t.Run("json round trip", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCatalogue(&buf, "json", rs); err != nil {
			t.Fatal(err)
		}
		var got []map[string]any
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(rs) || got[0]["id"] != rs[0].ID || got[0]["severity"] != "high" {
			t.Errorf("round trip: %+v", got)
		}
	})
	t.Run("empty json is an array", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCatalogue(&buf, "json", nil); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != "[]\n" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		err := WriteCatalogue(&bytes.Buffer{}, "sarif", rs)
		if err == nil || err.Error() != `unknown format "sarif" for the rule catalogue (valid: text, json)` {
			t.Errorf("err = %v", err)
		}
	})
}

func TestRuleDoc(t *testing.T) {
	r := sampleRules()[0]
	r.Package, r.File, r.Line = "data.tfgate.rules.aws.egress.security_group", "library/rules/aws/egress/security_group.rego", 1
	r.Params = []string{"allowed_egress_cidrs"}
	var buf bytes.Buffer
	if err := WriteRuleDoc(&buf, r); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "ruledoc.txt", buf.String())
}

func TestFormats(t *testing.T) {
	if diff := cmp.Diff([]string{"text", "json", "sarif", "github", "markdown", "junit"}, Formats()); diff != "" {
		t.Error(diff)
	}
	for _, f := range Formats() {
		if err := Write(&bytes.Buffer{}, f, &Report{}); err != nil {
			t.Errorf("%s on an empty report: %v", f, err)
		}
	}
}

func TestSARIFVersion(t *testing.T) {
	for in, want := range map[string]string{"1.2.3": "1.2.3", "v1.2.3": "1.2.3", "0.1.0-dev": "0.1.0-dev", "dev": "0.0.0-dev", "": "0.0.0-unknown", "abc/def": "0.0.0-abc-def"} {
		if got := sarifVersion(in); got != want {
			t.Errorf("sarifVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFTagsCapped(t *testing.T) {
	r := sampleRules()[0]
	r.Frameworks = map[string][]string{"big": {}}
	for i := 0; i < 30; i++ {
		r.Frameworks["big"] = append(r.Frameworks["big"], fmt.Sprintf("c%02d", i))
	}
	tags := sarifRuleFor(r).Properties["tags"].([]string)
	if len(tags) != maxTags || tags[0] != "security" || tags[1] != "egress" || tags[2] != "aws" || tags[3] != "big/c00" {
		t.Errorf("tags = %v, want %d starting security, egress, aws, big/c00", tags, maxTags)
	}
}

func TestJUnitOneCasePerRuleAndResource(t *testing.T) {
	r := &Report{
		Rules:   sampleRules()[:1],
		Sources: []string{"a.json"},
		Findings: []rules.Finding{
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Unknown, Resource: "aws_security_group.web", Attribute: "egress[1]", Message: "m0", Source: "a.json"},
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Fail, Resource: "aws_security_group.web", Attribute: "egress[0]", Message: "m1", Source: "a.json"},
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Fail, Resource: "aws_security_group.web", Attribute: "egress[2]", Message: "m2", Source: "a.json"},
			{RuleID: "TFG-AWS-EGRESS-001", Severity: rules.High, Outcome: rules.Fail, Resource: "aws_security_group.other", Message: "m3", Source: "b.json"},
		},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "junit", r); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Suites) != 2 || got.Suites[1].Name != "b.json" {
		t.Fatalf("suites = %+v, want a.json and b.json (a source not listed is not dropped)", got.Suites)
	}
	a := got.Suites[0]
	if a.Tests != 1 || a.Failures != 1 || a.Skipped != 0 || !strings.Contains(a.Cases[0].Failure.Text, "m2") {
		t.Errorf("a.json suite = %+v, want one failing case listing m1 and m2", a)
	}
	if got.Failures != 2 || got.Tests != 2 {
		t.Errorf("totals = %d tests %d failures, want 2 and 2", got.Tests, got.Failures)
	}
}

func TestTextColourOnlyWhenAsked(t *testing.T) {
	r, _ := goldenReport(t)
	r.Color = true
	var buf bytes.Buffer
	if err := Write(&buf, "text", r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\x1b[") {
		t.Error("no ANSI colour with Color set")
	}
}
