package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

// WriteRulesMarkdown writes docs/rules.md: one section per rule, anchored
// by its lower-case id (the helpUri of SARIF rules points here).
func WriteRulesMarkdown(w io.Writer, rs []rules.Rule) error {
	var b strings.Builder
	b.WriteString("# tfgate rules\n\n")
	b.WriteString("<!-- Generated from the rules' METADATA by `go test ./cmd/tfgate -run TestRulesDoc -update`; do not edit. -->\n\n")
	b.WriteString("| ID | Severity | Family | Title |\n|---|---|---|---|\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Severity, r.Family, r.Title)
	}
	for _, r := range rs {
		fmt.Fprintf(&b, "\n## %s\n\n**%s**\n\n", r.ID, r.Title)
		fmt.Fprintf(&b, "- Severity: %s (SARIF security-severity %s)\n", r.Severity, securitySeverity[r.Severity])
		fmt.Fprintf(&b, "- Family: %s; provider: %s\n", r.Family, r.Provider)
		if len(r.ResourceTypes) > 0 {
			fmt.Fprintf(&b, "- Resource types: `%s`\n", strings.Join(r.ResourceTypes, "`, `"))
		}
		if len(r.Params) > 0 {
			fmt.Fprintf(&b, "- Parameters: `%s` (the rule is reported as not evaluated until they are set)\n", strings.Join(r.Params, "`, `"))
		}
		if len(r.Frameworks) > 0 {
			fmt.Fprintf(&b, "- Frameworks: %s\n", frameworkSummary(r))
		}
		fmt.Fprintf(&b, "- Source: `%s` (package `%s`)\n", r.File, strings.TrimPrefix(r.Package, "data."))
		if r.Description != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Description))
		}
		if r.Remediation != "" {
			fmt.Fprintf(&b, "\n**Remediation.** %s\n", strings.TrimSpace(r.Remediation))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// frameworkSummary lists a rule's frameworks and controls, sorted:
// "cis-aws-foundations-v3.0 2.1.1; nist-800-53 SC-28, SC-12".
func frameworkSummary(r rules.Rule) string {
	fws := make([]string, 0, len(r.Frameworks))
	for fw, cs := range r.Frameworks {
		fws = append(fws, fw+" "+strings.Join(cs, ", "))
	}
	sort.Strings(fws)
	return strings.Join(fws, "; ")
}
