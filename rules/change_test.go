package rules

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
)

func TestClassify(t *testing.T) {
	f := func(rule, res, attr string, o Outcome) Finding {
		return Finding{RuleID: rule, Resource: res, Attribute: attr, Outcome: o}
	}
	before := []Finding{
		f("R1", "a", "ingress[1].cidr_blocks", Fail), // still there, moved
		f("R1", "b", "", Fail),                       // fixed
		f("R2", "c", "", Unknown),                    // indeterminate before, gone: not a fix
	}
	after := []Finding{
		f("R1", "a", "ingress[0].cidr_blocks", Fail),
		f("R1", "d", "", Fail),
		f("R2", "c", "", Fail), // was indeterminate, now fails: existing
	}
	got, fixed := Classify(after, before)
	status := map[string]string{}
	for _, g := range got {
		status[g.RuleID+" "+g.Resource] = g.Status
	}
	want := map[string]string{"R1 a": StatusExisting, "R1 d": StatusIntroduced, "R2 c": StatusExisting}
	if d := cmp.Diff(want, status); d != "" {
		t.Errorf("statuses (-want +got):\n%s", d)
	}
	if len(fixed) != 1 || fixed[0].Resource != "b" || fixed[0].Status != StatusFixed {
		t.Errorf("fixed = %+v, want only R1 on b", fixed)
	}
}

// TestEvaluateChange evaluates a plan with an update that opens egress, an
// unchanged resource that was already open, a replacement that closes it
// and a deletion of an open one, against the real library.
func TestEvaluateChange(t *testing.T) {
	open := map[string]any{"name": "x", "egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": []any{}, "from_port": 0.0, "to_port": 0.0, "protocol": "-1", "self": false, "security_groups": []any{}, "prefix_list_ids": []any{}}}, "ingress": []any{}, "tags": map[string]any{}, "tags_all": map[string]any{}}
	closed := map[string]any{"name": "x", "egress": []any{}, "ingress": []any{}, "tags": map[string]any{}, "tags_all": map[string]any{}}
	res := func(name, kind string, before, after any) plan.Resource {
		actions := map[string][]string{"update": {"update"}, "no-op": {"no-op"}, "replace": {"delete", "create"}, "delete": {"delete"}, "create": {"create"}}[kind]
		return plan.Resource{
			Address: "aws_security_group." + name, Mode: "managed", Type: "aws_security_group", Name: name,
			Provider: plan.Provider{Name: "aws", Region: "us-east-1"}, Region: "us-east-1",
			Change: plan.Change{Actions: actions, Kind: kind}, Before: before, After: after,
			Unknown: map[string]any{}, References: map[string][]string{}, Tags: map[string]any{},
		}
	}
	doc := &plan.Document{
		Source: plan.Source{Kind: plan.KindPlan, Path: "plan.json"},
		Resources: []plan.Resource{
			res("opened", "update", closed, open),
			res("still_open", "no-op", open, open),
			res("closed", "replace", open, closed),
			res("deleted", "delete", open, nil),
			res("created", "create", nil, open),
		},
		Notices: []plan.Notice{},
	}
	e, err := New(context.Background(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.EvaluateChange(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, f := range got.Findings {
		if f.RuleID == "TFG-AWS-EGRESS-001" {
			status[f.Resource] = f.Status
		}
	}
	for _, f := range got.Fixed {
		if f.RuleID == "TFG-AWS-EGRESS-001" {
			status[f.Resource] = f.Status
		}
	}
	want := map[string]string{
		"aws_security_group.opened":     StatusIntroduced,
		"aws_security_group.still_open": StatusExisting,
		"aws_security_group.closed":     StatusFixed,
		"aws_security_group.deleted":    StatusFixed,
		"aws_security_group.created":    StatusIntroduced,
	}
	if d := cmp.Diff(want, status); d != "" {
		t.Errorf("TFG-AWS-EGRESS-001 statuses (-want +got):\n%s", d)
	}
}
