package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tfgate/tfgate/rules"
)

// WriteCatalogue lists rules as a text table or JSON.
func WriteCatalogue(w io.Writer, format string, rs []rules.Rule) error {
	switch format {
	case "json":
		if rs == nil {
			rs = []rules.Rule{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rs)
	case "text":
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tFAMILY\tTITLE")
		for _, r := range rs {
			title := r.Title
			if !r.Builtin && r.File != "" {
				title += " (" + r.File + ")"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Family, title)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\n%d rules. Show one with: tfgate rules ID\n", len(rs))
		return err
	}
	return fmt.Errorf("unknown format %q for the rule catalogue (valid: text, json)", format)
}

// WriteRuleDoc writes one rule's documentation.
func WriteRuleDoc(w io.Writer, r rules.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "severity:       %s\n", r.Severity)
	fmt.Fprintf(&b, "family:         %s\n", r.Family)
	fmt.Fprintf(&b, "provider:       %s\n", r.Provider)
	if len(r.ResourceTypes) > 0 {
		fmt.Fprintf(&b, "resource types: %s\n", strings.Join(r.ResourceTypes, ", "))
	}
	if len(r.Params) > 0 {
		fmt.Fprintf(&b, "parameters:     %s\n", strings.Join(r.Params, ", "))
	}
	if len(r.Frameworks) > 0 {
		fmt.Fprintf(&b, "frameworks:     %s\n", frameworkSummary(r))
	}
	fmt.Fprintf(&b, "package:        %s (%s:%d)\n", strings.TrimPrefix(r.Package, "data."), r.File, r.Line)
	if r.Description != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(r.Description))
	}
	if r.Remediation != "" {
		fmt.Fprintf(&b, "\nRemediation:\n%s\n", strings.TrimSpace(r.Remediation))
	}
	fmt.Fprintf(&b, "\nMore: %s\n", RuleHelpURI(r.ID))
	_, err := io.WriteString(w, b.String())
	return err
}
