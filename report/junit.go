package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"

	"github.com/tfgate/tfgate/rules"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// writeJUnit writes one test suite per source: a failing test case per
// finding, a skipped one per indeterminate finding, and a passing one per
// rule that found nothing in that source.
func writeJUnit(w io.Writer, r *Report) error {
	bySource := map[string][]rules.Finding{}
	for _, f := range r.Findings {
		bySource[f.Source] = append(bySource[f.Source], f)
	}
	// The sources as given, then any source a finding names that is not
	// among them (never drop a finding).
	sources := append([]string(nil), r.Sources...)
	listed := map[string]bool{}
	for _, s := range sources {
		listed[s] = true
	}
	var extra []string
	for s := range bySource {
		if !listed[s] {
			extra = append(extra, s)
		}
	}
	sort.Strings(extra)
	sources = append(sources, extra...)

	out := junitSuites{Name: "tfgate"}
	seen := map[string]bool{}
	for _, src := range sources {
		if seen[src] {
			continue
		}
		seen[src] = true
		suite := junitSuite{Name: relPath(r.BaseDir, src)}
		hit := map[string]bool{}
		// One test case per (rule, resource): several findings of a rule on
		// one resource (different attributes) are one failure listing each.
		index := map[string]int{}
		for _, f := range bySource[src] {
			hit[f.RuleID] = true
			key := f.RuleID + "\x00" + f.Resource
			detail := fmt.Sprintf("%s\nresource: %s\nattribute: %s\nseverity: %s", f.Message, f.Resource, f.Attribute, f.Severity)
			if i, ok := index[key]; ok {
				c := &suite.Cases[i]
				switch {
				case skipped(f) && c.Failure == nil:
					c.Skipped.Message += "; " + f.Message
				case !skipped(f) && c.Failure == nil:
					// A failure outranks an indeterminate result.
					c.Skipped = nil
					suite.Skipped--
					c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Text: detail}
					suite.Failures++
				case !skipped(f):
					c.Failure.Text += "\n\n" + detail
				}
				continue
			}
			c := junitCase{Name: fmt.Sprintf("%s %s", f.RuleID, f.Resource), Classname: f.RuleID}
			if f.File != "" {
				c.File, c.Line = relPath(r.BaseDir, f.File), f.Range.StartLine
			}
			if skipped(f) {
				c.Skipped = &junitSkipped{Message: skipMessage(f, r.BaseDir)}
				suite.Skipped++
			} else {
				c.Failure = &junitFailure{Message: f.Message, Type: f.Severity.String(), Text: detail}
				suite.Failures++
			}
			index[key] = len(suite.Cases)
			suite.Cases = append(suite.Cases, c)
		}
		for _, rule := range r.Rules {
			if !hit[rule.ID] {
				suite.Cases = append(suite.Cases, junitCase{Name: rule.ID + " " + rule.Title, Classname: rule.ID})
			}
		}
		suite.Tests = len(suite.Cases)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
		out.Skipped += suite.Skipped
		out.Suites = append(out.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
