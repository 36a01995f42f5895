package config

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/schema"
)

// This file evaluates a module tree the way `terraform plan` would before
// apply: lazily, value by value (so the order of declarations does not
// matter and only real cycles are errors), with every value a resource
// computes itself unknown.

// maxInstances bounds the for_each of a dynamic block: a larger expansion
// is treated as unknown rather than exhausting memory. (count and for_each
// of resources and modules are bounded by Limits.Instances.)
const maxInstances = 10000

// rootEval is the evaluation of one root module into one Document.
type rootEval struct {
	l        *loader
	root     string
	manifest map[string]string
	notices  []plan.Notice
	seen     map[string]bool
	vocab    map[string]bool
	funcs    map[string]function.Function
	rootVars map[string]cty.Value
	stack    []string // evaluation stack, for cycle errors
	fatal    hcl.Diagnostics
	nodes    int // module calls in the static tree
	budget   int // resource and module instances created so far
	// dependent marks, per resource address, the References paths whose
	// expression reads count.index or each.*: their whole-resource
	// references may stand for one undetermined instance (see
	// FinishReferences).
	dependent map[string]map[string]bool
}

// spend counts n new instances; false (and an error) when the configuration
// expands beyond Limits.Instances resource and module instances (nested
// count/for_each multiply).
func (e *rootEval) spend(n int, rng hcl.Range) bool {
	limit := e.l.opts.Limits.Instances
	if n <= limit-e.budget {
		e.budget += n
		return true
	}
	e.overInstances(e.budget+n, rng)
	return false
}

// overInstances makes an expansion to total instances, more than
// Limits.Instances, the error of the load.
func (e *rootEval) overInstances(total int, rng hcl.Range) {
	limit := e.l.opts.Limits.Instances
	err := plan.CountError(fmt.Sprintf("%s:%d: the configuration %s", rng.Filename, rng.Start.Line, e.root),
		fmt.Sprintf("expands to %d or more resource and module instances (count and for_each, multiplied across modules)", total),
		"instances", total, limit)
	if !e.fatal.HasErrors() {
		e.fatal = append(e.fatal, e.l.overLimit(err, rng.Ptr())...)
	}
}

type lazyVal struct {
	state    int // 0 pending, 1 in progress, 2 done
	val      cty.Value
	refState int
	refs     []string
}

// modInst is one instance of a module (the root, or module.a[0]).
type modInst struct {
	e      *rootEval
	node   *moduleNode
	mod    *tfModule
	addr   string // "" or "module.a[0].module.b"
	cfgKey string // "" or "module.a.module.b": provider config key prefix
	parent *modInst
	call   *tfModuleCall
	callIC *iterCtx // count/each of the call, evaluated in parent

	vars    map[string]*lazyVal
	locals  map[string]*lazyVal
	outputs map[string]*lazyVal
	res     map[string]*resState
	calls   map[string]*callState
	provs   map[string]*provState
}

// iterCtx carries count.index, each.* and dynamic block iterators.
type iterCtx struct {
	countIdx cty.Value
	eachKey  cty.Value
	eachVal  cty.Value
	forEach  hcl.Expression // the for_each behind each.* (for references)
	iters    map[string]*iterVar
	// marks of the for_each of the dynamic blocks being generated: as in
	// HCL's dynblock (which Terraform uses), every attribute of the
	// generated content carries them.
	marks cty.ValueMarks
}

type iterVar struct {
	val     cty.Value
	forEach hcl.Expression
	outer   *iterCtx
}

func (ic *iterCtx) withIter(name string, v *iterVar) *iterCtx {
	n := &iterCtx{iters: map[string]*iterVar{}}
	if ic != nil {
		*n = *ic
		n.iters = make(map[string]*iterVar, len(ic.iters)+1)
		for k, x := range ic.iters {
			n.iters[k] = x
		}
	}
	n.iters[name] = v
	return n
}

// withMarks returns ic with marks added to those of the content being
// generated.
func (ic *iterCtx) withMarks(marks cty.ValueMarks) *iterCtx {
	if len(marks) == 0 {
		return ic
	}
	n := &iterCtx{}
	if ic != nil {
		*n = *ic
	}
	all := make(cty.ValueMarks, len(n.marks)+len(marks))
	for m := range n.marks {
		all[m] = struct{}{}
	}
	for m := range marks {
		all[m] = struct{}{}
	}
	n.marks = all
	return n
}

func (ic *iterCtx) iter(name string) *iterVar {
	if ic == nil {
		return nil
	}
	return ic.iters[name]
}

// Expansion kinds.
const (
	expandSingle = iota
	expandCount
	expandForEach
	expandUnknown
)

type expansion struct {
	kind int
	keys []cty.Value // number (count) or string (for_each) keys
	vals []cty.Value // each.value per key
}

type resState struct {
	cfg   *tfResource
	state int
	exp   expansion
	insts []*resInst
	val   cty.Value
}

type resInst struct {
	key   cty.Value // cty.NilVal for a single instance
	addr  string
	obj   cty.Value
	refs  map[string][]string
	dep   map[string]bool // reference paths that depend on count/each
	prov  *provState
	index any
}

type callState struct {
	state int
	exp   expansion
	insts []*modInst
	val   cty.Value // cty.NilVal until built; DynamicVal if not installed
}

type provState struct {
	key         string // config key: aws, aws.east, module.x:aws
	localName   string
	alias       string
	region      cty.Value
	defaultTags cty.Value
}

func newModInst(e *rootEval, node *moduleNode, parent *modInst, call *tfModuleCall, addr, cfgKey string, ic *iterCtx) *modInst {
	mi := &modInst{
		e: e, node: node, mod: node.mod, addr: addr, cfgKey: cfgKey, parent: parent, call: call, callIC: ic,
		vars: map[string]*lazyVal{}, locals: map[string]*lazyVal{}, outputs: map[string]*lazyVal{},
		res: map[string]*resState{}, calls: map[string]*callState{}, provs: map[string]*provState{},
	}
	return mi
}

func (mi *modInst) prefix() string {
	if mi.addr == "" {
		return ""
	}
	return mi.addr + "."
}

// enter pushes a named node on the evaluation stack; it reports false (and
// records a cycle error) when the node is already being evaluated.
func (e *rootEval) enter(name string, rng hcl.Range) bool {
	for i, s := range e.stack {
		if s == name {
			cycle := append(append([]string(nil), e.stack[i:]...), name)
			if !e.fatal.HasErrors() {
				e.fatal = append(e.fatal, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Cycle in configuration",
					Detail:   fmt.Sprintf("These values depend on each other: %s. Terraform cannot evaluate a cycle either; break it.", strings.Join(cycle, " → ")),
					Subject:  rng.Ptr(),
				})
			}
			return false
		}
	}
	e.stack = append(e.stack, name)
	return true
}

func (e *rootEval) leave() { e.stack = e.stack[:len(e.stack)-1] }

func (e *rootEval) addNotice(n plan.Notice) {
	key := n.Code + "\x00" + n.File + "\x00" + strconv.Itoa(n.Line) + "\x00" + n.Message
	if e.seen[key] {
		return
	}
	e.seen[key] = true
	e.notices = append(e.notices, n)
}

// diagNotice turns evaluation diagnostics into one notice.
func (e *rootEval) diagNotice(diags hcl.Diagnostics, resource string, fallback hcl.Range) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		rng := fallback
		if d.Subject != nil {
			rng = *d.Subject
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		e.addNotice(plan.Notice{
			Code:     "evaluation-error",
			Message:  msg + " (the value is treated as unknown)",
			File:     rng.Filename,
			Line:     rng.Start.Line,
			Resource: resource,
		})
		return
	}
}

// safeValue evaluates expr, turning a panic in function code into a fatal
// error that names the file.
func (e *rootEval) safeValue(expr hcl.Expression, ctx *hcl.EvalContext) (val cty.Value, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			rng := expr.Range()
			detail := fmt.Sprintf("Evaluating this expression crashed (%v). Please report it with the file.", r)
			if usesSensitive(expr, ctx) {
				detail = "Evaluating this expression crashed; it uses a sensitive value, so the details are not shown. Please report it with the file."
			}
			e.fatal = append(e.fatal, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Internal error while evaluating an expression",
				Detail:   detail,
				Subject:  rng.Ptr(),
			})
			val, diags = cty.DynamicVal, nil
		}
	}()
	val, diags = expr.Value(ctx)
	if val == cty.NilVal {
		val = cty.DynamicVal
	}
	if diags.HasErrors() && usesSensitive(expr, ctx) {
		diags = withholdDetails(diags)
	}
	return val, diags
}

// usesSensitive reports whether expr reads a value marked sensitive in ctx
// (or marks one itself with sensitive()). Error messages of such an
// expression may quote the value (function errors such as parseint's or
// cidrsubnet's do, and so do duplicate-key errors of for expressions).
func usesSensitive(expr hcl.Expression, ctx *hcl.EvalContext) bool {
	for _, t := range expr.Variables() {
		v, diags := t.TraverseAbs(ctx)
		if diags.HasErrors() {
			// The path does not resolve (an error of its own): judge by
			// the whole root value.
			v = ctx.Variables[t.RootName()]
			if v == cty.NilVal {
				continue
			}
		}
		if v.ContainsMarked() {
			return true
		}
	}
	found := false
	if sx, ok := expr.(hclsyntax.Expression); ok {
		hclsyntax.VisitAll(sx, func(n hclsyntax.Node) hcl.Diagnostics {
			if call, ok := n.(*hclsyntax.FunctionCallExpr); ok && call.Name == "sensitive" {
				found = true
			}
			return nil
		})
	}
	return found
}

// withholdDetails replaces the details of error diagnostics, which may
// quote a sensitive value, by a sentence that says why they are missing.
// Summaries are fixed texts and stay.
func withholdDetails(diags hcl.Diagnostics) hcl.Diagnostics {
	out := make(hcl.Diagnostics, len(diags))
	for i, d := range diags {
		c := *d
		if c.Severity == hcl.DiagError {
			c.Detail = "The expression uses a sensitive value, so the details of the error are not shown."
		}
		c.Expression, c.EvalContext = nil, nil
		out[i] = &c
	}
	return out
}

// eval evaluates expr in the module instance with the given iteration
// context.
func (mi *modInst) eval(expr hcl.Expression, ic *iterCtx) (cty.Value, hcl.Diagnostics) {
	ctx := mi.evalContext(expr.Variables(), ic)
	return mi.e.safeValue(expr, ctx)
}

// evalContext builds the variables an expression refers to (and only
// those, as Terraform does).
func (mi *modInst) evalContext(travs []hcl.Traversal, ic *iterCtx) *hcl.EvalContext {
	ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: mi.e.funcs}
	vars, locals := map[string]cty.Value{}, map[string]cty.Value{}
	modOuts := map[string]map[string]bool{} // nil set: all outputs
	res := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	for _, t := range travs {
		root := t.RootName()
		if iv := ic.iter(root); iv != nil {
			ctx.Variables[root] = iv.val
			continue
		}
		switch root {
		case "var":
			if name := plan.StepName(t, 1); name != "" {
				if _, ok := mi.mod.variables[name]; ok {
					vars[name] = mi.varValue(name)
				}
			}
		case "local":
			if name := plan.StepName(t, 1); name != "" {
				if _, ok := mi.mod.locals[name]; ok {
					locals[name] = mi.localValue(name)
				}
			}
		case "module":
			name := plan.StepName(t, 1)
			if name == "" || mi.mod.callByKey[name] == nil {
				continue
			}
			out := plan.StepName(t, 2)
			if _, ok := plan.StepIndex(t, 2); ok {
				out = plan.StepName(t, 3)
			}
			set, seen := modOuts[name]
			switch {
			case seen && set == nil:
			case out == "":
				modOuts[name] = nil
			default:
				if !seen {
					set = map[string]bool{}
					modOuts[name] = set
				}
				set[out] = true
			}
		case "count":
			if ic != nil && ic.countIdx != cty.NilVal {
				ctx.Variables["count"] = cty.ObjectVal(map[string]cty.Value{"index": ic.countIdx})
			}
		case "each":
			if ic != nil && ic.eachKey != cty.NilVal {
				ctx.Variables["each"] = cty.ObjectVal(map[string]cty.Value{"key": ic.eachKey, "value": ic.eachVal})
			}
		case "path":
			rel, err := filepath.Rel(mi.e.root, mi.mod.dir)
			if err != nil {
				rel = mi.mod.dir
			}
			cwd, err := filepath.Abs(mi.e.root)
			if err != nil {
				cwd = mi.e.root
			}
			ctx.Variables["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(filepath.ToSlash(rel)),
				"root":   cty.StringVal("."),
				"cwd":    cty.StringVal(filepath.ToSlash(cwd)),
			})
		case "ephemeral":
			// Ephemeral resources exist only during a run: their values
			// are never known to a plan.
			ctx.Variables["ephemeral"] = cty.DynamicVal
		case "terraform":
			ctx.Variables["terraform"] = cty.ObjectVal(map[string]cty.Value{
				"workspace": cty.StringVal("default"),
				"applying":  cty.False,
			})
		case "data":
			typ, name := plan.StepName(t, 1), plan.StepName(t, 2)
			if r := mi.mod.resByKey["data."+typ+"."+name]; r != nil {
				if data[typ] == nil {
					data[typ] = map[string]cty.Value{}
				}
				data[typ][name] = mi.resourceValue(r.key())
			}
		default:
			name := plan.StepName(t, 1)
			if r := mi.mod.resByKey[root+"."+name]; r != nil {
				if res[root] == nil {
					res[root] = map[string]cty.Value{}
				}
				res[root][name] = mi.resourceValue(r.key())
			}
		}
	}
	if len(vars) > 0 {
		ctx.Variables["var"] = cty.ObjectVal(vars)
	}
	if len(locals) > 0 {
		ctx.Variables["local"] = cty.ObjectVal(locals)
	}
	if len(modOuts) > 0 {
		mods := map[string]cty.Value{}
		for name, outs := range modOuts {
			mods[name] = mi.moduleValue(name, outs)
		}
		ctx.Variables["module"] = cty.ObjectVal(mods)
	}
	for typ, byName := range res {
		if _, taken := ctx.Variables[typ]; !taken {
			ctx.Variables[typ] = cty.ObjectVal(byName)
		}
	}
	if len(data) > 0 {
		d := map[string]cty.Value{}
		for typ, byName := range data {
			d[typ] = cty.ObjectVal(byName)
		}
		ctx.Variables["data"] = cty.ObjectVal(d)
	}
	return ctx
}

// varValue is the value of an input variable of this instance.
func (mi *modInst) varValue(name string) cty.Value {
	v := mi.mod.variables[name]
	return mi.lazyValue(mi.vars, "var", name, v.rng, func() cty.Value { return mi.computeVar(name, v) })
}

func (mi *modInst) computeVar(name string, v *tfVariable) cty.Value {
	if mi.parent == nil {
		if val := mi.e.rootVars[name]; val != cty.NilVal {
			return val
		}
		return cty.DynamicVal
	}
	var val cty.Value
	if expr, ok := mi.call.inputs[name]; ok {
		var diags hcl.Diagnostics
		val, diags = mi.parent.eval(expr, mi.callIC)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, "", expr.Range())
			val = cty.UnknownVal(v.typ)
		}
	} else if v.def != cty.NilVal {
		val = v.def
	} else {
		mi.e.addNotice(plan.Notice{
			Code:    "evaluation-error",
			Message: fmt.Sprintf("module %q has no value for its required variable %q (the value is treated as unknown)", mi.call.name, name),
			File:    mi.call.rng.Filename,
			Line:    mi.call.rng.Start.Line,
		})
		val = cty.UnknownVal(v.typ)
	}
	sensitive := v.sensitive || val.ContainsMarked()
	val, err := finalizeVariable(v, val)
	if err != nil {
		rng := mi.call.rng
		if expr, ok := mi.call.inputs[name]; ok {
			rng = expr.Range()
		}
		why := err.Error()
		if sensitive {
			why = "the value is sensitive, so the details are not shown"
		}
		mi.e.addNotice(plan.Notice{
			Code:    "evaluation-error",
			Message: fmt.Sprintf("invalid value for variable %q of module %q: %s (the value is treated as unknown)", name, mi.call.name, why),
			File:    rng.Filename,
			Line:    rng.Start.Line,
		})
		val = cty.UnknownVal(v.typ)
		if v.sensitive {
			val = val.Mark(plan.SensitiveMark)
		}
	}
	return val
}

// lazyEntry is the memo of name in m, created on first use.
func lazyEntry(m map[string]*lazyVal, name string) *lazyVal {
	lv := m[name]
	if lv == nil {
		lv = &lazyVal{}
		m[name] = lv
	}
	return lv
}

// lazyValue evaluates a variable, local or output once, on demand: compute
// runs inside enter/leave, so a cycle is reported (and gives an unknown
// value) instead of recursing.
func (mi *modInst) lazyValue(m map[string]*lazyVal, kind, name string, rng hcl.Range, compute func() cty.Value) cty.Value {
	lv := lazyEntry(m, name)
	if lv.state == 2 {
		return lv.val
	}
	if !mi.e.enter(mi.prefix()+kind+"."+name, rng) {
		return cty.DynamicVal
	}
	lv.state = 1
	defer mi.e.leave()
	lv.val, lv.state = compute(), 2
	return lv.val
}

// lazyRefs computes the references of a variable, local or output once; a
// reference cycle yields no references.
func lazyRefs(m map[string]*lazyVal, name string, compute func() []string) []string {
	lv := lazyEntry(m, name)
	if lv.refState != 0 {
		return lv.refs
	}
	lv.refState = 1
	lv.refs = compute()
	lv.refState = 2
	return lv.refs
}

func (mi *modInst) localValue(name string) cty.Value {
	l := mi.mod.locals[name]
	return mi.lazyValue(mi.locals, "local", name, l.rng, func() cty.Value {
		val, diags := mi.eval(l.expr, nil)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, "", l.rng)
			return cty.DynamicVal
		}
		return val
	})
}

func (mi *modInst) outputValue(name string) cty.Value {
	o := mi.mod.outputs[name]
	return mi.lazyValue(mi.outputs, "output", name, o.rng, func() cty.Value { return mi.computeOutput(o) })
}

func (mi *modInst) computeOutput(o *tfOutput) cty.Value {
	val := cty.DynamicVal
	if o.expr != nil {
		var diags hcl.Diagnostics
		val, diags = mi.eval(o.expr, nil)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, "", o.rng)
			val = cty.DynamicVal
		}
	}
	if o.sensitive {
		val = val.Mark(plan.SensitiveMark)
	}
	return val
}

// moduleValue is the value of module.<name> restricted to the outputs an
// expression uses (nil: all), so that outputs are evaluated one by one as in
// Terraform and no false cycle appears.
func (mi *modInst) moduleValue(name string, outs map[string]bool) cty.Value {
	cs := mi.expandCall(name)
	if cs == nil || cs.exp.kind == expandUnknown {
		return cty.DynamicVal
	}
	obj := func(child *modInst) cty.Value {
		m := map[string]cty.Value{}
		for o := range child.mod.outputs {
			if outs == nil || outs[o] {
				m[o] = child.outputValue(o)
			}
		}
		return cty.ObjectVal(m)
	}
	switch cs.exp.kind {
	case expandCount:
		vals := make([]cty.Value, len(cs.insts))
		for i, c := range cs.insts {
			vals[i] = obj(c)
		}
		return cty.TupleVal(vals)
	case expandForEach:
		m := map[string]cty.Value{}
		for i, c := range cs.insts {
			m[cs.exp.keys[i].AsString()] = obj(c)
		}
		return cty.ObjectVal(m)
	}
	if len(cs.insts) == 0 {
		return cty.DynamicVal
	}
	return obj(cs.insts[0])
}

// expandCall evaluates a module call's count/for_each and creates its
// instances; nil when the module is not installed.
func (mi *modInst) expandCall(name string) *callState {
	call := mi.mod.callByKey[name]
	child := mi.node.children[name]
	cs := mi.calls[name]
	if cs == nil {
		cs = &callState{}
		mi.calls[name] = cs
	}
	if cs.state == 2 {
		if child == nil {
			return nil
		}
		return cs
	}
	if !mi.e.enter(mi.prefix()+"module."+name, call.rng) {
		return nil // a cycle through count/for_each; already an error
	}
	cs.state = 1
	defer mi.e.leave()
	cs.exp = mi.expand(call.count, call.forEach, "module."+name, call.rng)
	if child != nil && mi.e.spend(len(cs.exp.keys)+1, call.rng) {
		base := mi.prefix() + "module." + name
		cfgKey := "module." + name
		if mi.cfgKey != "" {
			cfgKey = mi.cfgKey + "." + cfgKey
		}
		for i, ic := range cs.exp.iterCtxs(call.count, call.forEach) {
			addr := base + cs.exp.suffix(i)
			cs.insts = append(cs.insts, newModInst(mi.e, child, mi, call, addr, cfgKey, ic))
		}
	}
	cs.state = 2
	if child == nil {
		return nil
	}
	return cs
}

// suffix is the address suffix of instance i: "", "[0]", `["k"]`, "[*]".
func (x expansion) suffix(i int) string {
	switch x.kind {
	case expandCount, expandForEach:
		return "[" + plan.KeyString(x.keys[i]) + "]"
	case expandUnknown:
		return "[*]"
	}
	return ""
}

// iterCtxs returns one iteration context per instance (nil for a single
// instance).
func (x expansion) iterCtxs(count, forEach hcl.Expression) []*iterCtx {
	switch x.kind {
	case expandCount:
		out := make([]*iterCtx, len(x.keys))
		for i, k := range x.keys {
			out[i] = &iterCtx{countIdx: k}
		}
		return out
	case expandForEach:
		out := make([]*iterCtx, len(x.keys))
		for i, k := range x.keys {
			out[i] = &iterCtx{eachKey: k, eachVal: x.vals[i], forEach: forEach}
		}
		return out
	case expandUnknown:
		if count != nil {
			return []*iterCtx{{countIdx: cty.UnknownVal(cty.Number)}}
		}
		return []*iterCtx{{eachKey: cty.UnknownVal(cty.String), eachVal: cty.DynamicVal, forEach: forEach}}
	}
	return []*iterCtx{nil}
}

// expand evaluates count or for_each. what names the object in notices.
func (mi *modInst) expand(count, forEach hcl.Expression, what string, rng hcl.Range) expansion {
	unknown := func(arg string, expr hcl.Expression, why string) expansion {
		r := expr.Range()
		mi.e.addNotice(plan.Notice{
			Code:     "unknown-expansion",
			Message:  fmt.Sprintf("%s of %s %s; it is checked as one instance %s[*] whose values are unknown", arg, what, why, what),
			File:     r.Filename,
			Line:     r.Start.Line,
			Resource: mi.prefix() + what,
		})
		return expansion{kind: expandUnknown}
	}
	switch {
	case count != nil:
		val, diags := mi.eval(count, nil)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, mi.prefix()+what, count.Range())
			return unknown("count", count, "could not be evaluated")
		}
		val, _ = val.UnmarkDeep()
		if !val.IsKnown() {
			return unknown("count", count, "is known only after apply")
		}
		n, err := convert.Convert(val, cty.Number)
		if err != nil || n.IsNull() {
			return unknown("count", count, "is not a number")
		}
		bf := n.AsBigFloat()
		i, acc := bf.Int64()
		if acc != 0 || i < 0 {
			return unknown("count", count, "is not a whole non-negative number")
		}
		if i > int64(mi.e.l.opts.Limits.Instances-mi.e.budget) {
			mi.e.overInstances(int(min(i, math.MaxInt32))+mi.e.budget, rng)
			return expansion{kind: expandUnknown}
		}
		x := expansion{kind: expandCount}
		for j := int64(0); j < i; j++ {
			x.keys = append(x.keys, cty.NumberIntVal(j))
		}
		return x
	case forEach != nil:
		val, diags := mi.eval(forEach, nil)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, mi.prefix()+what, forEach.Range())
			return unknown("for_each", forEach, "could not be evaluated")
		}
		// Terraform refuses a for_each that is sensitive as a whole (its
		// keys would show the value in instance addresses); marks on the
		// elements stay and flow into each.value.
		val, marks := val.Unmark()
		if len(marks) > 0 {
			return unknown("for_each", forEach, "is sensitive (Terraform refuses it: instance keys would show the value)")
		}
		if val.IsNull() {
			return unknown("for_each", forEach, "is null")
		}
		ty := val.Type()
		if !val.IsKnown() || (ty.IsSetType() && !val.IsWhollyKnown()) {
			return unknown("for_each", forEach, "is known only after apply")
		}
		x := expansion{kind: expandForEach}
		switch {
		case ty.IsMapType() || ty.IsObjectType():
			if n := val.LengthInt(); n > mi.e.l.opts.Limits.Instances-mi.e.budget {
				mi.e.overInstances(n+mi.e.budget, rng)
				return expansion{kind: expandUnknown}
			}
			for it := val.ElementIterator(); it.Next(); {
				k, v := it.Element()
				x.keys = append(x.keys, k)
				x.vals = append(x.vals, v)
			}
		case ty.IsSetType():
			if !ty.ElementType().Equals(cty.String) && !ty.ElementType().Equals(cty.DynamicPseudoType) {
				s, err := convert.Convert(val, cty.Set(cty.String))
				if err != nil {
					return unknown("for_each", forEach, "is a set of non-strings")
				}
				val = s
			}
			if n := val.LengthInt(); n > mi.e.l.opts.Limits.Instances-mi.e.budget {
				mi.e.overInstances(n+mi.e.budget, rng)
				return expansion{kind: expandUnknown}
			}
			for it := val.ElementIterator(); it.Next(); {
				_, v := it.Element()
				if v.IsNull() || v.Type() != cty.String {
					return unknown("for_each", forEach, "contains a null or non-string element")
				}
				x.keys = append(x.keys, v)
				x.vals = append(x.vals, v)
			}
		default:
			return unknown("for_each", forEach, "is not a map or a set of strings (use toset)")
		}
		// Terraform orders instances by key.
		idx := make([]int, len(x.keys))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return x.keys[idx[a]].AsString() < x.keys[idx[b]].AsString() })
		sorted := expansion{kind: expandForEach}
		for _, i := range idx {
			sorted.keys = append(sorted.keys, x.keys[i])
			sorted.vals = append(sorted.vals, x.vals[i])
		}
		return sorted
	}
	return expansion{kind: expandSingle}
}

// resourceValue is the value other expressions see for a resource: an
// object per instance (tuple for count, object for for_each).
func (mi *modInst) resourceValue(key string) cty.Value {
	rs := mi.evalResource(key)
	if rs == nil {
		return cty.DynamicVal
	}
	return rs.val
}

// evalResource evaluates every instance of a resource (once).
func (mi *modInst) evalResource(key string) *resState {
	r := mi.mod.resByKey[key]
	if r == nil {
		return nil
	}
	rs := mi.res[key]
	if rs == nil {
		rs = &resState{cfg: r, val: cty.DynamicVal}
		mi.res[key] = rs
	}
	if rs.state == 2 {
		return rs
	}
	if !mi.e.enter(mi.prefix()+key, r.defRange) {
		return rs
	}
	rs.state = 1
	defer mi.e.leave()
	base := mi.prefix() + key
	rs.exp = mi.expand(r.count, r.forEach, key, r.defRange)
	prov := mi.provider(r.provName, r.provAl)
	sch := lookupSchema(mi.providerSource(r.provName), r.mode, r.typ)
	ics := rs.exp.iterCtxs(r.count, r.forEach)
	if !mi.e.spend(len(ics), r.defRange) {
		ics = nil
	}
	refVals := make([]cty.Value, 0, len(ics))
	for i, ic := range ics {
		inst := &resInst{addr: base + rs.exp.suffix(i), prov: prov}
		switch rs.exp.kind {
		case expandCount:
			inst.key = rs.exp.keys[i]
			inst.index = indexValue(inst.key)
		case expandForEach:
			inst.key = rs.exp.keys[i]
			inst.index = inst.key.AsString()
		}
		d := &bodyDecoder{mi: mi, addr: inst.addr, refs: map[string]map[string]bool{}, dep: map[string]bool{}, fallback: r.defRange}
		obj := sensitiveUnknowns(d.decode(r.body, sch, ic, "", true))
		if r.mode == "data" {
			obj = nullsUnknown(obj)
		}
		obj = augment(obj, sch)
		if sch != nil {
			obj = derivedTagMarks(withTagsAll(obj, sch, prov), prov)
		}
		obj = sensitiveUnknowns(obj)
		inst.obj = obj
		inst.refs = d.references()
		inst.dep = d.dep
		rs.insts = append(rs.insts, inst)
		refVals = append(refVals, withVocab(obj, mi.e.vocab))
	}
	switch {
	case len(refVals) != len(ics) || ics == nil:
		rs.val = cty.DynamicVal
	case rs.exp.kind == expandSingle:
		rs.val = refVals[0]
	case rs.exp.kind == expandCount:
		rs.val = cty.TupleVal(refVals)
	case rs.exp.kind == expandForEach:
		m := make(map[string]cty.Value, len(refVals))
		for i, v := range refVals {
			m[rs.exp.keys[i].AsString()] = v
		}
		rs.val = cty.ObjectVal(m)
	default:
		rs.val = cty.DynamicVal
	}
	rs.state = 2
	return rs
}

// derivedTagMarks marks the maps a provider derives from tags and labels
// (tags_all, terraform_labels, effective_labels) sensitive as a whole when
// a map they merge (the resource's tags or labels, the provider's
// default_tags or default_labels) is sensitive as a whole: marks moved
// onto the elements of the merge would let the keys show.
func derivedTagMarks(obj cty.Value, prov *provState) cty.Value {
	if !obj.IsKnown() || obj.IsNull() || !obj.Type().IsObjectType() {
		return obj
	}
	obj, objMarks := obj.Unmark()
	var marks []cty.ValueMarks
	for _, src := range []string{"tags", "labels", "resource_labels"} {
		if obj.Type().HasAttribute(src) {
			if _, m := obj.GetAttr(src).Unmark(); len(m) > 0 {
				marks = append(marks, m)
			}
		}
	}
	if prov != nil && prov.defaultTags != cty.NilVal {
		if _, m := prov.defaultTags.Unmark(); len(m) > 0 {
			marks = append(marks, m)
		}
	}
	if len(marks) == 0 {
		return obj.WithMarks(objMarks)
	}
	m := obj.AsValueMap()
	for _, derived := range []string{"tags_all", "terraform_labels", "effective_labels"} {
		if v, ok := m[derived]; ok {
			m[derived] = v.WithMarks(marks...)
		}
	}
	return cty.ObjectVal(m).WithMarks(objMarks)
}

// sensitiveUnknowns makes every sensitive value that is not wholly known
// unknown as a whole: the keys of its unknown parts would otherwise show
// in the document's unknown mirror and effective tags ({(var.secret) =
// aws_s3_bucket.x.arn}).
func sensitiveUnknowns(v cty.Value) cty.Value {
	if v.IsWhollyKnown() || !v.ContainsMarked() {
		return v
	}
	if v.IsMarked() {
		_, marks := v.Unmark()
		return cty.UnknownVal(v.Type()).WithMarks(marks)
	}
	if !v.IsKnown() || v.IsNull() {
		return v
	}
	ty := v.Type()
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		m := v.AsValueMap()
		for k, e := range m {
			m[k] = sensitiveUnknowns(e)
		}
		if ty.IsObjectType() {
			return cty.ObjectVal(m)
		}
		return cty.MapVal(m)
	case ty.IsTupleType() || ty.IsListType():
		l := v.AsValueSlice()
		for i, e := range l {
			l[i] = sensitiveUnknowns(e)
		}
		if ty.IsTupleType() {
			return cty.TupleVal(l)
		}
		return cty.ListVal(l)
	}
	return v // sets hold no marked elements
}

// nullsUnknown makes null top-level arguments of a data source unknown:
// data source arguments are mostly optional filters whose value the
// provider fills in when it reads the data source.
func nullsUnknown(obj cty.Value) cty.Value {
	if !obj.IsKnown() || obj.IsNull() || !obj.Type().IsObjectType() {
		return obj
	}
	m := obj.AsValueMap()
	for k, v := range m {
		if v.IsNull() {
			m[k] = cty.DynamicVal
		}
	}
	if m == nil {
		return obj
	}
	return cty.ObjectVal(m)
}

// indexValue is a count index as the document's Index (float64, as a
// decoded plan has it).
func indexValue(k cty.Value) any {
	f, _ := k.AsBigFloat().Float64()
	return f
}

// withVocab adds every attribute name used anywhere in the configuration
// as an unknown attribute, so that references to attributes a resource
// computes (id, arn, ...) evaluate to unknown instead of failing.
// Nested blocks (lists of objects) get the same treatment, so that
// identity[0].principal_id is unknown rather than an error.
func withVocab(obj cty.Value, vocab map[string]bool) cty.Value {
	return withVocabDepth(obj, vocab, 0)
}

func withVocabDepth(obj cty.Value, vocab map[string]bool, depth int) cty.Value {
	if !obj.IsKnown() || obj.IsNull() || !obj.Type().IsObjectType() || depth > 3 {
		return obj
	}
	obj, marks := obj.Unmark()
	m := obj.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	for name, v := range m {
		if ty := v.Type(); v.IsKnown() && !v.IsNull() && !v.IsMarked() && (ty.IsTupleType() || ty.IsListType()) && isBlockList(v) {
			elems := make([]cty.Value, 0, v.LengthInt())
			for it := v.ElementIterator(); it.Next(); {
				_, e := it.Element()
				elems = append(elems, withVocabDepth(e, vocab, depth+1))
			}
			m[name] = cty.TupleVal(elems)
		}
	}
	for name := range vocab {
		if _, ok := m[name]; !ok {
			m[name] = cty.DynamicVal
		}
	}
	return cty.ObjectVal(m).WithMarks(marks)
}

// isBlockList reports whether v is a non-empty list of objects (decoded
// nested blocks).
func isBlockList(v cty.Value) bool {
	if v.LengthInt() == 0 {
		return false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.IsMarked() || !e.IsKnown() || e.IsNull() || !e.Type().IsObjectType() {
			return false
		}
	}
	return true
}

// provider resolves the provider configuration a resource in this instance
// uses, following module `providers` maps and implicit inheritance.
func (mi *modInst) provider(name, alias string) *provState {
	key := providerKey(name, alias)
	if ps, ok := mi.provs[key]; ok {
		return ps
	}
	var ps *provState
	if pb, ok := mi.mod.providers[key]; ok {
		ps = mi.evalProvider(pb)
	} else if mi.parent != nil {
		passed := false
		for _, p := range mi.call.providers {
			if p.childName == name && p.childAlias == alias {
				ps = mi.parent.provider(p.parentName, p.parentAlias)
				passed = true
				break
			}
		}
		if !passed {
			ps = mi.parent.provider(name, alias)
		}
	} else {
		ps = &provState{key: key, localName: name, alias: alias, region: cty.NullVal(cty.String), defaultTags: cty.NullVal(cty.DynamicPseudoType)}
	}
	mi.provs[key] = ps
	return ps
}

// providerSchema is what a provider block says about its resources: the
// region (AWS, Google), the zone (Google: its region when no region is
// set), default_tags { tags } (AWS) and default_labels (Google).
var providerSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "region"}, {Name: "zone"}, {Name: "default_labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "default_tags"}},
}

func (mi *modInst) evalProvider(pb *tfProviderBlock) *provState {
	key := providerKey(pb.name, pb.alias)
	ps := &provState{localName: pb.name, alias: pb.alias, region: cty.NullVal(cty.String), defaultTags: cty.NullVal(cty.DynamicPseudoType)}
	ps.key = key
	if mi.cfgKey != "" {
		ps.key = mi.cfgKey + ":" + key
	}
	if !mi.e.enter(mi.prefix()+"provider."+key, pb.rng) {
		return ps
	}
	defer mi.e.leave()
	content, _, _ := pb.body.PartialContent(providerSchema)
	evalAttr := func(name string, unknown cty.Value) (cty.Value, bool) {
		a, ok := content.Attributes[name]
		if !ok {
			return cty.NilVal, false
		}
		v, diags := mi.eval(a.Expr, nil)
		if diags.HasErrors() {
			mi.e.diagNotice(diags, "", a.Range)
			v = unknown
		}
		return v, true
	}
	if v, ok := evalAttr("region", cty.UnknownVal(cty.String)); ok {
		ps.region = v
	}
	if v, ok := evalAttr("zone", cty.UnknownVal(cty.String)); ok && ps.region.IsNull() {
		// Google: a provider with a zone and no region places resources
		// in the zone's region.
		ps.region = v
		if zone, marks := v.Unmark(); zone.IsKnown() && !zone.IsNull() && zone.Type() == cty.String {
			ps.region = cty.StringVal(plan.GoogleRegionOfZone(zone.AsString())).WithMarks(marks)
		}
	}
	if v, ok := evalAttr("default_labels", cty.DynamicVal); ok {
		ps.defaultTags = v
	}
	for _, b := range content.Blocks {
		c, _, _ := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "tags"}}})
		if a, ok := c.Attributes["tags"]; ok {
			v, diags := mi.eval(a.Expr, nil)
			if diags.HasErrors() {
				mi.e.diagNotice(diags, "", a.Range)
				v = cty.DynamicVal
			}
			ps.defaultTags = v
		}
	}
	return ps
}

// providerSource is the full source address of a provider local name in
// this module (registry.terraform.io/hashicorp/aws).
func (mi *modInst) providerSource(local string) string {
	src, ok := mi.mod.requiredProviders[local]
	if !ok {
		// Terraform looks the local name up as hashicorp/<name>; modules
		// usually declare it only in the root, so look upwards too.
		for p := mi.parent; p != nil; p = p.parent {
			if s, ok := p.mod.requiredProviders[local]; ok {
				src = s
				break
			}
		}
	}
	if src == "" {
		src = "hashicorp/" + local
	}
	src = strings.ToLower(src)
	switch strings.Count(src, "/") {
	case 0:
		return "registry.terraform.io/hashicorp/" + src
	case 1:
		return "registry.terraform.io/" + src
	}
	return src
}

// bodyDecoder decodes a resource body without a provider schema:
// arguments become attributes, nested blocks lists of objects in source
// order, dynamic blocks expanded; references are collected per path.
type bodyDecoder struct {
	mi       *modInst
	addr     string
	refs     map[string]map[string]bool
	dep      map[string]bool // paths whose expression reads count.index or each.*
	fallback hcl.Range
}

func (d *bodyDecoder) references() map[string][]string {
	out := map[string][]string{}
	for path, set := range d.refs {
		if len(set) == 0 {
			continue
		}
		list := make([]string, 0, len(set))
		for a := range set {
			list = append(list, a)
		}
		sort.Strings(list)
		out[path] = list
	}
	return out
}

func (d *bodyDecoder) evalAttr(expr hcl.Expression, ic *iterCtx, path string) cty.Value {
	val, diags := d.mi.eval(expr, ic)
	if refs := d.mi.refsOf(expr, ic); len(refs) > 0 {
		if sx, ok := expr.(hclsyntax.Expression); ok {
			refs = plan.RefineRefs(refs, plan.InstanceRefs(sx, d.mi.refEnv(ic)), d.mi.prefix())
		}
		if dependsOnInstance(expr) {
			d.dep[path] = true
		}
		set := d.refs[path]
		if set == nil {
			set = map[string]bool{}
			d.refs[path] = set
		}
		for _, r := range refs {
			set[r] = true
		}
	}
	if diags.HasErrors() {
		d.mi.e.diagNotice(diags, d.addr, expr.Range())
		return cty.DynamicVal
	}
	if ic != nil && len(ic.marks) > 0 {
		val = val.WithMarks(ic.marks)
	}
	return val
}

type blockGroup struct {
	vals    []cty.Value
	unknown bool
}

// decode returns the object value of body. top is true for the resource
// body itself (meta-arguments are skipped).
func (d *bodyDecoder) decode(body hcl.Body, sch *schema.Block, ic *iterCtx, path string, top bool) cty.Value {
	attrs := map[string]cty.Value{}
	groups := map[string]*blockGroup{}
	addBlock := func(typ string, v cty.Value, unknown bool) {
		g := groups[typ]
		if g == nil {
			g = &blockGroup{}
			groups[typ] = g
		}
		switch {
		case unknown:
			g.unknown = true
		case v != cty.NilVal: // cty.NilVal: only make sure the type is present
			g.vals = append(g.vals, v)
		}
	}
	if sb, ok := body.(*hclsyntax.Body); ok {
		for name, a := range sb.Attributes {
			if top && resourceMetaAttrs[name] {
				continue
			}
			attrs[name] = d.evalAttr(a.Expr, ic, path+name)
		}
		for _, b := range sb.Blocks {
			if top && resourceMetaBlocks[b.Type] {
				continue
			}
			if b.Type == "dynamic" {
				d.dynamic(b.Body, b.Labels, b.DefRange(), sch, ic, path, addBlock)
				continue
			}
			addBlock(b.Type, d.decode(b.Body, sch.Nested(b.Type), ic, path+b.Type+".", false), false)
		}
	} else {
		schema := &hcl.BodySchema{}
		if top {
			for name := range resourceMetaAttrs {
				schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: name})
			}
			schema.Blocks = append(schema.Blocks,
				hcl.BlockHeaderSchema{Type: "lifecycle"},
				hcl.BlockHeaderSchema{Type: "provisioner", LabelNames: []string{"type"}},
				hcl.BlockHeaderSchema{Type: "connection"})
		}
		for _, name := range sch.BlockNames() {
			schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name})
		}
		schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: "dynamic", LabelNames: []string{"type"}})
		content, remain, diags := body.PartialContent(schema)
		if diags.HasErrors() {
			d.mi.e.diagNotice(diags, d.addr, d.fallback)
		}
		for _, b := range content.Blocks {
			switch {
			case top && (b.Type == "lifecycle" || b.Type == "provisioner" || b.Type == "connection"):
			case b.Type == "dynamic":
				d.dynamic(b.Body, b.Labels, b.DefRange, sch, ic, path, addBlock)
			default:
				addBlock(b.Type, d.decode(b.Body, sch.Nested(b.Type), ic, path+b.Type+".", false), false)
			}
		}
		rattrs, diags := remain.JustAttributes()
		if diags.HasErrors() {
			d.mi.e.diagNotice(diags, d.addr, d.fallback)
		}
		for name, a := range rattrs {
			attrs[name] = d.evalAttr(a.Expr, ic, path+name)
		}
	}
	// Attributes written as blocks (aws_security_group egress) are one
	// expression in a plan's configuration: their references also count
	// for the attribute as a whole, as a plan document has them.
	for typ := range groups {
		if nb, ok := sch.NestedBlock(typ); ok && nb.IsAttr() {
			whole := path + typ
			for p, set := range d.refs {
				if !strings.HasPrefix(p, whole+".") {
					continue
				}
				if d.refs[whole] == nil {
					d.refs[whole] = map[string]bool{}
				}
				for a := range set {
					d.refs[whole][a] = true
				}
			}
		}
	}
	for typ, g := range groups {
		switch {
		case g.unknown:
			attrs[typ] = cty.DynamicVal
		case len(g.vals) == 0:
			attrs[typ] = cty.EmptyTupleVal
		default:
			// Set-typed blocks keep their source order (Terraform shows them
			// in its own set order), so that egress[1] or tag[1] of a
			// configuration document is the second block written.
			attrs[typ] = cty.TupleVal(g.vals)
			if nb, ok := sch.NestedBlock(typ); ok && (nb.Mode == "s" || nb.Mode == "S") {
				attrs[typ] = hoistMarks(g.vals)
			}
		}
	}
	return cty.ObjectVal(attrs)
}

// hoistMarks is the tuple of vals with the marks of any element moved to
// the tuple as a whole, as a cty set holds them: Terraform marks a whole
// set of blocks (aws_security_group ingress) sensitive when one attribute
// of one block is ("at least one attribute in this block is sensitive").
func hoistMarks(vals []cty.Value) cty.Value {
	out := make([]cty.Value, len(vals))
	var marks []cty.ValueMarks
	for i, v := range vals {
		u, m := v.UnmarkDeep()
		out[i] = u
		if len(m) > 0 {
			marks = append(marks, m)
		}
	}
	return cty.TupleVal(out).WithMarks(marks...)
}

var dynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// dynamic expands a dynamic block into the blocks it generates.
func (d *bodyDecoder) dynamic(body hcl.Body, labels []string, rng hcl.Range, sch *schema.Block, ic *iterCtx, path string, add func(string, cty.Value, bool)) {
	if len(labels) != 1 {
		d.mi.e.addNotice(plan.Notice{Code: "evaluation-error", Message: "a dynamic block needs exactly one label, the type of block it generates", File: rng.Filename, Line: rng.Start.Line, Resource: d.addr})
		return
	}
	typ := labels[0]
	content, diags := body.Content(dynamicSchema)
	if diags.HasErrors() || len(content.Blocks) != 1 {
		if !diags.HasErrors() {
			diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid dynamic block", Detail: "A dynamic block needs exactly one content block.", Subject: rng.Ptr()}}
		}
		d.mi.e.diagNotice(diags, d.addr, rng)
		add(typ, cty.NilVal, true)
		return
	}
	iterName := typ
	if a, ok := content.Attributes["iterator"]; ok {
		t, diags := hcl.AbsTraversalForExpr(a.Expr)
		if diags.HasErrors() || len(t) != 1 {
			d.mi.e.diagNotice(append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid dynamic iterator name", Subject: a.Expr.Range().Ptr()}), d.addr, rng)
			add(typ, cty.NilVal, true)
			return
		}
		iterName = t.RootName()
	}
	forEach := content.Attributes["for_each"].Expr
	val, diags := d.mi.eval(forEach, ic)
	if diags.HasErrors() {
		d.mi.e.diagNotice(diags, d.addr, forEach.Range())
		add(typ, cty.NilVal, true)
		return
	}
	val, marks := val.Unmark()
	if !val.IsKnown() {
		add(typ, cty.NilVal, true)
		return
	}
	if val.IsNull() || !val.CanIterateElements() {
		d.mi.e.diagNotice(hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid dynamic for_each value", Detail: "Cannot use a " + val.Type().FriendlyName() + " value in for_each. An iterable collection is required.", Subject: forEach.Range().Ptr()}}, d.addr, rng)
		add(typ, cty.NilVal, true)
		return
	}
	if val.LengthInt() > maxInstances {
		add(typ, cty.NilVal, true)
		return
	}
	inner := content.Blocks[0].Body
	for it := val.ElementIterator(); it.Next(); {
		k, v := it.Element()
		iv := &iterVar{
			val:     cty.ObjectVal(map[string]cty.Value{"key": k, "value": v}).WithMarks(marks),
			forEach: forEach,
			outer:   ic,
		}
		add(typ, d.decode(inner, sch.Nested(typ), ic.withIter(iterName, iv).withMarks(marks), path+typ+".", false), false)
	}
	// No blocks generated is the same as none written: the schema decides
	// whether that is an empty list, null or unknown.
}

// refsOf returns the addresses of the resources expr refers to, following
// variables, locals, module outputs and each/iterator values to their
// sources.
func (mi *modInst) refsOf(expr hcl.Expression, ic *iterCtx) []string {
	set := map[string]bool{}
	for _, t := range expr.Variables() {
		for _, r := range mi.traversalRefs(t, ic) {
			set[r] = true
		}
	}
	if len(set) == 0 {
		return nil
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

func (mi *modInst) traversalRefs(t hcl.Traversal, ic *iterCtx) []string {
	root := t.RootName()
	if iv := ic.iter(root); iv != nil {
		return mi.refsOf(iv.forEach, iv.outer)
	}
	switch root {
	case "var":
		return mi.varRefs(plan.StepName(t, 1))
	case "local":
		return mi.localRefs(plan.StepName(t, 1))
	case "module":
		return mi.moduleRefs(t)
	case "each":
		if ic != nil && ic.forEach != nil {
			return mi.refsOf(ic.forEach, nil)
		}
		return nil
	case "count", "path", "terraform", "self":
		return nil
	case "data":
		key := "data." + plan.StepName(t, 1) + "." + plan.StepName(t, 2)
		if mi.mod.resByKey[key] == nil {
			return nil
		}
		return []string{mi.prefix() + key + indexSuffix(t, 3)}
	}
	key := root + "." + plan.StepName(t, 1)
	if mi.mod.resByKey[key] == nil {
		return nil
	}
	return []string{mi.prefix() + key + indexSuffix(t, 2)}
}

func indexSuffix(t hcl.Traversal, i int) string {
	k, ok := plan.StepIndex(t, i)
	if !ok {
		return ""
	}
	switch k.Type() {
	case cty.Number, cty.String:
		return "[" + plan.KeyString(k) + "]"
	}
	return ""
}

func (mi *modInst) varRefs(name string) []string {
	if mi.parent == nil || name == "" {
		return nil
	}
	expr, ok := mi.call.inputs[name]
	if !ok {
		return nil
	}
	return lazyRefs(mi.vars, name, func() []string { return mi.parent.refsOf(expr, mi.callIC) })
}

func (mi *modInst) localRefs(name string) []string {
	l := mi.mod.locals[name]
	if l == nil {
		return nil
	}
	return lazyRefs(mi.locals, name, func() []string { return mi.refsOf(l.expr, nil) })
}

func (mi *modInst) outputRefs(name string) []string {
	o := mi.mod.outputs[name]
	if o == nil || o.expr == nil {
		return nil
	}
	return lazyRefs(mi.outputs, name, func() []string { return mi.refsOf(o.expr, nil) })
}

func (mi *modInst) moduleRefs(t hcl.Traversal) []string {
	name := plan.StepName(t, 1)
	if mi.mod.callByKey[name] == nil {
		return nil
	}
	cs := mi.expandCall(name)
	if cs == nil {
		return nil
	}
	out := plan.StepName(t, 2)
	key, indexed := plan.StepIndex(t, 2)
	if indexed {
		out = plan.StepName(t, 3)
	}
	var refs []string
	for i, c := range cs.insts {
		if indexed && cs.exp.kind != expandUnknown && i < len(cs.exp.keys) {
			if k := cs.exp.keys[i]; !k.Type().Equals(key.Type()) || !k.RawEquals(key) {
				if conv, err := convert.Convert(key, k.Type()); err != nil || !conv.RawEquals(k) {
					continue
				}
			}
		}
		if out != "" {
			refs = append(refs, c.outputRefs(out)...)
			continue
		}
		names := make([]string, 0, len(c.mod.outputs))
		for o := range c.mod.outputs {
			names = append(names, o)
		}
		sort.Strings(names)
		for _, o := range names {
			refs = append(refs, c.outputRefs(o)...)
		}
	}
	return refs
}

// refEnv is the environment instanceRefs evaluates index expressions in:
// the module instance with the referring instance's count/each.
func (mi *modInst) refEnv(ic *iterCtx) plan.RefEnv {
	env := plan.RefEnv{
		Key: func(e hclsyntax.Expression) (cty.Value, bool) {
			v, diags := mi.eval(e, ic)
			if diags.HasErrors() || !v.IsWhollyKnown() || v.ContainsMarked() {
				// A sensitive key would show the value in the address.
				return cty.NilVal, false
			}
			return v, true
		},
		Instances: func(key string) int {
			if rs := mi.res[key]; rs != nil && rs.state == 2 && rs.exp.kind != expandUnknown {
				return len(rs.insts)
			}
			return -1
		},
	}
	if ic != nil && ic.eachKey != cty.NilVal {
		env.EachKey = ic.eachKey
		if sx, ok := ic.forEach.(hclsyntax.Expression); ok {
			if _, key, ok := plan.BareResource(sx); ok {
				env.EachSource = key
			}
		}
	}
	return env
}

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
