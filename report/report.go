// Package report renders findings and the rule catalogue: sarif, text, json,
// github, markdown and junit.
package report

import "github.com/tfgate/tfgate/rules"

// Report is everything one `tfgate check` run produced.
type Report struct {
	ToolVersion string
	// Rules is the whole catalogue that was evaluated (every rule appears in
	// SARIF tool.driver.rules even without findings).
	Rules    []rules.Rule
	Findings []rules.Finding
	Notices  []rules.Notice
	// Sources are the checked inputs as given on the command line.
	Sources []string
	// Resources is how many resource instances were evaluated in all sources.
	Resources int
	// FailOn is the failure threshold (rules.Never: never fail).
	FailOn rules.Severity
	// BaseDir is the directory file paths are made relative to (SARIF
	// uriBaseId %SRCROOT%); normally the working directory.
	BaseDir string
	// Color enables ANSI colour in text output (only on a TTY).
	Color bool
	// Quiet limits text output to what makes the run fail: failed findings
	// at or above FailOn; no indeterminate findings, notices or summary.
	Quiet bool
	// Fixed are failures of the state before a plan that the plan removes
	// (Finding.Status "fixed"): reported, never failing.
	Fixed []rules.Finding
	// FailOnNew: only findings the change introduces fail the run (a
	// finding that existed before it, by the plan's state before or a
	// baseline report, does not).
	FailOnNew bool
}

// Fails reports whether a finding makes the run fail (exit 1): a failure
// at or above FailOn, not waived, that, with FailOnNew, the change
// introduced.
func (r *Report) Fails(f rules.Finding) bool {
	if f.Outcome != rules.Fail || f.Suppressed() || r.FailOn == 0 || r.FailOn == rules.Never || f.Severity < r.FailOn {
		return false
	}
	return !r.FailOnNew || f.Status != rules.StatusExisting
}
