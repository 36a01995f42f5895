package report

import (
	"fmt"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

// Waived findings (rules.Finding.Suppression) stay in every format, marked
// as such, and never fail the run: text shows them as WAIVED with the
// waiver, markdown as "waived (severity)", github as notices, junit as
// skipped test cases, json with their "suppression" object and SARIF with
// result.suppressions. Summary.Suppressed counts them apart.

// sarifSuppression is a SARIF 2.1.0 suppression object (§3.35).
type sarifSuppression struct {
	Kind          string         `json:"kind"`   // external | inSource
	Status        string         `json:"status"` // accepted: the waiver holds
	Justification string         `json:"justification"`
	Location      *sarifLocation `json:"location,omitempty"` // where the waiver is written
	Properties    map[string]any `json:"properties,omitempty"`
}

// suppressionFor is the SARIF suppression of a waiver.
func suppressionFor(s *rules.Suppression, base string) sarifSuppression {
	out := sarifSuppression{
		Kind:          string(s.Kind),
		Status:        "accepted",
		Justification: s.Justification,
		Properties:    map[string]any{"expires": s.Expires},
	}
	if s.Owner != "" {
		out.Properties["owner"] = s.Owner
	}
	if s.Ticket != "" {
		out.Properties["ticket"] = s.Ticket
	}
	if s.File != "" && s.Line > 0 {
		out.Location = &sarifLocation{PhysicalLocation: physical(base, s.File, s.Line, 0, s.Line, 0)}
	}
	return out
}

// waiverText describes the waiver of a suppressed finding: "egress proxy
// (expires 2027-03-31, owner platform, ticket SEC-142; .tfgate.yaml:12)".
func waiverText(f rules.Finding, base string) string {
	s := f.Suppression
	if s == nil {
		return ""
	}
	parts := []string{"expires " + s.Expires}
	if s.Owner != "" {
		parts = append(parts, "owner "+s.Owner)
	}
	if s.Ticket != "" {
		parts = append(parts, "ticket "+s.Ticket)
	}
	where := ""
	if s.File != "" {
		where = fmt.Sprintf("; %s:%d", relPath(base, s.File), s.Line)
	}
	return fmt.Sprintf("%s (%s%s)", s.Justification, strings.Join(parts, ", "), where)
}

// waivedNote is " (N waived)" for the "No findings" line, or "".
func waivedNote(s Summary) string {
	if s.Suppressed == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d waived)", s.Suppressed)
}

// skipped: a junit test case that is neither passed nor failed
// (indeterminate, or waived).
func skipped(f rules.Finding) bool {
	return f.Outcome == rules.Unknown || f.Suppressed()
}

// skipMessage is the junit skipped message of such a finding.
func skipMessage(f rules.Finding, base string) string {
	if f.Suppressed() {
		return "waived: " + waiverText(f, base) + ": " + f.Message
	}
	return "indeterminate: " + f.Message
}
