package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/rules"
)

// waivedReport: the sample report with the critical failure waived in the
// configuration file and the high one waived inline.
func waivedReport(t *testing.T) *Report {
	t.Helper()
	r := sampleReport(t)
	dir := r.BaseDir
	r.FailOn = rules.Low
	for i := range r.Findings {
		f := &r.Findings[i]
		switch f.RuleID {
		case "TFG-X-CRIT-001":
			f.Suppression = &rules.Suppression{Kind: rules.WaiverExternal, Justification: "break-glass host, reviewed in SEC-142", Expires: "2027-03-31",
				Owner: "platform-team", Ticket: "SEC-142", File: filepath.Join(dir, ".tfgate.yaml"), Line: 12}
		case "TFG-AWS-EGRESS-001":
			f.Suppression = &rules.Suppression{Kind: rules.WaiverInSource, Justification: "egress proxy", Expires: "2027-01-31",
				File: f.File, Line: f.Range.StartLine - 1}
		}
	}
	return r
}

func write(t *testing.T, format string, r *Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWaivedSummary(t *testing.T) {
	r := waivedReport(t)
	s := Summarize(r)
	got := map[string]int{"failed": s.Failed, "unknown": s.Unknown, "suppressed": s.Suppressed, "failing": s.Failing, "critical": s.BySeverity["critical"], "high": s.BySeverity["high"]}
	want := map[string]int{"failed": 1, "unknown": 1, "suppressed": 2, "failing": 1, "critical": 0, "high": 0}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("summary (-want +got):\n%s", d)
	}
}

func TestWaivedText(t *testing.T) {
	out := write(t, "text", waivedReport(t))
	for _, want := range []string{
		"WAIVED   TFG-X-CRIT-001 critical",
		"waived: break-glass host, reviewed in SEC-142 (expires 2027-03-31, owner platform-team, ticket SEC-142; .tfgate.yaml:12)",
		"WAIVED   TFG-AWS-EGRESS-001",
		"waived: egress proxy (expires 2027-01-31; main.tf:2)",
		"1 failed (1 medium), 1 indeterminate; 4 rules on 3 resources; 1 at or above low; 2 waived",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// Only waived findings: no failure, and still listed.
	r := waivedReport(t)
	r.Findings = []rules.Finding{r.Findings[0], r.Findings[3]}
	out = write(t, "text", r)
	if !strings.Contains(out, "No findings: 4 rules on 3 resources (2 waived)") || !strings.Contains(out, "WAIVED") {
		t.Errorf("all waived:\n%s", out)
	}
	r.Quiet = true
	if out := write(t, "text", r); out != "" {
		t.Errorf("quiet with only waived findings printed:\n%s", out)
	}
}

func TestWaivedMarkdownGitHubJUnit(t *testing.T) {
	r := waivedReport(t)
	md := write(t, "markdown", r)
	for _, want := range []string{"| waived (critical) |", "waived: break-glass host, reviewed in SEC-142 (expires 2027-03-31", "2 waived (reviewed exceptions"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	gh := write(t, "github", r)
	for _, line := range strings.Split(gh, "\n") {
		if strings.Contains(line, "TFG-X-CRIT-001") && !strings.HasPrefix(line, "::notice ") {
			t.Errorf("waived finding is not a notice: %s", line)
		}
	}
	if !strings.Contains(gh, "title=TFG-X-CRIT-001 (waived)") {
		t.Errorf("github output lacks the waived title:\n%s", gh)
	}
	var suites junitSuites
	if err := xml.Unmarshal([]byte(write(t, "junit", r)), &suites); err != nil {
		t.Fatal(err)
	}
	if suites.Failures != 1 || suites.Skipped != 3 {
		t.Errorf("junit failures %d skipped %d, want 1 and 3 (1 indeterminate, 2 waived)", suites.Failures, suites.Skipped)
	}
}

func TestWaivedJSON(t *testing.T) {
	var out struct {
		Summary  Summary `json:"summary"`
		Findings []struct {
			RuleID      string             `json:"rule_id"`
			Suppression *rules.Suppression `json:"suppression"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(write(t, "json", waivedReport(t))), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary.Suppressed != 2 || out.Summary.Failing != 1 {
		t.Errorf("summary: %+v", out.Summary)
	}
	var waived []string
	for _, f := range out.Findings {
		if f.Suppression != nil {
			waived = append(waived, f.RuleID+" "+string(f.Suppression.Kind)+" "+f.Suppression.Expires)
		}
	}
	if d := cmp.Diff([]string{"TFG-AWS-EGRESS-001 inSource 2027-01-31", "TFG-X-CRIT-001 external 2027-03-31"}, waived); d != "" {
		t.Errorf("waived findings (-want +got):\n%s", d)
	}
}

// TestWaivedSARIF: suppressions with kind, status accepted and the
// justification, valid against the schema and GitHub's ingestion rules.
func TestWaivedSARIF(t *testing.T) {
	data := []byte(write(t, "sarif", waivedReport(t)))
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string             `json:"ruleId"`
				Suppressions []sarifSuppression `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	got := map[string][]sarifSuppression{}
	for _, res := range log.Runs[0].Results {
		if res.Suppressions != nil {
			got[res.RuleID] = res.Suppressions
		}
	}
	want := map[string][]sarifSuppression{
		"TFG-X-CRIT-001": {{Kind: "external", Status: "accepted", Justification: "break-glass host, reviewed in SEC-142",
			Location:   &sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: ".tfgate.yaml", URIBaseID: srcRoot}, Region: &sarifRegion{StartLine: 12, EndLine: 12}}},
			Properties: map[string]any{"expires": "2027-03-31", "owner": "platform-team", "ticket": "SEC-142"}}},
		"TFG-AWS-EGRESS-001": {{Kind: "inSource", Status: "accepted", Justification: "egress proxy",
			Location:   &sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: sarifArtifactLoc{URI: "main.tf", URIBaseID: srcRoot}, Region: &sarifRegion{StartLine: 2, EndLine: 2}}},
			Properties: map[string]any{"expires": "2027-01-31"}}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("suppressions (-want +got):\n%s", d)
	}
	checkSARIF(t, data)
}
