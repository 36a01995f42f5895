package plan

import (
	"encoding/json"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// Instance references.
//
// A reference names the instance where the configuration says which one:
// `bucket = aws_s3_bucket.data[count.index * 2].id` on instance 3 refers to
// "aws_s3_bucket.data[6]", and under `for_each = aws_s3_bucket.b`,
// `each.value.id` on instance "x" refers to `aws_s3_bucket.b["x"]`. A
// reference without an index ("aws_s3_bucket.data") names every instance
// (the resource has no count/for_each, or the expression uses the whole
// collection, as a splat does). When an expression picks one instance of a
// counted resource but which one cannot be determined before apply, the
// reference is written "aws_s3_bucket.data[*]": every instance is a
// candidate and rules report the candidates as indeterminate, never as
// passing.
//
// Both readers use the same two steps: refineRefs replaces the whole-
// resource references of one expression with what instanceRefs finds in its
// syntax for one instance, and finishReferences turns the remaining whole-
// resource references of expressions that depend on count.index or each.*
// into undetermined ones.

// undetermined is the index suffix of a reference whose instance is unknown.
const undetermined = "[*]"

// refEnv is what instanceRefs needs to know about the referring instance.
type refEnv struct {
	// key evaluates an index expression for the instance; ok is false when
	// the value is not known before apply (or cannot be evaluated).
	key func(hclsyntax.Expression) (cty.Value, bool)
	// eachSource is the module-local key ("aws_s3_bucket.b") of the
	// resource the instance's for_each iterates over directly, or "".
	eachSource string
	// eachKey is the instance's each.key (cty.NilVal when none).
	eachKey cty.Value
	// instances returns how many instances the module-local resource key
	// has, or -1 when unknown (used by element()).
	instances func(key string) int
}

// instanceRefs walks expr and returns, per module-local resource key
// ("aws_s3_bucket.data", "data.aws_iam_policy_document.p"), the index
// suffixes it refers to: "[6]", `["x"]`, "[*]" (undetermined) or "" (every
// instance).
func instanceRefs(expr hclsyntax.Expression, env refEnv) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(key, suffix string) {
		if out[key] == nil {
			out[key] = map[string]bool{}
		}
		out[key][suffix] = true
	}
	consumed := map[*hclsyntax.ScopeTraversalExpr]bool{}
	keyed := func(key hclsyntax.Expression) string {
		v, ok := env.key(key)
		if !ok {
			return undetermined
		}
		if s, ok := keySuffix(v); ok {
			return s
		}
		return undetermined
	}
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		switch x := n.(type) {
		case *hclsyntax.IndexExpr:
			// aws_s3_bucket.data[count.index * 2]
			if st, key, ok := bareResource(x.Collection); ok {
				consumed[st] = true
				add(key, keyed(x.Key))
				return nil
			}
			// (aws_s3_bucket.data[*].id)[count.index], aws_s3_bucket.data.*.id[count.index]
			coll := x.Collection
			if p, ok := coll.(*hclsyntax.ParenthesesExpr); ok {
				coll = p.Expression
			}
			if sp, ok := coll.(*hclsyntax.SplatExpr); ok {
				if st, key, ok := bareResource(sp.Source); ok {
					consumed[st] = true
					add(key, keyed(x.Key))
				}
			}
		case *hclsyntax.FunctionCallExpr:
			// element(aws_s3_bucket.data[*].id, count.index)
			if x.Name != "element" || len(x.Args) != 2 {
				return nil
			}
			sp, ok := x.Args[0].(*hclsyntax.SplatExpr)
			if !ok {
				return nil
			}
			st, key, ok := bareResource(sp.Source)
			if !ok {
				return nil
			}
			consumed[st] = true
			v, known := env.key(x.Args[1])
			n := -1
			if env.instances != nil {
				n = env.instances(key)
			}
			if !known || n <= 0 || !v.Type().Equals(cty.Number) {
				add(key, undetermined)
				return nil
			}
			i, acc := v.AsBigFloat().Int64()
			if acc != big.Exact {
				add(key, undetermined)
				return nil
			}
			add(key, "["+itoa(((i%int64(n))+int64(n))%int64(n))+"]")
		case *hclsyntax.ScopeTraversalExpr:
			if consumed[x] {
				return nil
			}
			t := x.Traversal
			if t.RootName() == "each" && stepName(t, 1) == "value" && env.eachSource != "" && env.eachKey != cty.NilVal {
				if s, ok := keySuffix(env.eachKey); ok {
					add(env.eachSource, s)
				}
				return nil
			}
			key, n := resourceKey(t)
			if key == "" {
				return nil
			}
			if k, ok := stepIndex(t, n); ok {
				if s, ok := keySuffix(k); ok {
					add(key, s)
					return nil
				}
			}
			add(key, "")
		}
		return nil
	})
	return out
}

// bareResource reports whether e is a traversal naming a resource with no
// index and nothing after it (aws_s3_bucket.data), with its key.
func bareResource(e hclsyntax.Expression) (*hclsyntax.ScopeTraversalExpr, string, bool) {
	st, ok := e.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil, "", false
	}
	key, n := resourceKey(st.Traversal)
	if key == "" || len(st.Traversal) != n {
		return nil, "", false
	}
	return st, key, true
}

// resourceKey returns the module-local resource key a traversal starts
// with and how many steps it takes, or "" when the traversal does not name
// a resource.
func resourceKey(t hcl.Traversal) (string, int) {
	switch root := t.RootName(); root {
	case "var", "local", "module", "each", "count", "path", "terraform", "self", "":
		return "", 0
	case "data":
		a, b := stepName(t, 1), stepName(t, 2)
		if a == "" || b == "" {
			return "", 0
		}
		return "data." + a + "." + b, 3
	default:
		n := stepName(t, 1)
		if n == "" || !strings.Contains(root, "_") {
			return "", 0
		}
		return root + "." + n, 2
	}
}

// keySuffix renders a known number or string key as an address index.
func keySuffix(v cty.Value) (string, bool) {
	if v == cty.NilVal || !v.IsWhollyKnown() || v.IsNull() {
		return "", false
	}
	switch {
	case v.Type().Equals(cty.Number):
		if _, acc := v.AsBigFloat().Int64(); acc != big.Exact {
			return "", false
		}
		return "[" + keyString(v) + "]", true
	case v.Type().Equals(cty.String):
		return "[" + keyString(v) + "]", true
	}
	return "", false
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// dependsOnInstance reports whether expr reads count.index or each.*.
func dependsOnInstance(expr hcl.Expression) bool {
	for _, t := range expr.Variables() {
		switch t.RootName() {
		case "count", "each":
			return true
		}
	}
	return false
}

// refineRefs replaces, in refs (full addresses), the references to the
// resources found in found (module-local keys, see instanceRefs) by the
// instances found: prefix is the module address of the referring instance.
// Only whole-resource ("x") and undetermined ("x[*]") references are
// replaced; references to a named instance stay.
func refineRefs(refs []string, found map[string]map[string]bool, prefix string) []string {
	if len(found) == 0 {
		return refs
	}
	set := make(map[string]bool, len(refs))
	for _, r := range refs {
		base, ok := strings.CutSuffix(r, undetermined)
		if !ok && baseAddress(r) != r {
			set[r] = true // names an instance already
			continue
		}
		local, ok := strings.CutPrefix(base, prefix)
		suffixes := found[local]
		if !ok || len(suffixes) == 0 {
			set[r] = true
			continue
		}
		for s := range suffixes {
			set[base+s] = true
		}
	}
	return sortedKeys(set)
}

// finishReferences makes the references of every resource final: a
// whole-resource reference to a resource with several instances becomes
// undetermined ("x[*]") when its expression may pick one instance without
// saying which: every path of a plan (whose JSON keeps only names), the
// paths marked in refDependent in configuration (expressions that read
// count.index or each.* and that no syntax resolved).
func finishReferences(doc *Document, allPaths bool) {
	multi := map[string]bool{}
	for i := range doc.Resources {
		if doc.Resources[i].Index != nil {
			multi[baseAddress(doc.Resources[i].Address)] = true
		}
	}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		for path, refs := range r.References {
			if len(multi) == 0 {
				break
			}
			if !allPaths && !r.refDependent[path] {
				continue
			}
			changed := false
			for j, a := range refs {
				if multi[a] {
					refs[j] = a + undetermined
					changed = true
				}
			}
			if changed {
				set := make(map[string]bool, len(refs))
				for _, a := range refs {
					set[a] = true
				}
				r.References[path] = sortedKeys(set)
			}
		}
		r.refDependent = nil
	}
}

// baseAddress strips the final instance index of an address.
func baseAddress(addr string) string {
	if !strings.HasSuffix(addr, "]") {
		return addr
	}
	depth := 0
	inStr := false
	for i := len(addr) - 1; i >= 0; i-- {
		c := addr[i]
		switch {
		case c == '"' && (i == 0 || addr[i-1] != '\\'):
			inStr = !inStr
		case inStr:
		case c == ']':
			depth++
		case c == '[':
			depth--
			if depth == 0 {
				return addr[:i]
			}
		}
	}
	return addr
}

// sortedKeys returns the keys of m in order.
func sortedKeys[M ~map[string]V, V any](m M) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// refinePlanReferences resolves the undetermined references ("x[*]") of a
// plan resource from its block in the .tf files: index expressions are
// evaluated with the instance's count.index / each.key and the plan's root
// variables, and each.value under `for_each = aws_x.y` names the instance
// with the same key.
func refinePlanReferences(cache *planRefCache, res *Resource, b *sourceBlock, dir string) {
	var paths []string
	for path, refs := range res.References {
		for _, a := range refs {
			if strings.HasSuffix(a, undetermined) {
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
			for k, set := range instanceRefs(expr, env) {
				if found[k] == nil {
					found[k] = map[string]bool{}
				}
				for s := range set {
					found[k][s] = true
				}
			}
		}
		res.References[path] = refineRefs(res.References[path], found, prefix)
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
	doc       *Document
	vars      cty.Value
	funcs     map[string]map[string]function.Function
	instances map[string]int
}

func newPlanRefCache(doc *Document) *planRefCache {
	c := &planRefCache{doc: doc, vars: cty.NilVal, funcs: map[string]map[string]function.Function{}}
	if len(doc.planVars) > 0 {
		vm := map[string]cty.Value{}
		for k, v := range doc.planVars {
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
			c.instances[baseAddress(c.doc.Resources[i].Address)]++
		}
	}
	return c.instances[base]
}

// env is the evaluation environment of index expressions for one plan
// resource instance: count.index or each.key from its address, the plan's
// root variables in the root module, Terraform's functions.
func (c *planRefCache) env(res *Resource, block *hclsyntax.Block, dir string) refEnv {
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
	funcs, ok := c.funcs[dir]
	if !ok {
		funcs = terraformFunctions(dir)
		c.funcs[dir] = funcs
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: funcs}
	env := refEnv{
		key: func(e hclsyntax.Expression) (v cty.Value, ok bool) {
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
		instances: func(key string) int {
			if res.Module != "" {
				key = res.Module + "." + key
			}
			return c.instanceCount(key)
		},
	}
	if s, ok := res.Index.(string); ok {
		env.eachKey = cty.StringVal(s)
		if a, ok := block.Body.Attributes["for_each"]; ok {
			if _, key, ok := bareResource(a.Expr); ok {
				env.eachSource = key
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
