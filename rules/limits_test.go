package rules

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
)

// runaway is a loop of 27 billion steps that never yields: only the
// timeout ends it.
const runaway = `
	some x in numbers.range(1, 3000)
	some y in numbers.range(1, 3000)
	some z in numbers.range(1, 3000)
	x * y * z == -1
`

// A policy that runs away is stopped at Options.Timeout with an error
// naming it, in every policy style; so is one whose resource has unknown
// values (a per-resource policy's failure there would otherwise read as an
// indeterminate finding).
func TestTimeoutStopsRunawayPolicies(t *testing.T) {
	cases := map[string]struct {
		src   string
		input InputKind
		pkg   string
		line  int
	}{
		"rule": {`# METADATA
# title: Runs away
# custom:
#   id: ACME-AWS-SLOW-001
#   severity: low
package tfgate.rules.acme.slow.loop

deny contains {"resource": "aws_security_group.web", "message": "never"} if {` + runaway + "}\n", InputDocument, "tfgate.rules.acme.slow.loop", 1},
		"range over numbers.range(1, 1e9)": {`# METADATA
# title: Runs away
# custom:
#   id: ACME-AWS-SLOW-002
#   severity: low
package tfgate.rules.acme.slow.range

deny contains {"resource": "aws_security_group.web", "message": "never"} if {
	count([x | some x in numbers.range(1, 1e9); x % 7 == 0]) < 0
}
`, InputDocument, "tfgate.rules.acme.slow.range", 1},
		"per-resource over unknown values": {`package acme.slow

resource_types := {"aws_security_group"}

default allow := true

allow := false if {
	input.after.egress` + runaway + `}
`, InputDocument, "acme.slow", 1},
		"plan-json": {"package main\n\ndeny contains \"never\" if {" + runaway + "}\n", InputPlanJSON, "main", 1},
	}
	d := loadFixture(t, "egress")
	for i := range d.Resources {
		d.Resources[i].Unknown = map[string]any{"egress": true}
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := writePolicy(t, c.src)
			e, err := New(context.Background(), Options{Policies: []PolicyDir{{Path: dir, Input: c.input}}, Params: fullParams, Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			res, err := e.Evaluate(context.Background(), d)
			var te *TimeoutError
			if !errors.As(err, &te) {
				t.Fatalf("Evaluate = %v, %v; want a timeout error", res, err)
			}
			policy := filepath.Join(dir, "p.rego") + ":1 (package " + c.pkg + ")"
			if d := cmp.Diff([]string{policy}, te.Policies); d != "" {
				t.Errorf("policies (-want +got):\n%s", d)
			}
			want := "policy evaluation stopped after 1s (--timeout) while running your policy " + policy + ": a policy that runs this long is likely stuck"
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("err = %v\nwant it to start %q", err, want)
			}
		})
	}
}

// A timeout that is not reached changes nothing.
func TestTimeoutNotReached(t *testing.T) {
	d := loadFixture(t, "egress")
	without := newEngine(t, nil, fullParams)
	with, err := New(context.Background(), Options{Params: fullParams, Timeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	a, err := without.Evaluate(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	b, err := with.Evaluate(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Findings) == 0 {
		t.Fatal("fixtures/egress has no findings")
	}
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("with a timeout (-without +with):\n%s", d)
	}
}

func TestTimeoutErrorMessages(t *testing.T) {
	cases := []struct {
		err  *TimeoutError
		want string
	}{
		{&TimeoutError{Timeout: 2 * time.Minute, Resources: 11000},
			"policy evaluation stopped after 2m0s (--timeout) while the rule library ran over 11000 resources: raise --timeout (0: none) if the input is that large"},
		{&TimeoutError{Timeout: time.Second, Policies: []string{"a.rego:1 (package a)", "b.rego:1 (package b)", "c.rego:1 (package c)", "d.rego:1 (package d)"}},
			"policy evaluation stopped after 1s (--timeout) while running one of your policies a.rego:1 (package a), b.rego:1 (package b), c.rego:1 (package c), and 1 more: a policy that runs this long is likely stuck (an iteration over a huge range or a join of every resource with every other); fix it, or raise --timeout (0: none) if the input is that large"},
	}
	for _, c := range cases {
		if got := c.err.Error(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// The caller's own cancellation is not reported as the timeout.
func TestTimeoutParentCancelled(t *testing.T) {
	e, err := New(context.Background(), Options{Params: fullParams, Timeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = e.Evaluate(ctx, &plan.Document{Source: plan.Source{Kind: plan.KindPlan, Path: "p.json"}, Resources: []plan.Resource{resource("aws_s3_bucket", "b", nil)}})
	var te *TimeoutError
	if err == nil || errors.As(err, &te) {
		t.Errorf("err = %v, want the cancellation, not a timeout", err)
	}
}
