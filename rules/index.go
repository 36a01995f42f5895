package rules

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/tfgate/tfgate/plan"
)

// The library's indexes of a document (data.tfgate.index) are built once
// per evaluation in Go, over the terms of the input value itself, and
// given to every shard, instead of each shard building them with Rego
// comprehensions over every resource (library/lib/lib.rego falls back to
// those when the index is absent, as in Rego unit tests that mock input):
//
//   - resources: the checked resources (managed, change kind create,
//     update, replace or no-op), in document order;
//   - by_type: {type: [checked resources of that type]};
//   - by_address: {address: resource} over every resource;
//   - type_attributes: {type: set of the top-level attributes of after that
//     are not null in some checked resource of that type}: a rule that
//     looks for a few attribute names skips the types that never set them
//     instead of looking them up in every resource.
//
// TestSelectionLosesNothing compares the engine (with the index) with the
// whole library evaluated without it on every fixture and corpus plan.
var indexPath = storage.MustParsePath("/tfgate/index")

// checkedKinds are lib.checked_kinds.
var checkedKinds = map[string]bool{
	plan.ChangeCreate: true, plan.ChangeUpdate: true, plan.ChangeReplace: true, plan.ChangeNoOp: true,
}

// docIndex builds data.tfgate.index from a document and its input value
// (docValue: resources in the same order).
func docIndex(doc *plan.Document, input ast.Value) (ast.Value, error) {
	obj, ok := input.(ast.Object)
	if !ok {
		return nil, fmt.Errorf("input is not an object")
	}
	arr, ok := obj.Get(ast.InternedTerm("resources")).Value.(*ast.Array)
	if !ok || arr.Len() != len(doc.Resources) {
		return nil, fmt.Errorf("input resources do not match the document")
	}
	checked := make([]*ast.Term, 0, len(doc.Resources))
	byType := map[string][]*ast.Term{}
	var types []string
	byAddress := ast.NewObject()
	typeAttrs := map[string]map[ast.String]*ast.Term{}
	afterKey := ast.InternedTerm("after")
	for i := range doc.Resources {
		r := &doc.Resources[i]
		t := arr.Elem(i)
		byAddress.Insert(ast.StringTerm(r.Address), t)
		if r.Mode != "managed" || !checkedKinds[r.Change.Kind] {
			continue
		}
		checked = append(checked, t)
		if _, ok := byType[r.Type]; !ok {
			types = append(types, r.Type)
		}
		byType[r.Type] = append(byType[r.Type], t)
		attrs := typeAttrs[r.Type]
		if attrs == nil {
			attrs = map[ast.String]*ast.Term{}
			typeAttrs[r.Type] = attrs
		}
		if res, ok := t.Value.(ast.Object); ok {
			if after := res.Get(afterKey); after != nil {
				if a, ok := after.Value.(ast.Object); ok {
					a.Foreach(func(k, v *ast.Term) {
						if _, null := v.Value.(ast.Null); !null {
							if name, ok := k.Value.(ast.String); ok {
								attrs[name] = k
							}
						}
					})
				}
			}
		}
	}
	bt := ast.NewObject()
	ta := ast.NewObject()
	for _, typ := range types {
		bt.Insert(ast.StringTerm(typ), ast.ArrayTerm(byType[typ]...))
		keys := make([]*ast.Term, 0, len(typeAttrs[typ]))
		for _, k := range typeAttrs[typ] {
			keys = append(keys, k)
		}
		ta.Insert(ast.StringTerm(typ), ast.SetTerm(keys...))
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("resources"), ast.ArrayTerm(checked...)},
		[2]*ast.Term{ast.StringTerm("by_type"), ast.NewTerm(bt)},
		[2]*ast.Term{ast.StringTerm("by_address"), ast.NewTerm(byAddress)},
		[2]*ast.Term{ast.StringTerm("type_attributes"), ast.NewTerm(ta)},
	), nil
}

// newShardStore is the store of one worker: parameters and the units; the
// index is written per evaluation, in a transaction that is aborted after
// it (evalShards).
func newShardStore(base map[string]any) storage.Store {
	return inmem.NewFromObjectWithOpts(base, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
}
