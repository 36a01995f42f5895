package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type changeOutput struct {
	Summary struct {
		Introduced int `json:"introduced"`
		Existing   int `json:"existing"`
		Fixed      int `json:"fixed"`
	} `json:"summary"`
	Findings []struct {
		RuleID   string `json:"rule_id"`
		Resource string `json:"resource"`
		Status   string `json:"status"`
	} `json:"findings"`
	Fixed []struct {
		RuleID   string `json:"rule_id"`
		Resource string `json:"resource"`
		Status   string `json:"status"`
	} `json:"fixed"`
}

// egressStatuses runs check --format json and returns the TFG-AWS-EGRESS-001
// status of every resource, fixed ones included.
func egressStatuses(t *testing.T, args ...string) (map[string]string, int, string) {
	t.Helper()
	code, stdout, stderr := run(t, "", append([]string{"check", "--format", "json"}, args...)...)
	if code == exitError {
		t.Fatalf("exit 2: %s", stderr)
	}
	var out changeOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	got := map[string]string{}
	for _, f := range append(out.Findings, out.Fixed...) {
		if f.RuleID == "TFG-AWS-EGRESS-001" {
			got[strings.TrimPrefix(f.Resource, "aws_security_group.")] = f.Status
		}
	}
	return got, code, stdout
}

// TestChangeClassification: fixtures/change is a real plan made against a
// state: an update that opens egress, an unchanged open group, a
// replacement that stays open, an update that closes one, a deletion and a
// creation.
func TestChangeClassification(t *testing.T) {
	planPath := filepath.Join(repoRoot(t), "fixtures", "change", "plan.json")
	got, code, _ := egressStatuses(t, planPath)
	want := map[string]string{
		"opened": "introduced", "created": "introduced",
		"still_open": "existing", "renamed": "existing",
		"closed": "fixed", "deleted": "fixed",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if code != exitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	// Text and markdown say it.
	_, text, _ := run(t, "", "check", planPath)
	for _, s := range []string{"(new)", "(existing)", "Fixed by this change:", "FIXED", "introduced by this change"} {
		if !strings.Contains(text, s) {
			t.Errorf("text output lacks %q:\n%s", s, text)
		}
	}
	_, md, _ := run(t, "", "check", "--format", "markdown", planPath)
	if !strings.Contains(md, "**Fixed by this change:**") || !strings.Contains(md, "| existing |") {
		t.Errorf("markdown lacks the change column or the fixed list:\n%s", md)
	}
}

// TestFailOnNew: a run that gates on new findings fails on the plan's
// introduced findings only; a baseline from the same plan makes every
// finding existing, for the plan and for its configuration directory.
func TestFailOnNew(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "fixtures", "change")
	planPath := filepath.Join(dir, "plan.json")
	scope := []string{"--fail-on", "high"}
	if code, _, stderr := run(t, "", append(append([]string{"check", "--fail-on-new"}, scope...), planPath)...); code != exitFindings {
		t.Fatalf("--fail-on-new on a plan that opens egress: exit %d, want 1 (%s)", code, stderr)
	}

	// The configuration directory has no state before: without a baseline
	// everything is new, and the run says so.
	code, stdout, _ := run(t, "", "check", "--fail-on-new", dir)
	if code != exitFindings || !strings.Contains(stdout, "every finding counts as new") {
		t.Errorf("configuration without baseline: exit %d, output:\n%s", code, stdout)
	}

	// A baseline report of the directory itself: nothing is new.
	base := filepath.Join(t.TempDir(), "main.sarif")
	if code, _, stderr := run(t, "", "check", "--format", "sarif="+base, "--fail-on", "never", dir); code != 0 {
		t.Fatalf("baseline run: exit %d: %s", code, stderr)
	}
	got, code, _ := egressStatuses(t, "--fail-on-new", "--baseline", base, dir)
	for res, st := range got {
		if st != "existing" {
			t.Errorf("%s: %s with a baseline that has it, want existing", res, st)
		}
	}
	if code != 0 {
		t.Errorf("--fail-on-new with everything in the baseline: exit %d, want 0", code)
	}

	// A baseline that lacks one finding: that one is new and fails the run.
	var sarif map[string]any
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sarif); err != nil {
		t.Fatal(err)
	}
	run0 := sarif["runs"].([]any)[0].(map[string]any)
	var kept []any
	for _, r := range run0["results"].([]any) {
		props := r.(map[string]any)["properties"].(map[string]any)
		if props["resource"] == "aws_security_group.created" && r.(map[string]any)["ruleId"] == "TFG-AWS-EGRESS-001" {
			continue
		}
		kept = append(kept, r)
	}
	run0["results"] = kept
	data, _ = json.Marshal(sarif)
	if err := os.WriteFile(base, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, code, _ = egressStatuses(t, "--fail-on-new", "--baseline", base, dir)
	if got["created"] != "introduced" || got["opened"] != "existing" {
		t.Errorf("statuses with a partial baseline: %v", got)
	}
	if code != exitFindings {
		t.Errorf("a new finding outside the baseline: exit %d, want 1", code)
	}

	// A baseline that is not a report is an error, never a pass.
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"runs": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "check", "--baseline", bad, dir); code != exitError || !strings.Contains(stderr, "--baseline") {
		t.Errorf("bad baseline: exit %d, stderr %q", code, stderr)
	}
}
