package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestJoinsPlanWithoutConfig: a plan read without its .tf files cannot
// tell which bucket aws_s3_bucket.data[count.index * 2] names, so every
// candidate is indeterminate and none fails or passes by accident.
func TestJoinsPlanWithoutConfig(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "joins", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(plan, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "check", "--format", "json", "--fail-on", "never", plan)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var out jsonOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range out.Findings {
		if f.RuleID == "TFG-AWS-ENC-003" {
			got[f.Resource] = f.Outcome
		}
	}
	for _, addr := range []string{"aws_s3_bucket.data[0]", "aws_s3_bucket.data[1]", "aws_s3_bucket.data[2]", "aws_s3_bucket.data[3]", "aws_s3_bucket.computed[0]", "aws_s3_bucket.computed[1]"} {
		if got[addr] != "unknown" {
			t.Errorf("%s: outcome %q, want unknown (the instance each configuration names is not known without the .tf files)", addr, got[addr])
		}
	}
	// Configurations that name their bucket by a known value still join:
	// none here, so named["c"] is a candidate too, and nothing fails.
	for addr, outcome := range got {
		if outcome == "fail" {
			t.Errorf("%s fails without the .tf files: a join that cannot be resolved must not fail", addr)
		}
	}
}
