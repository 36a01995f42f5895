package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/tfgate/tfgate/rules"
)

// CatalogueFormats are the formats of `tfgate rules`.
func CatalogueFormats() []string { return []string{"text", "json", "markdown"} }

// CatalogueOptions describe a listing of the catalogue.
type CatalogueOptions struct {
	// Total is the size of the whole catalogue when the listed rules are a
	// selection of it; 0 means the list is the whole catalogue.
	Total int
	// Filter says how the rules were selected ("framework aws-fsbp:S3.8");
	// shown in the summary line of text and markdown.
	Filter string
	// Framework, when set, adds a column with each rule's controls of that
	// framework.
	Framework string
}

// WriteCatalogue lists rules as a text table, JSON (an array of rules) or
// a Markdown table, with counts per cloud and per family after the list.
func WriteCatalogue(w io.Writer, format string, rs []rules.Rule, opts CatalogueOptions) error {
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
		head := "ID\tSEVERITY\tFAMILY\tTITLE"
		if opts.Framework != "" {
			head = "ID\tSEVERITY\tFAMILY\tCONTROLS\tTITLE"
		}
		if len(rs) > 0 {
			fmt.Fprintln(tw, head)
		}
		for _, r := range rs {
			title := r.Title
			if !r.Builtin && r.File != "" {
				title += " (" + r.File + ")"
			}
			if opts.Framework != "" {
				cs, _ := r.Controls(opts.Framework)
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Family, strings.Join(cs, ", "), title)
			} else {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Family, title)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		sep := "\n"
		if len(rs) == 0 {
			sep = ""
		}
		hint := "Show one with: tfgate rules ID"
		if len(rs) == 0 {
			hint = "List them all with: tfgate rules"
		}
		_, err := fmt.Fprintf(w, "%s%s\n%s\n", sep, CatalogueSummary(rs, opts), hint)
		return err
	case "markdown":
		var b strings.Builder
		if opts.Framework != "" {
			b.WriteString("| ID | Severity | Family | Controls | Title |\n|---|---|---|---|---|\n")
		} else {
			b.WriteString("| ID | Severity | Family | Title |\n|---|---|---|---|\n")
		}
		for _, r := range rs {
			id := r.ID
			if r.Builtin {
				id = fmt.Sprintf("[%s](%s)", r.ID, RuleHelpURI(r.ID))
			}
			if opts.Framework != "" {
				cs, _ := r.Controls(opts.Framework)
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", id, r.Severity, mdCell(r.Family), mdCell(strings.Join(cs, ", ")), mdCell(r.Title))
			} else {
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", id, r.Severity, mdCell(r.Family), mdCell(r.Title))
			}
		}
		fmt.Fprintf(&b, "\n%s\n", CatalogueSummary(rs, opts))
		_, err := io.WriteString(w, b.String())
		return err
	}
	return fmt.Errorf("unknown format %q for the rule catalogue (valid: %s)", format, strings.Join(CatalogueFormats(), ", "))
}

// CatalogueSummary counts rules per cloud and per family, largest first:
// "58 rules: aws 58 — encryption 30, exposure 12, tagging 1"; for a
// selection "3 of 58 rules (framework aws-fsbp:S3.8): aws 3 — ...".
func CatalogueSummary(rs []rules.Rule, opts CatalogueOptions) string {
	var b strings.Builder
	if opts.Total > 0 && (opts.Total != len(rs) || opts.Filter != "") {
		fmt.Fprintf(&b, "%d of %s", len(rs), count(opts.Total, "rule"))
	} else {
		b.WriteString(count(len(rs), "rule"))
	}
	if opts.Filter != "" {
		fmt.Fprintf(&b, " (%s)", opts.Filter)
	}
	if len(rs) == 0 {
		return b.String() + "."
	}
	clouds := tally(rs, func(r rules.Rule) string { return r.Provider })
	families := tally(rs, func(r rules.Rule) string { return r.Family })
	fmt.Fprintf(&b, ": %s — %s", clouds, families)
	return b.String()
}

// tally counts rules by key, largest count first, then by name:
// "encryption 30, exposure 12". A rule without the key counts as "none".
func tally(rs []rules.Rule, key func(rules.Rule) string) string {
	n := map[string]int{}
	for _, r := range rs {
		k := key(r)
		if k == "" {
			k = "none"
		}
		n[k]++
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if n[keys[i]] != n[keys[j]] {
			return n[keys[i]] > n[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, n[k])
	}
	return strings.Join(parts, ", ")
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
	if r.Builtin {
		fmt.Fprintf(&b, "\nMore: %s\n", RuleHelpURI(r.ID))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
