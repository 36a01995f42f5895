package rules

import (
	"context"
	"fmt"

	"github.com/tfgate/tfgate/plan"
)

// Finding statuses (Finding.Status): what the checked change does to a
// finding.
const (
	StatusIntroduced = "introduced" // the change brings it (absent before)
	StatusExisting   = "existing"   // present before the change too
	StatusFixed      = "fixed"      // present before, gone after the change
)

// EvaluateChange evaluates a plan document and the state before it
// (plan.Document.BeforeState) and classifies every finding: introduced,
// existing, or, for a failure of the state before that the plan no longer
// has, fixed (returned in Result.Fixed, never counted as failing). A
// configuration document has no state before: its findings stay
// unclassified (use a baseline report for those).
func (e *Engine) EvaluateChange(ctx context.Context, doc *plan.Document) (*Result, error) {
	// The state before first: evaluating doc may release its values
	// (Options.ReleaseValues), which the state before shares.
	before := doc.BeforeState()
	res, err := e.Evaluate(ctx, doc)
	if err != nil {
		return nil, err
	}
	if before == nil {
		return res, nil
	}
	if len(before.Resources) == 0 {
		// Everything is created: nothing existed before.
		for i := range res.Findings {
			res.Findings[i].Status = StatusIntroduced
		}
		return res, nil
	}
	prev, err := e.Evaluate(ctx, before)
	if err != nil {
		return nil, fmt.Errorf("evaluate the state before the plan: %w", err)
	}
	res.Findings, res.Fixed = Classify(res.Findings, prev.Findings)
	return res, nil
}

// Classify compares the findings after a change with those before it, by
// rule and resource (an attribute path may move: ingress[1] becomes
// ingress[0] when a block before it is removed): a finding with a
// counterpart before is existing, one without is introduced. The failures
// before without a counterpart after are returned as fixed.
func Classify(after, before []Finding) (classified, fixed []Finding) {
	key := func(f Finding) string { return f.RuleID + "\x00" + f.Resource }
	had := make(map[string]bool, len(before))
	for _, f := range before {
		had[key(f)] = true
	}
	has := make(map[string]bool, len(after))
	classified = make([]Finding, len(after))
	for i, f := range after {
		has[key(f)] = true
		f.Status = StatusIntroduced
		if had[key(f)] {
			f.Status = StatusExisting
		}
		classified[i] = f
	}
	seen := map[string]bool{}
	for _, f := range before {
		k := key(f)
		if f.Outcome != Fail || has[k] || seen[k] {
			continue
		}
		seen[k] = true
		f.Status = StatusFixed
		fixed = append(fixed, f)
	}
	return classified, fixed
}
