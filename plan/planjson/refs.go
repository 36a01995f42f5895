package planjson

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/funcs"
)

// refinePlanReferences resolves the undetermined references ("x[*]") of a
// plan resource from its block in the .tf files: index expressions are
// evaluated with the instance's count.index / each.key and the plan's root
// variables, and each.value under `for_each = aws_x.y` names the instance
// with the same key.
func refinePlanReferences(cache *planRefCache, res *plan.Resource, b *sourceBlock, dir string) {
	var paths []string
	for path, refs := range res.References {
		for _, a := range refs {
			if strings.HasSuffix(a, plan.Undetermined) {
				paths = append(paths, path)
				break
			}
		}
	}
	if len(paths) == 0 {
		return
	}
	sort.Strings(paths)
	env := cache.env(res, b.block, dir)
	prefix := ""
	if res.Module != "" {
		prefix = res.Module + "."
	}
	for _, path := range paths {
		found := map[string]map[string]bool{}
		for _, expr := range attributeExprs(b.block.Body, strings.Split(path, ".")) {
			for k, set := range plan.InstanceRefs(expr, env) {
				if found[k] == nil {
					found[k] = map[string]bool{}
				}
				for s := range set {
					found[k][s] = true
				}
			}
		}
		res.References[path] = plan.RefineRefs(res.References[path], found, prefix)
	}
}

// attributeExprs returns the expressions of the attribute at a dotted path
// (nested block types, then the attribute) in body, in every block of
// those types, the content of dynamic blocks included.
func attributeExprs(body *hclsyntax.Body, path []string) []hclsyntax.Expression {
	if body == nil || len(path) == 0 {
		return nil
	}
	if len(path) == 1 {
		if a, ok := body.Attributes[path[0]]; ok {
			return []hclsyntax.Expression{a.Expr}
		}
		return nil
	}
	var out []hclsyntax.Expression
	for _, blk := range body.Blocks {
		switch {
		case blk.Type == path[0]:
			out = append(out, attributeExprs(blk.Body, path[1:])...)
		case blk.Type == "dynamic" && len(blk.Labels) == 1 && blk.Labels[0] == path[0]:
			for _, c := range blk.Body.Blocks {
				if c.Type == "content" {
					out = append(out, attributeExprs(c.Body, path[1:])...)
				}
			}
		}
	}
	return out
}

// planRefCache holds what every refinement of one plan shares: the root
// variables as cty values, the function tables per directory and the
// number of instances of each resource.
type planRefCache struct {
	doc       *plan.Document
	vars      cty.Value
	funcs     map[string]map[string]function.Function
	instances map[string]int
}

func newPlanRefCache(doc *plan.Document, vars map[string]any) *planRefCache {
	c := &planRefCache{doc: doc, vars: cty.NilVal, funcs: map[string]map[string]function.Function{}}
	if len(vars) > 0 {
		vm := map[string]cty.Value{}
		for k, v := range vars {
			vm[k] = jsonToCty(v)
		}
		c.vars = cty.ObjectVal(vm)
	}
	return c
}

func (c *planRefCache) instanceCount(base string) int {
	if c.instances == nil {
		c.instances = map[string]int{}
		for i := range c.doc.Resources {
			c.instances[plan.BaseAddress(c.doc.Resources[i].Address)]++
		}
	}
	return c.instances[base]
}

// env is the evaluation environment of index expressions for one plan
// resource instance: count.index or each.key from its address, the plan's
// root variables in the root module, Terraform's functions.
func (c *planRefCache) env(res *plan.Resource, block *hclsyntax.Block, dir string) plan.RefEnv {
	vars := map[string]cty.Value{}
	switch idx := res.Index.(type) {
	case float64:
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberFloatVal(idx)})
	case int:
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(idx))})
	case string:
		vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(idx), "value": cty.DynamicVal})
	}
	if res.Module == "" && c.vars != cty.NilVal {
		vars["var"] = c.vars
	}
	fns, ok := c.funcs[dir]
	if !ok {
		fns = funcs.Table(dir)
		c.funcs[dir] = fns
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: fns}
	env := plan.RefEnv{
		Key: func(e hclsyntax.Expression) (v cty.Value, ok bool) {
			defer func() {
				if recover() != nil {
					v, ok = cty.NilVal, false
				}
			}()
			v, diags := e.Value(ctx)
			if diags.HasErrors() || !v.IsWhollyKnown() {
				return cty.NilVal, false
			}
			return v, true
		},
		Instances: func(key string) int {
			if res.Module != "" {
				key = res.Module + "." + key
			}
			return c.instanceCount(key)
		},
	}
	if s, ok := res.Index.(string); ok {
		env.EachKey = cty.StringVal(s)
		if a, ok := block.Body.Attributes["for_each"]; ok {
			if _, key, ok := plan.BareResource(a.Expr); ok {
				env.EachSource = key
			}
		}
	}
	return env
}

// jsonToCty converts a decoded JSON value to cty (numbers as numbers,
// objects as objects); a value that cannot be converted is unknown.
func jsonToCty(v any) cty.Value {
	data, err := json.Marshal(v)
	if err != nil {
		return cty.DynamicVal
	}
	t, err := ctyjson.ImpliedType(data)
	if err != nil {
		return cty.DynamicVal
	}
	out, err := ctyjson.Unmarshal(data, t)
	if err != nil {
		return cty.DynamicVal
	}
	return out
}
