package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

// writeGitHub prints GitHub Actions workflow commands: one annotation per
// finding on the changed .tf line, and a warning per notice.
func writeGitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, f := range r.Findings {
		cmd := "error"
		switch {
		case f.Outcome == rules.Unknown || f.Severity == rules.Low:
			cmd = "notice"
		case f.Severity == rules.Medium:
			cmd = "warning"
		}
		if f.Suppressed() {
			cmd = "notice" // never an error: a waived finding does not fail the check
		}
		var props []string
		file := f.File
		line := f.Range.StartLine
		if file == "" && f.Source != "-" {
			file, line = f.Source, 1
		}
		if file != "" {
			props = append(props, "file="+escapeProperty(relPath(r.BaseDir, file)))
			if line > 0 {
				props = append(props, fmt.Sprintf("line=%d", line))
				if f.Range.EndLine > line {
					props = append(props, fmt.Sprintf("endLine=%d", f.Range.EndLine))
				}
			}
		}
		title := f.RuleID
		msg := f.Message
		if f.Outcome == rules.Unknown {
			title += " (indeterminate)"
		}
		if f.Suppressed() {
			title += " (waived)"
			msg += " — waived: " + waiverText(f, r.BaseDir)
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(fmt.Sprintf("%s [%s] %s", msg, f.Severity, f.Resource)))
	}
	// Rules not evaluated for want of a parameter are one annotation, not
	// one each: GitHub shows only the first 10 warnings of a step.
	for _, n := range compactNotEvaluated(r.Notices) {
		fmt.Fprintf(bw, "::warning title=%s::%s\n", escapeProperty("tfgate: "+n.Code), escapeData(n.Message))
	}
	return bw.Flush()
}

// relPath is file relative to base when inside it (GitHub wants paths
// relative to the repository root), else file unchanged.
func relPath(base, file string) string {
	a := artifact(base, file)
	if a.URIBaseID != "" {
		return a.URI
	}
	return file
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
