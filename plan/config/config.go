// Package config reads a Terraform configuration directory (.tf and
// .tf.json files, local and installed modules, variables from tfvars, flags
// and the environment) into plan Documents by evaluating it as Terraform
// would before apply: values it cannot know are unknown, sensitive values
// stay marked until they are redacted. It uses Terraform's functions
// (plan/funcs) and the provider schema tables (plan/schema).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/funcs"
)

// Load evaluates the Terraform root module in dir (its .tf and
// .tf.json files, with local modules and installed remote modules) into a
// Document of the same shape a plan gives: one resource instance per entry,
// change kind create (read for data sources), values known where
// configuration alone determines them and unknown where only apply would.
// With opts.Recursive every root module under dir (a directory with
// configuration files that no other directory in the tree calls as a local
// module; .terraform and hidden directories are skipped) becomes its own
// Document.
//
// Syntax errors, invalid variable values, cycles and module recursion are
// errors whose text is HCL's rendered diagnostics (file, line, column).
// What cannot be evaluated (unknown functions, remote modules that are not
// installed, errors inside one resource) becomes a Notice and an unknown
// value, never a silent pass.
func Load(dir string, opts plan.Options) (docs []*plan.Document, err error) {
	l := newLoader(opts)
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("load configuration %s: internal error: %v (please report this with the configuration)", dir, r)
		}
	}()
	roots := []string{dir}
	if opts.Recursive {
		roots, err = l.findRoots(dir)
		if err != nil {
			return nil, err
		}
	} else {
		primary, override, err := configFiles(dir)
		if err != nil {
			return nil, fmt.Errorf("load configuration %s: %w", dir, err)
		}
		if len(primary)+len(override) == 0 {
			return nil, fmt.Errorf("load configuration %s: no .tf or .tf.json files in the directory", dir)
		}
	}
	for _, root := range roots {
		doc, err := l.loadRoot(root)
		if err != nil {
			return nil, err
		}
		plan.InheritLocations(doc)
		docs = append(docs, doc)
	}
	return docs, nil
}

// loader holds what is shared between the roots of one Load call.
type loader struct {
	opts      plan.Options
	parser    *hclparse.Parser
	modules   map[string]*tfModule
	funcNames map[string]function.Function
	// limitErr is the first input over one of opts.Limits: the error of
	// the whole load, whatever diagnostics came with it.
	limitErr error
}

func newLoader(opts plan.Options) *loader {
	opts.Limits = opts.Limits.WithDefaults()
	return &loader{opts: opts, parser: hclparse.NewParser(), modules: map[string]*tfModule{}}
}

// overLimit records err as the load's error (the first one wins) and
// returns it as a diagnostic, so that evaluation stops where it is.
func (l *loader) overLimit(err error, rng *hcl.Range) hcl.Diagnostics {
	if l.limitErr == nil {
		l.limitErr = err
	}
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Input over a limit", Detail: err.Error(), Subject: rng}}
}

// functionNames returns Terraform's function table (only the names are
// used: to find calls of unknown functions).
func (l *loader) functionNames() map[string]function.Function {
	if l.funcNames == nil {
		l.funcNames = funcs.Table(".")
	}
	return l.funcNames
}

// diagError renders diagnostics as HCL prints them (no colour) into an
// error.
func (l *loader) diagError(diags hcl.Diagnostics) error {
	if l.limitErr != nil {
		return l.limitErr
	}
	var buf bytes.Buffer
	w := hcl.NewDiagnosticTextWriter(&buf, l.parser.Files(), 0, false)
	var errs hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs = append(errs, d)
		}
	}
	if len(errs) > 10 {
		errs = errs[:10]
	}
	_ = w.WriteDiagnostics(errs)
	return errors.New(strings.TrimSpace(buf.String()))
}

// findRoots lists the root modules under dir for recursive loading.
func (l *loader) findRoots(dir string) ([]string, error) {
	var candidates []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
			return filepath.SkipDir
		}
		primary, override, err := configFiles(path)
		if err != nil {
			return err
		}
		if len(primary)+len(override) > 0 {
			candidates = append(candidates, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load configuration %s: %w", dir, err)
	}
	if len(candidates) == 0 {
		return nil, fmt.Errorf("load configuration %s: no .tf or .tf.json files under the directory", dir)
	}
	// A directory called as a local module by another directory of the
	// tree is checked through its callers, not as a root of its own.
	called := map[string]bool{}
	for _, c := range candidates {
		mod, diags := l.parseModule(c)
		if diags.HasErrors() {
			return nil, l.diagError(diags)
		}
		self, _ := filepath.Abs(c)
		for _, call := range mod.calls {
			if isLocalSource(call.source) {
				abs, _ := filepath.Abs(filepath.Join(c, filepath.FromSlash(call.source)))
				if abs != self {
					called[abs] = true
				}
			}
		}
	}
	var roots []string
	for _, c := range candidates {
		abs, _ := filepath.Abs(c)
		if !called[abs] {
			roots = append(roots, c)
		}
	}
	if len(roots) == 0 {
		roots = candidates
	}
	return roots, nil
}

// loadRoot evaluates one root module.
func (l *loader) loadRoot(root string) (*plan.Document, error) {
	e := &rootEval{l: l, root: root, seen: map[string]bool{}, vocab: map[string]bool{}}
	var err error
	if e.manifest, err = readManifest(root); err != nil {
		return nil, err
	}
	tree, diags := e.buildTree(root)
	if diags.HasErrors() {
		return nil, l.diagError(diags)
	}
	// Functions: Terraform's, plus a stub returning unknown for every
	// unknown function called somewhere in the tree.
	e.funcs = map[string]function.Function{}
	for name, f := range funcs.Table(root) {
		e.funcs[name] = f
	}
	var mods []*tfModule
	seenMod := map[*tfModule]bool{}
	var walk func(n *moduleNode)
	walk = func(n *moduleNode) {
		if n == nil {
			return
		}
		if !seenMod[n.mod] {
			seenMod[n.mod] = true
			mods = append(mods, n.mod)
		}
		names := make([]string, 0, len(n.children))
		for name := range n.children {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			walk(n.children[name])
		}
	}
	walk(tree)
	for _, m := range mods {
		for name := range m.unknownFuncs {
			if _, ok := e.funcs[name]; !ok {
				e.funcs[name] = unknownFunction
			}
		}
		for name := range m.vocab {
			e.vocab[name] = true
		}
		for _, n := range m.notices {
			e.addNotice(n)
		}
	}

	e.rootVars, diags = e.rootVariables(tree.mod, l.opts)
	if diags.HasErrors() {
		return nil, l.diagError(diags)
	}
	rootInst := newModInst(e, tree, nil, nil, "", "", nil)
	doc := &plan.Document{
		Source:    plan.Source{Kind: plan.KindConfig, Path: root},
		Resources: []plan.Resource{},
		Notices:   []plan.Notice{},
	}
	e.collect(rootInst, doc)
	if e.fatal.HasErrors() {
		return nil, l.diagError(e.fatal)
	}
	sort.SliceStable(doc.Resources, func(i, j int) bool { return doc.Resources[i].Address < doc.Resources[j].Address })
	plan.FinishReferences(doc, func(addr, path string) bool { return e.dependent[addr][path] })
	doc.Notices = append(doc.Notices, e.notices...)
	sort.SliceStable(doc.Notices, func(i, j int) bool {
		a, b := doc.Notices[i], doc.Notices[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Resource < b.Resource
	})
	return doc, nil
}

// unknownFunction stands in for functions neither Terraform nor tfgate
// knows (provider-defined functions, typos): any arguments, unknown result.
var unknownFunction = function.New(&function.Spec{
	VarParam: &function.Parameter{
		Name:             "args",
		Type:             cty.DynamicPseudoType,
		AllowNull:        true,
		AllowUnknown:     true,
		AllowDynamicType: true,
		AllowMarked:      true,
	},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
		return cty.DynamicVal, nil
	},
})

// collect evaluates every resource and module call of an instance (in
// source order) and appends the resource instances to doc.
func (e *rootEval) collect(mi *modInst, doc *plan.Document) {
	for _, r := range mi.mod.resources {
		rs := mi.evalResource(r.key())
		if rs == nil || rs.state != 2 {
			continue
		}
		for _, inst := range rs.insts {
			doc.Resources = append(doc.Resources, mi.document(r, inst))
		}
	}
	for _, c := range mi.mod.calls {
		cs := mi.expandCall(c.name)
		if cs == nil {
			continue
		}
		for _, child := range cs.insts {
			e.collect(child, doc)
		}
	}
}

// document builds the policy input entry of one resource instance.
func (mi *modInst) document(r *tfResource, inst *resInst) plan.Resource {
	after := plan.CtyToJSON(inst.obj)
	unknown := unknownMirror(inst.obj)
	if _, ok := unknown.(map[string]any); !ok {
		unknown = map[string]any{}
	}
	afterMap, _ := after.(map[string]any)
	if afterMap == nil && inst.obj.IsKnown() {
		afterMap = map[string]any{}
		after = afterMap
	}
	actions := []string{"create"}
	if r.mode == "data" {
		actions = []string{"read"}
	}
	change := plan.Change{Actions: actions, Kind: plan.ChangeKindOf(actions)}
	name, src := plan.NormalizeProviderName(mi.providerSource(r.provName))
	prov := plan.Provider{
		Name:      name,
		Source:    src,
		Alias:     inst.prov.alias,
		ConfigKey: inst.prov.key,
	}
	if inst.prov.region.IsKnown() && !inst.prov.region.IsNull() {
		prov.Region = plan.CtyToJSON(inst.prov.region)
	}
	if dt, ok := plan.CtyToJSON(inst.prov.defaultTags).(map[string]any); ok {
		prov.DefaultTags = dt
	}
	res := plan.Resource{
		Address:    inst.addr,
		Module:     mi.addr,
		Mode:       r.mode,
		Type:       r.typ,
		Name:       r.name,
		Index:      inst.index,
		Provider:   prov,
		Change:     change,
		Before:     nil,
		After:      after,
		Unknown:    unknown,
		References: inst.refs,
		Location:   resourceLocation(r),
	}
	if len(inst.dep) > 0 {
		if mi.e.dependent == nil {
			mi.e.dependent = map[string]map[string]bool{}
		}
		mi.e.dependent[inst.addr] = inst.dep
	}
	unknownMap, _ := unknown.(map[string]any)
	res.Region = plan.EffectiveRegion(prov.Name, afterMap, unknownMap, prov.Region, locationWrites(res.Location))
	res.Tags = plan.ResourceTags(r.typ, afterMap, unknownMap, prov.DefaultTags)
	return res
}

// resourceLocation is the source range of the resource block; for JSON
// files only the block header is known.
func resourceLocation(r *tfResource) *plan.Location {
	if r.syntax != nil {
		return plan.BlockLocation(r.file, r.syntax)
	}
	loc := &plan.Location{File: r.file, StartLine: r.defRange.Start.Line, EndLine: r.defRange.End.Line, Attributes: map[string]plan.Range{}}
	if attrs, diags := r.body.JustAttributes(); !diags.HasErrors() {
		for name, a := range attrs {
			loc.Attributes[name] = plan.RangeOf(a.Range)
		}
	}
	return loc
}

// locationWrites reports, from a resource block's source ranges, whether
// the block sets a top-level attribute.
func locationWrites(loc *plan.Location) func(string) bool {
	if loc == nil {
		return nil
	}
	return func(name string) bool {
		_, ok := loc.Attributes[name]
		return ok
	}
}

// unknownMirror is Terraform's after_unknown for v: true at unknown
// paths; known values omitted from objects, false in lists.
func unknownMirror(v cty.Value) any {
	v, _ = v.Unmark()
	switch {
	case v == cty.NilVal || v.IsNull():
		return false
	case !v.IsKnown():
		return true
	}
	ty := v.Type()
	switch {
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, unknownMirror(e))
		}
		return out
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if u := unknownMirror(e); u != false {
				out[k.AsString()] = u
			}
		}
		return out
	}
	return false
}
