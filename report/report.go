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
}
