package plan

import (
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
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

// Undetermined is the index suffix of a reference whose instance is unknown.
const Undetermined = "[*]"

// RefEnv is what InstanceRefs needs to know about the referring instance.
type RefEnv struct {
	// key evaluates an index expression for the instance; ok is false when
	// the value is not known before apply (or cannot be evaluated).
	Key func(hclsyntax.Expression) (cty.Value, bool)
	// eachSource is the module-local key ("aws_s3_bucket.b") of the
	// resource the instance's for_each iterates over directly, or "".
	EachSource string
	// eachKey is the instance's each.key (cty.NilVal when none).
	EachKey cty.Value
	// instances returns how many instances the module-local resource key
	// has, or -1 when unknown (used by element()).
	Instances func(key string) int
}

// InstanceRefs walks expr and returns, per module-local resource key
// ("aws_s3_bucket.data", "data.aws_iam_policy_document.p"), the index
// suffixes it refers to: "[6]", `["x"]`, "[*]" (undetermined) or "" (every
// instance).
func InstanceRefs(expr hclsyntax.Expression, env RefEnv) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	add := func(key, suffix string) {
		if out[key] == nil {
			out[key] = map[string]bool{}
		}
		out[key][suffix] = true
	}
	consumed := map[*hclsyntax.ScopeTraversalExpr]bool{}
	keyed := func(key hclsyntax.Expression) string {
		v, ok := env.Key(key)
		if !ok {
			return Undetermined
		}
		if s, ok := keySuffix(v); ok {
			return s
		}
		return Undetermined
	}
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		switch x := n.(type) {
		case *hclsyntax.IndexExpr:
			// aws_s3_bucket.data[count.index * 2]
			if st, key, ok := BareResource(x.Collection); ok {
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
				if st, key, ok := BareResource(sp.Source); ok {
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
			st, key, ok := BareResource(sp.Source)
			if !ok {
				return nil
			}
			consumed[st] = true
			v, known := env.Key(x.Args[1])
			n := -1
			if env.Instances != nil {
				n = env.Instances(key)
			}
			if !known || n <= 0 || !v.Type().Equals(cty.Number) {
				add(key, Undetermined)
				return nil
			}
			i, acc := v.AsBigFloat().Int64()
			if acc != big.Exact {
				add(key, Undetermined)
				return nil
			}
			add(key, "["+itoa(((i%int64(n))+int64(n))%int64(n))+"]")
		case *hclsyntax.ScopeTraversalExpr:
			if consumed[x] {
				return nil
			}
			t := x.Traversal
			if t.RootName() == "each" && StepName(t, 1) == "value" && env.EachSource != "" && env.EachKey != cty.NilVal {
				if s, ok := keySuffix(env.EachKey); ok {
					add(env.EachSource, s)
				}
				return nil
			}
			key, n := resourceKey(t)
			if key == "" {
				return nil
			}
			if k, ok := StepIndex(t, n); ok {
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

// BareResource reports whether e is a traversal naming a resource with no
// index and nothing after it (aws_s3_bucket.data), with its key.
func BareResource(e hclsyntax.Expression) (*hclsyntax.ScopeTraversalExpr, string, bool) {
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
		a, b := StepName(t, 1), StepName(t, 2)
		if a == "" || b == "" {
			return "", 0
		}
		return "data." + a + "." + b, 3
	default:
		n := StepName(t, 1)
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
		return "[" + KeyString(v) + "]", true
	case v.Type().Equals(cty.String):
		return "[" + KeyString(v) + "]", true
	}
	return "", false
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// RefineRefs replaces, in refs (full addresses), the references to the
// resources found in found (module-local keys, see instanceRefs) by the
// instances found: prefix is the module address of the referring instance.
// Only whole-resource ("x") and undetermined ("x[*]") references are
// replaced; references to a named instance stay.
func RefineRefs(refs []string, found map[string]map[string]bool, prefix string) []string {
	if len(found) == 0 {
		return refs
	}
	set := make(map[string]bool, len(refs))
	for _, r := range refs {
		base, ok := strings.CutSuffix(r, Undetermined)
		if !ok && BaseAddress(r) != r {
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

// FinishReferences makes the references of every resource final: a
// whole-resource reference to a resource with several instances becomes
// undetermined ("x[*]") when its expression may pick one instance without
// saying which: every path of a plan (whose JSON keeps only names), the
// paths for which dependent(address, path) is true in configuration
// (expressions that read count.index or each.* and that no syntax
// resolved). A nil dependent stands for every path.
func FinishReferences(doc *Document, dependent func(address, path string) bool) {
	multi := map[string]bool{}
	for i := range doc.Resources {
		if doc.Resources[i].Index != nil {
			multi[BaseAddress(doc.Resources[i].Address)] = true
		}
	}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		for path, refs := range r.References {
			if len(multi) == 0 {
				break
			}
			if dependent != nil && !dependent(r.Address, path) {
				continue
			}
			changed := false
			for j, a := range refs {
				if multi[a] {
					refs[j] = a + Undetermined
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
	}
}

// BaseAddress strips the final instance index of an address.
func BaseAddress(addr string) string {
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

// StepName returns the attribute name at step i of t, or "".
func StepName(t hcl.Traversal, i int) string {
	if i >= len(t) {
		return ""
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name
	case hcl.TraverseIndex:
		// var["x"] works in HCL too.
		if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
			return s.Key.AsString()
		}
	}
	return ""
}

func StepIndex(t hcl.Traversal, i int) (cty.Value, bool) {
	if i >= len(t) {
		return cty.NilVal, false
	}
	if s, ok := t[i].(hcl.TraverseIndex); ok && s.Key.IsKnown() && !s.Key.IsNull() {
		return s.Key, true
	}
	return cty.NilVal, false
}

func KeyString(k cty.Value) string {
	if k.Type() == cty.Number {
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == 0 {
			return strconv.FormatInt(i, 10)
		}
		return bf.Text('f', -1)
	}
	return strconv.Quote(k.AsString())
}
