package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestNotEvaluatedOnlyForCloudsPresent: the rules of a cloud the input has
// no resource of are not reported as "not evaluated" for want of a
// parameter; those of the clouds present are.
func TestNotEvaluatedOnlyForCloudsPresent(t *testing.T) {
	for input, want := range map[string]string{
		filepath.Join("clean", "plan.json"): "TFG-AWS-",
		"gcp-network":                       "TFG-GCP-",
		"azure-storage":                     "TFG-AZURE-",
	} {
		t.Run(input, func(t *testing.T) {
			_, stdout, stderr := run(t, "", "check", "--format", "json", "--fail-on", "never", filepath.Join(repoRoot(t), "fixtures", input))
			var out struct {
				Notices []struct {
					Code   string `json:"code"`
					RuleID string `json:"rule_id"`
				} `json:"notices"`
			}
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("%v: %s", err, stderr)
			}
			n := 0
			for _, notice := range out.Notices {
				if notice.Code != "rule-not-evaluated" {
					continue
				}
				if !strings.HasPrefix(notice.RuleID, want) {
					t.Errorf("%s is reported not evaluated on an input without resources of its cloud", notice.RuleID)
				}
				n++
			}
			if n == 0 {
				t.Errorf("no %s rule reported not evaluated (no parameters are given)", want)
			}
		})
	}
}
