package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/rules"
)

// TestSARIFResultLimit: a report of more findings than GitHub accepts in
// one run keeps the most important MaxSARIFResults (failures first, then
// by severity), says in a run notification what it left out, and stays
// valid SARIF that the multitool's GitHub rules accept.
func TestSARIFResultLimit(t *testing.T) {
	rep := sampleReport(t)
	base := rep.Findings
	var fs []rules.Finding
	// Low-severity failures first in report order, then indeterminate
	// critical ones, then the critical and high failures that must survive.
	for i := 0; i < MaxSARIFResults; i++ {
		f := base[2] // TFG-X-LOW-001
		f.Outcome = rules.Fail
		f.Resource = fmt.Sprintf("x_thing.low[%d]", i)
		fs = append(fs, f)
	}
	for i := 0; i < 7; i++ {
		f := base[3] // TFG-X-CRIT-001
		f.Outcome = rules.Unknown
		f.Resource = fmt.Sprintf("x_thing.maybe[%d]", i)
		fs = append(fs, f)
	}
	fs = append(fs, base[3], base[0])
	rep.Findings = fs

	kept, dropped := SARIFResults(fs)
	if dropped != 9 || len(kept) != MaxSARIFResults {
		t.Fatalf("kept %d, dropped %d; want %d and 9", len(kept), dropped, MaxSARIFResults)
	}
	if kept[len(kept)-2].RuleID != "TFG-X-CRIT-001" || kept[len(kept)-1].RuleID != "TFG-AWS-EGRESS-001" {
		t.Errorf("the critical and high failures must be kept, in report order; last two kept: %s, %s", kept[len(kept)-2].Resource, kept[len(kept)-1].Resource)
	}
	for _, f := range kept {
		if f.Outcome == rules.Unknown {
			t.Fatalf("an indeterminate finding (%s) was kept while failures were dropped", f.Resource)
		}
	}

	var buf bytes.Buffer
	if err := writeSARIF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != MaxSARIFResults {
		t.Errorf("%d results in the run, want %d", len(run.Results), MaxSARIFResults)
	}
	var said string
	for _, n := range run.Invocations[0].ToolConfigurationNotifications {
		if n.Descriptor.ID == "sarif-results-cut" {
			said = n.Message.Text
		}
	}
	if !strings.Contains(said, fmt.Sprint(len(fs))) || !strings.Contains(said, "json") {
		t.Errorf("the run should say how many findings there were and where they all are; got %q", said)
	}
	checkSARIF(t, buf.Bytes())
}

// TestSARIFUnderTheLimitKeepsEverything: no cut, no notification.
func TestSARIFUnderTheLimitKeepsEverything(t *testing.T) {
	rep := sampleReport(t)
	kept, dropped := SARIFResults(rep.Findings)
	if dropped != 0 || len(kept) != len(rep.Findings) {
		t.Fatalf("kept %d dropped %d of %d", len(kept), dropped, len(rep.Findings))
	}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "sarif-results-cut") {
		t.Error("a report within the limit must not say it was cut")
	}
}
