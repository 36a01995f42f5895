package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

// writeMarkdown writes a summary for $GITHUB_STEP_SUMMARY or a pull-request
// comment.
func writeMarkdown(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	s := Summarize(r)
	fmt.Fprintln(bw, "## tfgate")
	fmt.Fprintln(bw)
	if s.Failed == 0 && s.Unknown == 0 && s.Suppressed == 0 {
		fmt.Fprintf(bw, "No findings: %s on %s.\n", count(s.Rules, "rule"), count(s.Resources, "resource"))
	} else {
		fmt.Fprintln(bw, "| critical | high | medium | low | indeterminate |")
		fmt.Fprintln(bw, "|---:|---:|---:|---:|---:|")
		fmt.Fprintf(bw, "| %d | %d | %d | %d | %d |\n\n", s.BySeverity["critical"], s.BySeverity["high"], s.BySeverity["medium"], s.BySeverity["low"], s.Unknown)
		classified := classifiedReport(r)
		if classified {
			fmt.Fprintf(bw, "This change introduces %d, %d existed before it, it fixes %d.", s.Introduced, s.Existing, s.Fixed)
			if r.FailOnNew {
				fmt.Fprint(bw, " Only findings it introduces fail the check.")
			}
			fmt.Fprint(bw, "\n\n")
			fmt.Fprintln(bw, "| Location | Rule | Severity | Change | Resource | Message |")
			fmt.Fprintln(bw, "|---|---|---|---|---|---|")
		} else {
			fmt.Fprintln(bw, "| Location | Rule | Severity | Resource | Message |")
			fmt.Fprintln(bw, "|---|---|---|---|---|")
		}
		for _, f := range r.Findings {
			loc := relPath(r.BaseDir, f.Source)
			if f.File != "" {
				loc = fmt.Sprintf("%s:%d", relPath(r.BaseDir, f.File), f.Range.StartLine)
			}
			sev := f.Severity.String()
			if f.Outcome == rules.Unknown {
				sev = "indeterminate"
			}
			msg := f.Message
			if f.Suppressed() {
				sev = "waived (" + sev + ")"
				msg += " — waived: " + waiverText(f, r.BaseDir)
			}
			if classified {
				change := map[string]string{rules.StatusIntroduced: "new", rules.StatusExisting: "existing"}[f.Status]
				fmt.Fprintf(bw, "| `%s` | [%s](%s) | %s | %s | `%s` | %s |\n",
					mdCode(loc), f.RuleID, RuleHelpURI(f.RuleID), sev, change, mdCode(f.Resource), mdCell(msg))
				continue
			}
			fmt.Fprintf(bw, "| `%s` | [%s](%s) | %s | `%s` | %s |\n",
				mdCode(loc), f.RuleID, RuleHelpURI(f.RuleID), sev, mdCode(f.Resource), mdCell(msg))
		}
		fmt.Fprintf(bw, "\n%s on %s.\n", count(s.Rules, "rule"), count(s.Resources, "resource"))
		if s.Suppressed > 0 {
			fmt.Fprintf(bw, "\n%d waived (reviewed exceptions with an expiry; they do not fail the check).\n", s.Suppressed)
		}
	}
	if len(r.Fixed) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "**Fixed by this change:**")
		fmt.Fprintln(bw)
		for _, f := range r.Fixed {
			fmt.Fprintf(bw, "- [%s](%s) `%s`\n", f.RuleID, RuleHelpURI(f.RuleID), mdCode(f.Resource))
		}
	}
	if len(r.Notices) > 0 {
		fmt.Fprintln(bw)
		fmt.Fprintln(bw, "**Not fully checked:**")
		fmt.Fprintln(bw)
		for _, n := range compactNotEvaluated(r.Notices) {
			fmt.Fprintf(bw, "- %s\n", mdCell(n.Message))
		}
	}
	return bw.Flush()
}

// mdCell escapes text for a table cell.
func mdCell(s string) string {
	s = strings.NewReplacer("\\", "\\\\", "|", "\\|", "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]").Replace(s)
	return s
}

// mdCode escapes text inside a code span in a table cell.
func mdCode(s string) string {
	return strings.NewReplacer("|", "\\|", "`", "'", "\n", " ").Replace(s)
}
