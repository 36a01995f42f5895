package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"sort"
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
	for _, format := range CatalogueFormats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCatalogue(&buf, format, rs, CatalogueOptions{}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "catalogue."+format, buf.String())
		})
	}
	t.Run("json round trip", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCatalogue(&buf, "json", rs, CatalogueOptions{}); err != nil {
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
		if err := WriteCatalogue(&buf, "json", nil, CatalogueOptions{}); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != "[]\n" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("unknown format", func(t *testing.T) {
		err := WriteCatalogue(&bytes.Buffer{}, "sarif", rs, CatalogueOptions{})
		if err == nil || err.Error() != `unknown format "sarif" for the rule catalogue (valid: text, json, markdown)` {
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

func TestCatalogueSelection(t *testing.T) {
	rs := sampleRules()
	sel := []rules.Rule{rs[0]}
	opts := CatalogueOptions{Total: len(rs), Filter: "framework nist-800-53:SC-7", Framework: "nist-800-53"}
	for _, format := range []string{"text", "markdown"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCatalogue(&buf, format, sel, opts); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "catalogue-selection."+format, buf.String())
		})
	}
	t.Run("nothing selected", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCatalogue(&buf, "text", nil, CatalogueOptions{Total: 4, Filter: "family cost"}); err != nil {
			t.Fatal(err)
		}
		if want := "0 of 4 rules (family cost).\nList them all with: tfgate rules\n"; buf.String() != want {
			t.Errorf("got %q, want %q", buf.String(), want)
		}
	})
}

func TestCatalogueSummary(t *testing.T) {
	rs := sampleRules()
	rs = append(rs, rules.Rule{ID: "TFG-AZURE-ENC-001", Family: "encryption", Provider: "azurerm"}, rules.Rule{ID: "TFG-AWS-ENC-001", Family: "encryption", Provider: "aws"}, rules.Rule{ID: "TFG-AWS-ENC-002", Family: "encryption", Provider: "aws"})
	want := "7 rules: aws 4, x 2, azurerm 1 — encryption 3, misc 2, egress 1, tagging 1"
	if got := CatalogueSummary(rs, CatalogueOptions{}); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := CatalogueSummary(rs[:1], CatalogueOptions{Total: 7, Filter: "cloud aws"}); got != "1 of 7 rules (cloud aws): aws 1 — egress 1" {
		t.Errorf("selection: %q", got)
	}
}

func TestSARIFTagsCapped(t *testing.T) {
	r := sampleRules()[0]
	r.Frameworks = map[string][]string{"big": {}, "aws-fsbp": {"EC2.18", "EC2.19"}, "nist-800-53": {"SC-7", "SC-7(5)"}}
	for i := 0; i < 30; i++ {
		r.Frameworks["big"] = append(r.Frameworks["big"], fmt.Sprintf("c%02d", i))
	}
	tags := sarifRuleFor(r).Properties["tags"].([]string)
	want := []string{
		"security", "egress", "aws",
		// Frameworks take turns in key order, so each is among the 10 tags
		// GitHub shows; the largest one loses its last controls.
		"aws-fsbp/EC2.18", "big/c00", "nist-800-53/SC-7",
		"aws-fsbp/EC2.19", "big/c01", "nist-800-53/SC-7(5)",
		"big/c02", "big/c03", "big/c04", "big/c05", "big/c06", "big/c07", "big/c08", "big/c09", "big/c10", "big/c11", "big/c12",
	}
	if diff := cmp.Diff(want, tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if len(tags) != maxTags {
		t.Errorf("%d tags, want GitHub's limit %d", len(tags), maxTags)
	}
	// Deterministic: the same rule gives the same tags every time (map
	// iteration order must not leak).
	for i := 0; i < 20; i++ {
		if again := sarifRuleFor(r).Properties["tags"].([]string); !cmp.Equal(tags, again) {
			t.Fatalf("tags differ between runs:\n%v\n%v", tags, again)
		}
	}
}

func TestSARIFTagsFewFrameworks(t *testing.T) {
	r := sampleRules()[0]
	r.Frameworks = map[string][]string{"cis-aws-foundations-v3.0": {"2.1.1"}, "aws-fsbp": {"S3.8"}, "nist-800-53": {"SC-28", "SC-28"}}
	got := sarifRuleFor(r).Properties["tags"].([]string)
	want := []string{"security", "egress", "aws", "aws-fsbp/S3.8", "cis-aws-foundations-v3.0/2.1.1", "nist-800-53/SC-28"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}

func TestSARIFHelpURI(t *testing.T) {
	rs := sampleRules()
	if got, want := sarifRuleFor(rs[0]).HelpURI, "https://github.com/tfgate/tfgate/blob/main/docs/rules/TFG-AWS-EGRESS-001.md"; got != want {
		t.Errorf("built-in helpUri %q, want %q", got, want)
	}
	if got := sarifRuleFor(rs[2]).HelpURI; got != "" {
		t.Errorf("user rule without links: helpUri %q, want none (tfgate has no page for it)", got)
	}
	rs[2].Links = []string{"https://wiki.example.com/policies/low"}
	if got := sarifRuleFor(rs[2]).HelpURI; got != rs[2].Links[0] {
		t.Errorf("user rule helpUri %q, want its first METADATA related_resources link", got)
	}
}

func TestRulePage(t *testing.T) {
	r := sampleRules()[0]
	r.Package, r.File, r.Line = "data.tfgate.rules.aws.egress.security_group", "library/rules/aws/egress/security_group.rego", 1
	r.Params = []string{"allowed_egress_cidrs"}
	r.Frameworks = map[string][]string{"nist-800-53": {"SC-7", "SC-7(5)"}, "aws-fsbp": {"EC2.18"}}
	r.Description = "No security group may allow egress to the internet (0.0.0.0/0, e.g. ::/0 too). " +
		"Ranges in `allowed_egress_cidrs` are removed first. A group passes when every range is private. " +
		"aws_security_group_rule of type ingress is not checked. Ranges known only after apply are indeterminate."
	r.Links = []string{"https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html"}
	var buf bytes.Buffer
	if err := WriteRulePage(&buf, r); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "rulepage.md", buf.String())
}

func TestRulesIndex(t *testing.T) {
	rs := sampleRules()
	rs[0].Frameworks = map[string][]string{"nist-800-53": {"SC-7", "SC-12"}}
	rs[1].Frameworks = map[string][]string{"nist-800-53": {"SC-7(5)", "CM-8"}}
	var buf bytes.Buffer
	if err := WriteRulesMarkdown(&buf, rs); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "rulesindex.md", buf.String())
}

func TestOutcomes(t *testing.T) {
	r := rules.Rule{Title: "EBS volumes must be encrypted", Description: "aws_ebs_volume must set `encrypted = true`. " +
		"When it is not set the outcome is reported as indeterminate rather than as a failure. Read replicas are not checked."}
	o := outcomesOf(r)
	want := outcomes{
		fails:         "aws_ebs_volume must set `encrypted = true`.",
		passes:        "a resource of the types above that meets it and is not indeterminate.",
		indeterminate: "When it is not set the outcome is reported as indeterminate rather than as a failure.",
		notChecked:    "Read replicas are not checked.",
	}
	if o != want {
		t.Errorf("outcomes:\n got %+v\nwant %+v", o, want)
	}
	if o := outcomesOf(rules.Rule{Title: "SageMaker notebooks must use a customer managed KMS key"}); o.fails != "a resource of the types above that does not meet the rule's title, *SageMaker notebooks must use a customer managed KMS key.*" {
		t.Errorf("fails from the title: %q", o.fails)
	}
	// The first outcome word of a sentence decides.
	o = outcomesOf(rules.Rule{Description: "A resource passes when the key is set, fails when it is unset. " +
		"X must set `mode`; \"required\" passes. The default is on, so a resource that does not set it passes; a value known only after apply is indeterminate. " +
		"Functions without variables are not checked; variables known only after apply are indeterminate."})
	want = outcomes{
		fails:         "X must set `mode`; \"required\" passes.",
		passes:        "A resource passes when the key is set, fails when it is unset. The default is on, so a resource that does not set it passes; a value known only after apply is indeterminate.",
		indeterminate: "the description does not say; see the rule's source and tests.",
		notChecked:    "Functions without variables are not checked; variables known only after apply are indeterminate.",
	}
	if o != want {
		t.Errorf("outcomes by first word:\n got %+v\nwant %+v", o, want)
	}
}

func TestSentences(t *testing.T) {
	got := sentences("Not only 0.0.0.0/0 and ::/0 (see lib: e.g. 0.0.0.0/1 is the internet). Ranges in v3.0 are fine. aws_instance too! Done")
	want := []string{"Not only 0.0.0.0/0 and ::/0 (see lib: e.g. 0.0.0.0/1 is the internet).", "Ranges in v3.0 are fine.", "aws_instance too!", "Done"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestNaturalLess(t *testing.T) {
	in := []string{"SC-12", "S3.10", "2.1.10", "SC-7(5)", "S3.8", "2.1.2", "SC-7", "CM-8"}
	sort.Slice(in, func(i, j int) bool { return naturalLess(in[i], in[j]) })
	want := []string{"2.1.2", "2.1.10", "CM-8", "S3.8", "S3.10", "SC-7", "SC-7(5)", "SC-12"}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
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
