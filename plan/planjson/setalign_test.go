package planjson

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tfgate/tfgate/plan"
)

// TestAlignSetBlocks: Terraform lists the ingress set of a security group
// in its own order; the location of plan element ingress[0] must be the
// block written second when that is the one it holds.
func TestAlignSetBlocks(t *testing.T) {
	src := `resource "aws_security_group" "g" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.10/32"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	block := f.Body.(*hclsyntax.Body).Blocks[0]
	loc := plan.BlockLocation("main.tf", block)
	plan := func(first, second map[string]any) *plan.Resource {
		return &plan.Resource{
			Type: "aws_security_group", Mode: "managed",
			Provider: plan.Provider{Name: "aws", Source: "registry.terraform.io/hashicorp/aws"},
			After:    map[string]any{"ingress": []any{first, second}},
			Location: loc,
		}
	}
	open := map[string]any{"from_port": 22.0, "to_port": 22.0, "protocol": "tcp", "cidr_blocks": []any{"0.0.0.0/0"}, "description": ""}
	partner := map[string]any{"from_port": 443.0, "to_port": 443.0, "protocol": "tcp", "cidr_blocks": []any{"203.0.113.10/32"}, "description": ""}

	res := plan(open, partner) // the plan's order differs from the source's
	alignSetBlocks(res, block)
	if got, _ := res.Location.Lookup("ingress[0].cidr_blocks"); got.StartLine != 12 {
		t.Errorf("ingress[0].cidr_blocks on line %d, want 12 (the 0.0.0.0/0 block)", got.StartLine)
	}
	if got, _ := res.Location.Lookup("ingress[1].cidr_blocks"); got.StartLine != 6 {
		t.Errorf("ingress[1].cidr_blocks on line %d, want 6", got.StartLine)
	}
	if got, _ := res.Location.Lookup("ingress"); got.StartLine != 2 {
		t.Errorf("ingress (the whole set) on line %d, want 2 (the first block written)", got.StartLine)
	}
	if got, _ := loc.Lookup("ingress[0].cidr_blocks"); got.StartLine != 6 {
		t.Error("the shared block location was modified")
	}

	same := plan(partner, open) // same order: nothing moves
	alignSetBlocks(same, block)
	if same.Location != loc {
		t.Error("location copied although the orders agree")
	}

	ambiguous := plan(map[string]any{"from_port": 22.0}, map[string]any{"from_port": 22.0})
	alignSetBlocks(ambiguous, block)
	if ambiguous.Location != loc {
		t.Error("blocks renumbered without a unique match")
	}
}
