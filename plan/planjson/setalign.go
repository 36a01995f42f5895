package planjson

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/schema"
)

// alignSetBlocks makes the source locations of a plan resource's set-typed
// blocks (aws_security_group ingress/egress, aws_network_acl ingress,
// aws_autoscaling_group tag, ...) follow the plan's order. Terraform lists
// the elements of a set in its own order, so "ingress[0]" of a plan is not
// necessarily the first ingress block written: each plan element is matched
// to the one source block whose literal arguments it agrees with, and the
// location keys are renumbered. Where the match is not unique (dynamic
// blocks, arguments that are expressions, identical blocks), the keys stay
// in source order.
func alignSetBlocks(res *plan.Resource, block *hclsyntax.Block) {
	after, ok := res.After.(map[string]any)
	if !ok || res.Location == nil {
		return
	}
	sch := schema.Lookup(res.Provider.Source, res.Mode, res.Type)
	if sch == nil {
		return
	}
	shared := res.Location
	byType := map[string][]*hclsyntax.Block{}
	dynamic := map[string]bool{}
	for _, b := range block.Body.Blocks {
		if b.Type == "dynamic" {
			if len(b.Labels) == 1 {
				dynamic[b.Labels[0]] = true
			}
			continue
		}
		byType[b.Type] = append(byType[b.Type], b)
	}
	for name, blocks := range byType {
		nb, ok := sch.NestedBlock(name)
		if !ok || (nb.Mode != "s" && nb.Mode != "S") || dynamic[name] || len(blocks) < 2 {
			continue
		}
		elems, ok := after[name].([]any)
		if !ok || len(elems) != len(blocks) {
			continue
		}
		perm, ok := matchBlocks(elems, blocks)
		if !ok {
			continue
		}
		if res.Location == shared {
			res.Location = cloneLocation(shared) // the block's location is shared by its instances
		}
		renumber(res.Location.Attributes, name, perm)
	}
}

// matchBlocks returns, for each plan element j, the index of the source
// block it is (perm[j]), when every element matches exactly one block.
func matchBlocks(elems []any, blocks []*hclsyntax.Block) ([]int, bool) {
	perm := make([]int, len(elems))
	used := make([]bool, len(blocks))
	identity := true
	for j, e := range elems {
		obj, ok := e.(map[string]any)
		if !ok {
			return nil, false
		}
		found := -1
		for i, b := range blocks {
			if blockMatches(obj, b) {
				if found >= 0 {
					return nil, false // ambiguous
				}
				found = i
			}
		}
		if found < 0 || used[found] {
			return nil, false
		}
		used[found] = true
		perm[j] = found
		identity = identity && found == j
	}
	return perm, !identity
}

// blockMatches reports whether every literal argument of the source block
// (at least one) equals the plan element's value.
func blockMatches(obj map[string]any, b *hclsyntax.Block) bool {
	n := 0
	for name, attr := range b.Body.Attributes {
		if len(attr.Expr.Variables()) > 0 {
			continue
		}
		v, diags := attr.Expr.Value(nil)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			continue
		}
		want := normalizeJSON(plan.CtyToJSON(v))
		if !reflect.DeepEqual(want, normalizeJSON(obj[name])) {
			return false
		}
		n++
	}
	return n > 0
}

// normalizeJSON makes numbers float64 so that values from cty and from
// decoded JSON compare equal.
func normalizeJSON(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalizeJSON(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalizeJSON(e)
		}
		return out
	}
	if f, ok := toFloat(v); ok {
		return f
	}
	return v
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case interface{ Float64() (float64, error) }:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// renumber rewrites the location keys of blocks name[i] to name[j] where
// perm[j] == i.
func renumber(attrs map[string]plan.Range, name string, perm []int) {
	inv := make(map[int]int, len(perm))
	for j, i := range perm {
		inv[i] = j
	}
	moved := map[string]plan.Range{}
	for k, r := range attrs {
		rest, ok := strings.CutPrefix(k, name+"[")
		if !ok {
			continue
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			continue
		}
		var i int
		if _, err := fmt.Sscanf(rest[:end], "%d", &i); err != nil {
			continue
		}
		j, ok := inv[i]
		if !ok {
			continue
		}
		moved[fmt.Sprintf("%s[%d]%s", name, j, rest[end+1:])] = r
		delete(attrs, k)
	}
	for k, r := range moved {
		attrs[k] = r
	}
	// attrs[name], the set as a whole, stays the first block written.
}
