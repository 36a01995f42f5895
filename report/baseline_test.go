package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/rules"
)

// TestBaselineFromSARIFAndJSON: the fingerprints of an earlier report, in
// either format, mark the same findings as existing and the rest as
// introduced; a fixed finding of a json report does not count.
func TestBaselineFromSARIFAndJSON(t *testing.T) {
	old := sampleReport(t)
	old.Findings = old.Findings[:2]
	dir := t.TempDir()
	for _, format := range []string{"sarif", "json"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, old); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "main."+format)
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := ReadBaseline(path)
			if err != nil {
				t.Fatal(err)
			}
			now := sampleReport(t).Findings
			b.Apply(now)
			want := []string{rules.StatusExisting, rules.StatusExisting, rules.StatusIntroduced, rules.StatusIntroduced}
			for i, f := range now {
				if f.Status != want[i] {
					t.Errorf("%s on %s: status %q, want %q", f.RuleID, f.Resource, f.Status, want[i])
				}
			}
		})
	}
}

func TestBaselineRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"truncated.json": `{"runs": [`,
		"other.json":     `{"resource_changes": []}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBaseline(path); err == nil || !strings.Contains(err.Error(), "not a tfgate SARIF or json report") {
			t.Errorf("%s: err = %v, want a clear refusal", name, err)
		}
	}
	if _, err := ReadBaseline(filepath.Join(dir, "absent.sarif")); err == nil {
		t.Error("a missing baseline must be an error")
	}
}

// TestSARIFBaselineState: classified findings carry SARIF baselineState and
// stay valid for GitHub.
func TestSARIFBaselineState(t *testing.T) {
	rep := sampleReport(t)
	rep.Findings[0].Status = rules.StatusIntroduced
	rep.Findings[1].Status = rules.StatusExisting
	var buf bytes.Buffer
	if err := writeSARIF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `"baselineState":"new"`) || !strings.Contains(out, `"baselineState":"unchanged"`) {
		t.Errorf("baselineState missing:\n%s", out)
	}
	checkSARIF(t, buf.Bytes())
}
