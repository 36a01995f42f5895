package report

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/tfgate/tfgate/rules"
)

// Baseline is the set of finding fingerprints of an earlier report (the
// main branch's): a finding whose fingerprint is in it already existed.
type Baseline map[string]bool

// ReadBaseline reads the fingerprints of a tfgate SARIF report
// (results[].partialFingerprints["tfgate/v1"]) or json report
// (findings[].fingerprint). Fixed findings of a json report do not count.
func ReadBaseline(path string) (Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
		Findings []struct {
			Fingerprint string `json:"fingerprint"`
			Status      string `json:"status"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("baseline %s is not a tfgate SARIF or json report: %w", path, err)
	}
	b := Baseline{}
	switch {
	case doc.Runs != nil:
		for _, run := range doc.Runs {
			for _, r := range run.Results {
				if fp := r.PartialFingerprints[sarifFingerprintKey]; fp != "" {
					b[fp] = true
				}
			}
		}
	case doc.Findings != nil:
		for _, f := range doc.Findings {
			if f.Fingerprint != "" && f.Status != rules.StatusFixed {
				b[f.Fingerprint] = true
			}
		}
	default:
		return nil, fmt.Errorf("baseline %s is not a tfgate SARIF or json report (no runs and no findings)", path)
	}
	return b, nil
}

// Apply marks the findings whose fingerprint is in the baseline as
// existing and, where a finding is not classified yet (configuration
// input), the others as introduced. A plan's classification from its state
// before stands, except that the baseline can only add "existing".
func (b Baseline) Apply(fs []rules.Finding) {
	for i := range fs {
		switch {
		case b[Fingerprint(fs[i])]:
			fs[i].Status = rules.StatusExisting
		case fs[i].Status == "":
			fs[i].Status = rules.StatusIntroduced
		}
	}
}
