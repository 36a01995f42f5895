package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusPlans checks every real plan of ../shared/corpus/plans: each
// loads and evaluates (exit 0 or 1, never 2) in every output format.
func TestCorpusPlans(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	plans, err := filepath.Glob(filepath.Join(shared, "corpus", "plans", "*.json"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no corpus plans: %v", err)
	}
	params := fixtureParams(t)
	for _, p := range plans {
		t.Run(filepath.Base(p), func(t *testing.T) {
			for _, format := range []string{"json", "sarif"} {
				code, _, stderr := run(t, "", append(append([]string{"check", "--format", format}, params...), p)...)
				if code != 0 && code != 1 {
					t.Errorf("%s: exit %d: %s", format, code, stderr)
				}
			}
		})
	}
}

// TestCorpusNegative: inputs a checker must refuse get exit 2 and one
// clear line; a plan with nothing to change is valid and clean.
func TestCorpusNegative(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	dir := filepath.Join(shared, "corpus", "plans_negative")
	cases := []struct {
		file     string
		wantCode int
		want     string
	}{
		{"tfjson__invalid_trailing_data.json", 2, "unexpected data after the plan document"},
		{"trivy__plan_no_resource_changes.json", 0, "No findings"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			code, stdout, stderr := run(t, "", "check", filepath.Join(dir, tc.file))
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			if tc.wantCode == 2 {
				if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, tc.file) {
					t.Errorf("want one line naming the file and %q, got:\n%s", tc.want, stderr)
				}
			} else if !strings.Contains(stdout, tc.want) {
				t.Errorf("stdout lacks %q:\n%s", tc.want, stdout)
			}
		})
	}
}
