package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

var writers = map[string]func(io.Writer, *Report) error{
	"text":     writeText,
	"json":     writeJSON,
	"sarif":    writeSARIF,
	"github":   writeGitHub,
	"markdown": writeMarkdown,
	"junit":    writeJUnit,
}

// Formats lists the output formats, in the order help shows them.
func Formats() []string {
	return []string{"text", "json", "sarif", "github", "markdown", "junit"}
}

// Write renders r in format; an unknown format is an error that lists the
// valid ones (never a silent fallback).
func Write(w io.Writer, format string, r *Report) error {
	fn, ok := writers[format]
	if !ok {
		return fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats(), ", "))
	}
	return fn(w, r)
}

// Prepare renders r in format and returns what writes it: an error of
// rendering comes before any byte is written, so a failed run never leaves
// half a report. SARIF is kept as its parts (a line of JSON per rule and
// result) and written from them; other formats are rendered into a
// buffer first.
func Prepare(format string, r *Report) (func(io.Writer) error, error) {
	if format == "sarif" {
		return prepareSARIF(r)
	}
	var buf bytes.Buffer
	if err := Write(&buf, format, r); err != nil {
		return nil, err
	}
	return func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	}, nil
}

// Summary counts a report's findings.
type Summary struct {
	Failed     int            `json:"failed"`
	Unknown    int            `json:"unknown"`
	BySeverity map[string]int `json:"by_severity"`
	Resources  int            `json:"resources"`
	Rules      int            `json:"rules"`
	FailOn     string         `json:"fail_on"`
	// Failing counts failed findings at or above FailOn (what makes exit 1).
	Failing int `json:"failing"`
	// Suppressed counts waived findings (either outcome; present when
	// there are any): they are in no other count and never fail the run.
	Suppressed int `json:"suppressed,omitempty"`
	// Introduced, Existing and Fixed count findings by what the change does
	// to them (Finding.Status): only plans, or configuration checked
	// against a baseline, are classified.
	Introduced int  `json:"introduced"`
	Existing   int  `json:"existing"`
	Fixed      int  `json:"fixed"`
	FailOnNew  bool `json:"fail_on_new,omitempty"`
}

// Summarize counts findings by outcome and severity.
func Summarize(r *Report) Summary {
	s := Summary{BySeverity: map[string]int{"low": 0, "medium": 0, "high": 0, "critical": 0}, Resources: r.Resources, Rules: len(r.Rules)}
	if r.FailOn != 0 {
		s.FailOn = r.FailOn.String()
	}
	s.Fixed = len(r.Fixed)
	s.FailOnNew = r.FailOnNew
	for _, f := range r.Findings {
		if f.Suppressed() {
			s.Suppressed++
			continue
		}
		switch f.Status {
		case rules.StatusIntroduced:
			s.Introduced++
		case rules.StatusExisting:
			s.Existing++
		}
		if f.Outcome == rules.Unknown {
			s.Unknown++
			continue
		}
		s.Failed++
		s.BySeverity[f.Severity.String()]++
		if r.Fails(f) {
			s.Failing++
		}
	}
	return s
}
