package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p {
		return s
	}
	return code + s + ansiReset
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Critical, rules.High:
		return ansiRed
	case rules.Medium:
		return ansiYellow
	}
	return ansiBlue
}

// sourceLines reads files once for the text report's source excerpts.
type sourceLines map[string][]string

func (c sourceLines) line(file string, n int) (string, bool) {
	lines, ok := c[file]
	if !ok {
		if f, err := os.Open(file); err == nil {
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 64*1024), 1024*1024)
			for sc.Scan() {
				lines = append(lines, sc.Text())
			}
			f.Close()
		}
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

func writeText(w io.Writer, r *Report) error {
	p := painter(r.Color)
	bw := bufio.NewWriter(w)
	src := sourceLines{}
	group := ""
	// Group by file (or source, when the resource has no .tf file); inside
	// a group the findings keep their order (line, then rule and resource).
	groupOf := func(f rules.Finding) string {
		if f.File != "" {
			return relPath(r.BaseDir, f.File)
		}
		return relPath(r.BaseDir, f.Source)
	}
	var findings []rules.Finding
	for _, f := range r.Findings {
		if !r.Quiet || r.Fails(f) {
			findings = append(findings, f)
		}
	}
	firstSeen := map[string]int{}
	for i, f := range findings {
		if _, ok := firstSeen[groupOf(f)]; !ok {
			firstSeen[groupOf(f)] = i
		}
	}
	sort.SliceStable(findings, func(i, j int) bool {
		gi, gj := firstSeen[groupOf(findings[i])], firstSeen[groupOf(findings[j])]
		return gi < gj
	})
	for _, f := range findings {
		where := groupOf(f)
		if where != group {
			if group != "" {
				fmt.Fprintln(bw)
			}
			fmt.Fprintln(bw, p.paint(ansiBold, where))
			group = where
		}
		badge := strings.ToUpper(f.Severity.String())
		color := severityColor(f.Severity)
		if f.Outcome == rules.Unknown {
			badge, color = "UNKNOWN", ansiCyan
		}
		if f.Suppressed() {
			badge, color = "WAIVED", ansiDim
		}
		pos := ""
		if f.File != "" && f.Range.StartLine > 0 {
			pos = fmt.Sprintf("%s:%d", relPath(r.BaseDir, f.File), f.Range.StartLine)
		}
		fmt.Fprintf(bw, "  %s %s%s %s\n", p.paint(color+ansiBold, fmt.Sprintf("%-8s", badge)), p.paint(ansiBold, f.RuleID), statusTag(r, f, p), strings.ReplaceAll(strings.TrimSpace(f.Message), "\n", "\n           "))
		detail := f.Resource
		if f.Attribute != "" {
			detail += " · " + f.Attribute
		}
		if pos != "" {
			detail = pos + "  " + detail
		}
		fmt.Fprintf(bw, "           %s\n", p.paint(ansiDim, detail))
		if f.Suppressed() {
			fmt.Fprintf(bw, "           %s\n", p.paint(ansiDim, "waived: "+waiverText(f, r.BaseDir)))
		}
		if pos != "" && !f.Sensitive {
			if line, ok := src.line(f.File, f.Range.StartLine); ok {
				fmt.Fprintf(bw, "           %s %s\n", p.paint(ansiDim, fmt.Sprintf("%4d |", f.Range.StartLine)), strings.TrimRight(line, " \t"))
			}
		}
	}
	if r.Quiet {
		return bw.Flush()
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(bw)
	}
	if len(r.Fixed) > 0 {
		fmt.Fprintln(bw, p.paint(ansiGreen+ansiBold, "Fixed by this change:"))
		for _, f := range r.Fixed {
			fmt.Fprintf(bw, "  %s %s %s\n", p.paint(ansiGreen, "FIXED   "), p.paint(ansiBold, f.RuleID), f.Resource)
		}
		fmt.Fprintln(bw)
	}
	for _, n := range compactNotEvaluated(r.Notices) {
		prefix := "notice"
		if n.Code == "rule-not-evaluated" {
			prefix = "not evaluated"
		}
		where := ""
		if n.File != "" {
			where = fmt.Sprintf(" (%s:%d)", relPath(r.BaseDir, n.File), n.Line)
		}
		msg := n.Message
		if n.Code == "rule-not-evaluated" && n.RuleID != "" {
			// "TFG-X not evaluated: parameter p is not set" -> "not evaluated: TFG-X: parameter p is not set"
			msg = n.RuleID + ": " + strings.TrimPrefix(strings.TrimPrefix(msg, n.RuleID+" not evaluated: "), n.RuleID+": ")
		}
		fmt.Fprintf(bw, "%s %s%s\n", p.paint(ansiYellow, prefix+":"), msg, where)
	}
	s := Summarize(r)
	if s.Failed == 0 && s.Unknown == 0 {
		fmt.Fprintf(bw, "%s %s on %s%s\n", p.paint(ansiGreen+ansiBold, "No findings:"), count(s.Rules, "rule"), count(s.Resources, "resource"), waivedNote(s))
	} else {
		var parts []string
		for _, sev := range []rules.Severity{rules.Critical, rules.High, rules.Medium, rules.Low} {
			if n := s.BySeverity[sev.String()]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, sev))
			}
		}
		line := fmt.Sprintf("%d failed", s.Failed)
		if len(parts) > 0 {
			line += " (" + strings.Join(parts, ", ") + ")"
		}
		line += fmt.Sprintf(", %d indeterminate; %s on %s", s.Unknown, count(s.Rules, "rule"), count(s.Resources, "resource"))
		if classifiedReport(r) {
			line += fmt.Sprintf("; %d introduced by this change, %d existing, %d fixed", s.Introduced, s.Existing, s.Fixed)
		}
		if s.FailOn != "" && r.FailOn != rules.Never {
			line += fmt.Sprintf("; %d at or above %s", s.Failing, s.FailOn)
			if r.FailOnNew {
				line += " that this change introduces"
			}
		}
		if s.Suppressed > 0 {
			line += fmt.Sprintf("; %d waived", s.Suppressed)
		}
		fmt.Fprintln(bw, p.paint(ansiBold, line))
	}
	return bw.Flush()
}

// classifiedReport: the findings' statuses say something worth showing:
// some finding existed before the change or was fixed by it, or the run
// gates on new findings only. (A plan that only creates resources has
// every finding introduced: saying so on every line is noise.)
func classifiedReport(r *Report) bool {
	if r.FailOnNew || len(r.Fixed) > 0 {
		return true
	}
	for _, f := range r.Findings {
		if f.Status == rules.StatusExisting {
			return true
		}
	}
	return false
}

// statusTag is " (new)" or " (existing)" after a finding's rule id in a
// classified report, else "".
func statusTag(r *Report, f rules.Finding, p painter) string {
	if !classifiedReport(r) {
		return ""
	}
	switch f.Status {
	case rules.StatusIntroduced:
		return " " + p.paint(ansiBold, "(new)")
	case rules.StatusExisting:
		return " " + p.paint(ansiDim, "(existing)")
	}
	return ""
}

// count is "1 rule", "2 rules".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// compactNotEvaluated folds the rules not evaluated for want of a
// parameter (one notice each) into one line grouped by parameter:
// "not evaluated: 13 rules, parameters not set: allowed_regions
// (TFG-AWS-REG-001, TFG-AWS-REG-002), ...; set them with --param NAME=VALUE".
// A single such notice keeps its own sentence.
func compactNotEvaluated(notices []rules.Notice) []rules.Notice {
	var out []rules.Notice
	byParam := map[string][]string{}
	var params []string
	n, first := 0, -1
	for _, nt := range notices {
		p, ok := missingParamOf(nt)
		if !ok {
			out = append(out, nt)
			continue
		}
		if first < 0 {
			first = len(out)
			out = append(out, nt)
		}
		n++
		if _, seen := byParam[p]; !seen {
			params = append(params, p)
		}
		byParam[p] = append(byParam[p], nt.RuleID)
	}
	if n < 2 {
		return notices
	}
	var parts []string
	for _, p := range params {
		parts = append(parts, fmt.Sprintf("%s (%s)", p, strings.Join(byParam[p], ", ")))
	}
	out[first] = rules.Notice{
		Code:    "rule-not-evaluated",
		Message: fmt.Sprintf("%d rules, parameters not set: %s; set them with --param NAME=VALUE", n, strings.Join(parts, ", ")),
	}
	return out
}

// missingParamOf reads the parameter name from a rules.Engine.Skipped
// notice ("TFG-X not evaluated: parameter p is not set ...").
func missingParamOf(n rules.Notice) (string, bool) {
	if n.Code != "rule-not-evaluated" || n.RuleID == "" || n.File != "" {
		return "", false
	}
	_, rest, ok := strings.Cut(n.Message, "parameter ")
	if !ok {
		return "", false
	}
	p, _, ok := strings.Cut(rest, " is not set")
	if !ok || p == "" || strings.ContainsAny(p, " \t") {
		return "", false
	}
	return p, true
}
