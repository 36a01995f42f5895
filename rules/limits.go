package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tfgate/tfgate/plan"
)

// TimeoutError is an evaluation stopped at Options.Timeout. Policies names
// the user's policies that were running ("pol/slow.rego (package
// tfgate.rules.acme.x.slow)"), none when only the embedded library was.
type TimeoutError struct {
	Timeout   time.Duration
	Policies  []string
	Resources int
}

func (e *TimeoutError) Error() string {
	if len(e.Policies) == 0 {
		return fmt.Sprintf("policy evaluation stopped after %s (--timeout) while the rule library ran over %d resources: raise --timeout (0: none) if the input is that large",
			e.Timeout, e.Resources)
	}
	what := "your policy " + e.Policies[0]
	if len(e.Policies) > 1 {
		shown := e.Policies
		if len(shown) > 3 {
			shown = append(shown[:3:3], fmt.Sprintf("and %d more", len(e.Policies)-3))
		}
		what = "one of your policies " + strings.Join(shown, ", ")
	}
	return fmt.Sprintf("policy evaluation stopped after %s (--timeout) while running %s: a policy that runs this long is likely stuck (an iteration over a huge range or a join of every resource with every other); fix it, or raise --timeout (0: none) if the input is that large",
		e.Timeout, what)
}

// stage records which of the user's policies an evaluation is running, for
// the timeout error.
type stage struct {
	mu       sync.Mutex
	policies []string
}

// set records the policies now running, unless ctx has ended: the policies
// running when it ended are the ones to name.
func (s *stage) set(ctx context.Context, policies []string) {
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	s.policies = policies
	s.mu.Unlock()
}

func (s *stage) get() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.policies
}

// withTimeout runs eval under e.timeout (none when 0). An evaluation that
// hits it is a TimeoutError, whatever eval returned: a query stopped half
// way must never read as a pass or as an indeterminate finding.
func (e *Engine) withTimeout(ctx context.Context, doc *plan.Document, eval func(context.Context, *plan.Document, *stage) (*Result, error)) (*Result, error) {
	st := &stage{}
	if e.timeout <= 0 {
		return eval(ctx, doc, st)
	}
	tctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	res, err := eval(tctx, doc, st)
	if errors.Is(tctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil {
		return nil, &TimeoutError{Timeout: e.timeout, Policies: st.get(), Resources: len(doc.Resources)}
	}
	return res, err
}

// describePolicy names a rule's policy for messages: "pol/slow.rego
// (package tfgate.rules.acme.x.slow)"; "" for the embedded library's.
func describePolicy(r *Rule) string {
	if r == nil || strings.HasPrefix(r.File, libraryPrefix) {
		return ""
	}
	return fmt.Sprintf("%s:%d (package %s)", r.File, r.Line, strings.TrimPrefix(r.Package, "data."))
}

// shardPolicies are the user's rule packages the shards evaluate.
func (e *Engine) shardPolicies() []string {
	var out []string
	for i := range e.rules {
		r := &e.rules[i]
		if r.Style != StyleRule {
			continue
		}
		if _, missing := missingParam(*r, e.params); missing {
			continue
		}
		if d := describePolicy(r); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// policiesOf names the policy of the rules with the given ids.
func (e *Engine) policiesOf(ids ...string) []string {
	var out []string
	for _, id := range ids {
		if d := describePolicy(e.byID[id]); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// planPolicyFiles names the plan-JSON (conftest, HCP Terraform) policies.
func (e *Engine) planPolicyFiles() []string {
	var ids []string
	for _, p := range e.planPolicies {
		for _, id := range []string{p.failRule, p.warnRule} {
			if id != "" {
				ids = append(ids, id)
			}
		}
	}
	return e.policiesOf(ids...)
}
