// Package rules loads the Rego library (embedded, plus user policies),
// builds the rule catalogue from METADATA, evaluates documents and returns
// findings. It never renders anything: that is the report package's job.
package rules

import (
	"fmt"
	"strings"

	"github.com/tfgate/tfgate/plan"
)

// Severity orders findings; the zero value is invalid.
type Severity int

// Severities, lowest first. Never is only a failure threshold.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
	Never
)

var severityNames = map[Severity]string{Low: "low", Medium: "medium", High: "high", Critical: "critical", Never: "never"}

func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the lower-case name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads low|medium|high|critical (and never, for thresholds).
func ParseSeverity(s string) (Severity, error) {
	for k, v := range severityNames {
		if v == strings.ToLower(strings.TrimSpace(s)) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (valid: low, medium, high, critical, never)", s)
}

// Outcome of a rule on one resource.
type Outcome string

// Outcomes. A pass is the absence of a finding.
const (
	Fail    Outcome = "fail"
	Unknown Outcome = "unknown" // depends on values known only after apply
)

// Rule is one catalogue entry, built from a rule package's METADATA.
type Rule struct {
	ID            string              `json:"id"`
	Title         string              `json:"title"`
	Description   string              `json:"description"`
	Severity      Severity            `json:"severity"`
	Family        string              `json:"family"`
	Provider      string              `json:"provider"` // cloud: aws, azurerm, google, ...
	ResourceTypes []string            `json:"resource_types"`
	Frameworks    map[string][]string `json:"frameworks,omitempty"`
	Remediation   string              `json:"remediation"`
	Params        []string            `json:"params,omitempty"` // data.tfgate.params keys the rule needs
	// Links are the METADATA related_resources (references the rule rests
	// on); the first is a user rule's SARIF helpUri.
	Links   []string `json:"links,omitempty"`
	Package string   `json:"package"` // data.tfgate.rules.aws.egress.security_group
	File    string   `json:"file"`    // source file of the package (embedded: library/...)
	Line    int      `json:"line"`
	Builtin bool     `json:"builtin"` // from the embedded library
	// Style is how the policy is written and evaluated: "" (a tfgate rule:
	// deny/unknown over the document), StylePerResource, StylePlanJSON or
	// StyleHCP.
	Style string `json:"style,omitempty"`
	// Derived is set when the id was derived from the package (no custom.id).
	Derived bool `json:"derived_id,omitempty"`
	// defaulted lists the METADATA fields that were defaulted.
	defaulted []string
}

// Policy styles (Rule.Style).
const (
	StyleRule        = ""
	StylePerResource = "per-resource"  // allow/result over one resource
	StylePlanJSON    = "plan-json"     // conftest: deny/violation/warn over the raw plan JSON
	StyleHCP         = "hcp-terraform" // deny/violation/warn over input.plan
)

// Finding is one rule outcome on one resource of one document.
type Finding struct {
	RuleID    string   `json:"rule_id"`
	Severity  Severity `json:"severity"`
	Outcome   Outcome  `json:"outcome"`
	Resource  string   `json:"resource"`  // address
	Attribute string   `json:"attribute"` // path inside the resource, "" for the whole resource
	Message   string   `json:"message"`
	Source    string   `json:"source"` // Document.Source.Path
	// Location is the resource's location (nil when unknown); Region is the
	// exact range of Attribute inside it, or the whole block.
	File  string     `json:"file,omitempty"`
	Range plan.Range `json:"range"`
	// Status says what the checked change does to the finding: introduced
	// by it, existing before it, or fixed by it (StatusIntroduced, ...).
	// Plans are classified by evaluating their `before` state too;
	// configuration only against a baseline report. "" when not classified.
	Status string `json:"status,omitempty"`
	// Sensitive is set when the attribute at fault holds a value Terraform
	// marks sensitive: outputs then never quote its source line.
	Sensitive bool `json:"-"`
	// Suppression is the waiver that holds for the finding (nil: none).
	// A suppressed finding stays in every output and never fails the run.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// Notice is a message about a rule or input that was not fully evaluated
// (a rule whose parameter is not set, a remote module not installed).
type Notice struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	RuleID  string `json:"rule_id,omitempty"`
	Source  string `json:"source,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
}
