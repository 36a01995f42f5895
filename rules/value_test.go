package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// TestDocValueMatchesJSON keeps the direct conversion equal to the JSON
// encoding of the document (the contract in library/schema/input.json).
func TestDocValueMatchesJSON(t *testing.T) {
	r := resource("aws_security_group", "web", map[string]any{"tags": map[string]any{"Owner": nil}, "egress": []any{map[string]any{"cidr_blocks": []any{"0.0.0.0/0"}, "from_port": 0.0}}})
	r.Index = "a"
	r.Module = `module.x["k"]`
	r.References = map[string][]string{"vpc_id": {"aws_vpc.main"}}
	r.Provider.DefaultTags = map[string]any{"CostCenter": "1"}
	r.Location = &plan.Location{File: "main.tf", StartLine: 1, EndLine: 9, Attributes: map[string]plan.Range{"egress": {StartLine: 2, StartColumn: 3, EndLine: 4, EndColumn: 4}}}
	gone := resource("aws_ebs_volume", "v", nil)
	gone.After, gone.Tags, gone.Region = nil, nil, nil
	// Provider values and changes are shared between resources
	// (sharedValues): same configuration and tag map, same value; another
	// map, region or change kind, another value.
	shared := map[string]any{"Team": "a"}
	var many []plan.Resource
	for i, tags := range []map[string]any{shared, shared, {"Team": "b"}, nil, shared} {
		x := resource("aws_sqs_queue", fmt.Sprintf("q%d", i), map[string]any{"name": "q"})
		x.Provider.DefaultTags = tags
		if i == 4 {
			x.Provider.Region = "eu-west-1"
			x.Change = plan.Change{Actions: []string{"delete", "create"}, Kind: plan.ChangeReplace}
		}
		many = append(many, x)
	}
	docs := []*plan.Document{
		doc(r, gone),
		doc(many...),
		{Source: plan.Source{Kind: "config", Path: "."}, Resources: []plan.Resource{}, Notices: []plan.Notice{{Code: "c", Message: "m", File: "f.tf", Line: 3}}},
	}
	// Every fixture plan and directory, and every corpus plan.
	for _, p := range FixtureInputs(t, true) {
		ds, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		docs = append(docs, ds...)
	}
	for _, d := range docs {
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ast.ValueFromReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := docValue(d)
		if err != nil {
			t.Fatal(err)
		}
		if want.Compare(got) != 0 {
			t.Errorf("%s: docValue differs from the JSON encoding:\n got %v\nwant %v", d.Source.Path, got, want)
		}
	}
}
