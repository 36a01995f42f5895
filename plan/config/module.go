package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tfgate/tfgate/plan"
)

// This file reads one module directory into its static model (tfModule) and
// resolves module calls into a tree of directories, before any evaluation.

// maxModuleDepth bounds module nesting; deeper trees are almost certainly a
// recursion through differently spelled paths.
const maxModuleDepth = 32

// maxModuleNodes bounds the static module tree (calls of calls).
const maxModuleNodes = 2000

// tfModule is the static content of one module directory.
type tfModule struct {
	dir   string // as given, used for file names and path.module
	files []string

	variables map[string]*tfVariable
	locals    map[string]*tfLocal
	outputs   map[string]*tfOutput
	resources []*tfResource // source order
	resByKey  map[string]*tfResource
	calls     []*tfModuleCall // source order
	callByKey map[string]*tfModuleCall
	providers map[string]*tfProviderBlock // "aws", "aws.east"
	// requiredProviders maps a provider local name to its source address
	// ("hashicorp/aws").
	requiredProviders map[string]string

	// unknownFuncs are the names of functions called in this module that
	// neither Terraform nor tfgate knows; each call site got one notice.
	unknownFuncs map[string]bool
	notices      []plan.Notice
	diags        hcl.Diagnostics // parse diagnostics, returned again on every cache hit
	// vocab holds every attribute name used in a traversal anywhere in the
	// module (see loader.vocab).
	vocab map[string]bool
}

type tfVariable struct {
	name      string
	typ       cty.Type
	defaults  *typeexpr.Defaults
	parseHCL  bool      // -var values are HCL expressions (non-primitive type)
	def       cty.Value // cty.NilVal when the variable has no default
	sensitive bool
	nullable  bool
	rng       hcl.Range
}

type tfLocal struct {
	name string
	expr hcl.Expression
	rng  hcl.Range
}

type tfOutput struct {
	name      string
	expr      hcl.Expression
	sensitive bool
	rng       hcl.Range
}

type tfResource struct {
	mode     string // managed | data
	typ      string
	name     string
	count    hcl.Expression // nil when absent
	forEach  hcl.Expression // nil when absent
	provName string         // provider local name
	provAl   string         // provider alias
	body     hcl.Body
	syntax   *hclsyntax.Block // nil for .tf.json
	file     string
	rng      hcl.Range // the whole block (DefRange for JSON)
	defRange hcl.Range
}

func (r *tfResource) key() string {
	if r.mode == "data" {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

type tfModuleCall struct {
	name      string
	source    string
	count     hcl.Expression
	forEach   hcl.Expression
	providers []providerPass
	inputs    map[string]hcl.Expression
	rng       hcl.Range
	file      string
}

// providerPass is one item of a module call's providers = {...} map: the
// child's configuration key receives the parent's.
type providerPass struct {
	childName, childAlias   string
	parentName, parentAlias string
}

type tfProviderBlock struct {
	name, alias string
	body        hcl.Body
	rng         hcl.Range
}

var topSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "terraform"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
	},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"}, {Name: "default"}, {Name: "description"},
		{Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "value"}, {Name: "description"}, {Name: "sensitive"},
		{Name: "depends_on"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}},
}

// resourceMetaAttrs and resourceMetaBlocks are meta-arguments, never part of
// a resource's value.
var resourceMetaAttrs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}
var resourceMetaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

var moduleMetaAttrs = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

var terraformSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "required_providers"}},
}

// isConfigFile reports whether name is a Terraform configuration file, and
// whether it is an override file.
func isConfigFile(name string) (ok, override bool) {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") {
		return false, false
	}
	var base string
	switch {
	case strings.HasSuffix(name, ".tf.json"):
		base = strings.TrimSuffix(name, ".tf.json")
	case strings.HasSuffix(name, ".tf"):
		base = strings.TrimSuffix(name, ".tf")
	default:
		return false, false
	}
	return true, base == "override" || strings.HasSuffix(base, "_override")
}

// configFiles lists the configuration files of dir: primary files, then
// override files, each in lexical order (Terraform's order).
func configFiles(dir string) (primary, override []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		ok, ovr := isConfigFile(e.Name())
		if !ok {
			continue
		}
		if !e.Type().IsRegular() {
			// Follow symlinks to regular files only.
			fi, err := os.Stat(filepath.Join(dir, e.Name()))
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
		}
		if ovr {
			override = append(override, e.Name())
		} else {
			primary = append(primary, e.Name())
		}
	}
	sort.Strings(primary)
	sort.Strings(override)
	return primary, override, nil
}

// parseModule reads the module in dir (cached per directory). Syntax and
// structural errors are returned as diagnostics.
func (l *loader) parseModule(dir string) (*tfModule, hcl.Diagnostics) {
	key := filepath.Clean(dir)
	if m, ok := l.modules[key]; ok {
		return m, m.diags
	}
	primary, override, err := configFiles(dir)
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read module directory",
			Detail:   fmt.Sprintf("Reading %s: %s.", dir, err),
		}}
	}
	m := &tfModule{
		dir:               dir,
		variables:         map[string]*tfVariable{},
		locals:            map[string]*tfLocal{},
		outputs:           map[string]*tfOutput{},
		resByKey:          map[string]*tfResource{},
		callByKey:         map[string]*tfModuleCall{},
		providers:         map[string]*tfProviderBlock{},
		requiredProviders: map[string]string{},
		unknownFuncs:      map[string]bool{},
		vocab:             map[string]bool{},
	}
	l.modules[key] = m
	var diags hcl.Diagnostics
	for i, names := range [][]string{primary, override} {
		for _, name := range names {
			path := filepath.Join(dir, name)
			m.files = append(m.files, path)
			f, d := l.parseFile(path)
			diags = append(diags, d...)
			if f == nil {
				continue
			}
			diags = append(diags, m.addFile(path, f, i == 1)...)
		}
	}
	m.diags = diags
	if diags.HasErrors() {
		return m, diags
	}
	l.scanModule(m)
	return m, diags
}

func (l *loader) parseFile(path string) (*hcl.File, hcl.Diagnostics) {
	if info, err := os.Stat(path); err == nil && info.Size() > l.opts.Limits.FileSize {
		return nil, l.overLimit(plan.SizeError(path, "file-size", info.Size(), l.opts.Limits.FileSize), nil)
	}
	if strings.HasSuffix(path, ".json") {
		return l.parser.ParseJSONFile(path)
	}
	return l.parser.ParseHCLFile(path)
}

// addFile merges one parsed file into m. Override files replace the
// arguments (and nested blocks, by type) of blocks declared elsewhere.
func (m *tfModule) addFile(path string, f *hcl.File, override bool) hcl.Diagnostics {
	content, _, diags := f.Body.PartialContent(topSchema)
	syntaxBlocks := map[hcl.Body]*hclsyntax.Block{}
	if sb, ok := f.Body.(*hclsyntax.Body); ok {
		for _, b := range sb.Blocks {
			syntaxBlocks[b.Body] = b
		}
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "terraform":
			diags = append(diags, m.addTerraform(b)...)
		case "variable":
			diags = append(diags, m.addVariable(b, override)...)
		case "locals":
			attrs, d := b.Body.JustAttributes()
			diags = append(diags, d...)
			for _, a := range sortedAttrs(attrs) {
				if prev, ok := m.locals[a.Name]; ok && !override {
					diags = append(diags, duplicate("local value", a.Name, prev.rng, a.NameRange))
					continue
				}
				m.locals[a.Name] = &tfLocal{name: a.Name, expr: a.Expr, rng: a.Range}
			}
		case "output":
			diags = append(diags, m.addOutput(b, override)...)
		case "provider":
			diags = append(diags, m.addProvider(b, override)...)
		case "resource", "data":
			diags = append(diags, m.addResource(path, b, syntaxBlocks[b.Body], override)...)
		case "module":
			diags = append(diags, m.addCall(path, b, override)...)
		}
	}
	return diags
}

func duplicate(what, name string, prev, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Duplicate %s", what),
		Detail:   fmt.Sprintf("A %s named %q was already declared at %s:%d. Names must be unique within a module.", what, name, prev.Filename, prev.Start.Line),
		Subject:  rng.Ptr(),
	}
}

func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Range.Filename != out[j].Range.Filename {
			return out[i].Range.Filename < out[j].Range.Filename
		}
		return out[i].Range.Start.Byte < out[j].Range.Start.Byte
	})
	return out
}

func (m *tfModule) addTerraform(b *hcl.Block) hcl.Diagnostics {
	content, _, diags := b.Body.PartialContent(terraformSchema)
	for _, rp := range content.Blocks {
		attrs, d := rp.Body.JustAttributes()
		diags = append(diags, d...)
		for name, a := range attrs {
			v, vd := a.Expr.Value(nil)
			if vd.HasErrors() || !v.IsWhollyKnown() || v.IsNull() {
				continue
			}
			var src cty.Value
			switch ty := v.Type(); {
			case ty.IsObjectType() && ty.HasAttribute("source"):
				src = v.GetAttr("source")
			case ty.IsMapType() && v.HasIndex(cty.StringVal("source")).True():
				src = v.Index(cty.StringVal("source"))
			default:
				continue
			}
			if src.Type() == cty.String && !src.IsNull() {
				m.requiredProviders[name] = src.AsString()
			}
		}
	}
	return diags
}

func (m *tfModule) addVariable(b *hcl.Block, override bool) hcl.Diagnostics {
	name := b.Labels[0]
	content, _, diags := b.Body.PartialContent(variableSchema)
	v := m.variables[name]
	if v == nil {
		v = &tfVariable{name: name, typ: cty.DynamicPseudoType, nullable: true, rng: b.DefRange, def: cty.NilVal}
		m.variables[name] = v
	} else if !override {
		return append(diags, duplicate("variable", name, v.rng, b.DefRange))
	}
	if a, ok := content.Attributes["type"]; ok {
		// Terraform accepts the bare keywords list, map and set as
		// shorthands for list(any), map(any) and set(any).
		switch hcl.ExprAsKeyword(a.Expr) {
		case "list":
			v.typ, v.parseHCL = cty.List(cty.DynamicPseudoType), true
		case "map":
			v.typ, v.parseHCL = cty.Map(cty.DynamicPseudoType), true
		case "set":
			v.typ, v.parseHCL = cty.Set(cty.DynamicPseudoType), true
		default:
			ty, defs, d := typeexpr.TypeConstraintWithDefaults(a.Expr)
			diags = append(diags, d...)
			if !d.HasErrors() {
				v.typ, v.defaults = ty, defs
				v.parseHCL = !ty.IsPrimitiveType()
			}
		}
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		v.sensitive = boolValue(val)
	}
	if a, ok := content.Attributes["nullable"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if val.Type() == cty.Bool && val.IsKnown() && !val.IsNull() {
			v.nullable = val.True()
		}
	}
	if a, ok := content.Attributes["default"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if !d.HasErrors() {
			v.def = val
		}
	}
	if v.def != cty.NilVal && !v.def.IsNull() {
		if v.defaults != nil {
			v.def = v.defaults.Apply(v.def)
		}
		conv, err := convert.Convert(v.def, v.typ)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid default value for variable",
				Detail:   fmt.Sprintf("This default value is not compatible with the variable's type constraint: %s.", err),
				Subject:  b.DefRange.Ptr(),
			})
		} else {
			v.def = conv
		}
	}
	return diags
}

func boolValue(v cty.Value) bool {
	if v.IsNull() || !v.IsKnown() {
		return false
	}
	v, err := convert.Convert(v, cty.Bool)
	if err != nil || v.IsNull() {
		return false
	}
	return v.True()
}

func (m *tfModule) addOutput(b *hcl.Block, override bool) hcl.Diagnostics {
	name := b.Labels[0]
	content, _, diags := b.Body.PartialContent(outputSchema)
	o := m.outputs[name]
	if o == nil {
		o = &tfOutput{name: name, rng: b.DefRange}
		m.outputs[name] = o
	} else if !override {
		return append(diags, duplicate("output", name, o.rng, b.DefRange))
	}
	if a, ok := content.Attributes["value"]; ok {
		o.expr = a.Expr
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		o.sensitive = boolValue(val)
	}
	return diags
}

func (m *tfModule) addProvider(b *hcl.Block, override bool) hcl.Diagnostics {
	p := &tfProviderBlock{name: b.Labels[0], body: b.Body, rng: b.DefRange}
	var diags hcl.Diagnostics
	content, _, d := b.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "alias"}}})
	diags = append(diags, d...)
	if a, ok := content.Attributes["alias"]; ok {
		val, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if val.Type() == cty.String && val.IsKnown() && !val.IsNull() {
			p.alias = val.AsString()
		}
	}
	key := providerKey(p.name, p.alias)
	if prev, ok := m.providers[key]; ok {
		if !override {
			return append(diags, duplicate("provider configuration", key, prev.rng, b.DefRange))
		}
		p.body = mergeBodies(prev.body, b.Body)
		p.rng = prev.rng
	}
	m.providers[key] = p
	return diags
}

func providerKey(name, alias string) string {
	if alias == "" {
		return name
	}
	return name + "." + alias
}

// parseProviderRef reads `aws` or `aws.east` from a traversal expression.
func parseProviderRef(expr hcl.Expression) (name, alias string, diags hcl.Diagnostics) {
	trav, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() {
		return "", "", diags
	}
	name = trav.RootName()
	switch len(trav) {
	case 1:
	case 2:
		if a, ok := trav[1].(hcl.TraverseAttr); ok {
			alias = a.Name
			break
		}
		fallthrough
	default:
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid provider reference",
			Detail:   "A provider reference is a provider name, optionally followed by a period and an alias (aws.east).",
			Subject:  expr.Range().Ptr(),
		})
	}
	return name, alias, diags
}

func (m *tfModule) addResource(path string, b *hcl.Block, syntax *hclsyntax.Block, override bool) hcl.Diagnostics {
	mode := "managed"
	if b.Type == "data" {
		mode = "data"
	}
	r := &tfResource{
		mode: mode, typ: b.Labels[0], name: b.Labels[1],
		body: b.Body, syntax: syntax, file: path, defRange: b.DefRange, rng: b.DefRange,
	}
	if syntax != nil {
		r.rng = syntax.Range()
	}
	var diags hcl.Diagnostics
	if !hclsyntax.ValidIdentifier(r.name) {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid resource name",
			Detail:   "A name must start with a letter or underscore and may contain only letters, digits, underscores, and dashes.",
			Subject:  b.LabelRanges[1].Ptr(),
		})
	}
	if prev, ok := m.resByKey[r.key()]; ok {
		if !override {
			return append(diags, duplicate(b.Type+" block", r.key(), prev.defRange, b.DefRange))
		}
		prev.body = mergeBodies(prev.body, b.Body)
		r = prev
	} else if override {
		// An override block with no primary is ignored by Terraform (error);
		// keep it out.
		return diags
	} else {
		m.resByKey[r.key()] = r
		m.resources = append(m.resources, r)
	}
	meta, _, d := r.body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "count"}, {Name: "for_each"}, {Name: "provider"},
	}})
	diags = append(diags, d...)
	if a, ok := meta.Attributes["count"]; ok {
		r.count = a.Expr
	}
	if a, ok := meta.Attributes["for_each"]; ok {
		r.forEach = a.Expr
	}
	if r.count != nil && r.forEach != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  `Invalid combination of "count" and "for_each"`,
			Detail:   `The "count" and "for_each" meta-arguments are mutually-exclusive, only one should be used.`,
			Subject:  r.forEach.Range().Ptr(),
		})
	}
	r.provName = providerLocalName(r.typ)
	if a, ok := meta.Attributes["provider"]; ok {
		name, alias, d := parseProviderRef(a.Expr)
		diags = append(diags, d...)
		if !d.HasErrors() {
			r.provName, r.provAl = name, alias
		}
	}
	return diags
}

// providerLocalName is the implied provider of a resource type: the part
// before the first underscore.
func providerLocalName(typ string) string {
	if i := strings.IndexByte(typ, '_'); i > 0 {
		return typ[:i]
	}
	return typ
}

func (m *tfModule) addCall(path string, b *hcl.Block, override bool) hcl.Diagnostics {
	name := b.Labels[0]
	c := m.callByKey[name]
	if c == nil {
		c = &tfModuleCall{name: name, inputs: map[string]hcl.Expression{}, rng: b.DefRange, file: path}
		m.callByKey[name] = c
		m.calls = append(m.calls, c)
	} else if !override {
		return hcl.Diagnostics{duplicate("module call", name, c.rng, b.DefRange)}
	}
	attrs, diags := justAttributes(b.Body)
	for _, a := range attrs {
		switch a.Name {
		case "source":
			v, d := a.Expr.Value(nil)
			diags = append(diags, d...)
			if v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
				c.source = v.AsString()
			} else if !d.HasErrors() {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError, Summary: "Invalid module source",
					Detail: "The module source must be a literal string.", Subject: a.Expr.Range().Ptr(),
				})
			}
		case "count":
			c.count = a.Expr
		case "for_each":
			c.forEach = a.Expr
		case "providers":
			pairs, d := hcl.ExprMap(a.Expr)
			diags = append(diags, d...)
			for _, p := range pairs {
				cn, ca, d1 := parseProviderRef(p.Key)
				pn, pa, d2 := parseProviderRef(p.Value)
				diags = append(diags, d1...)
				diags = append(diags, d2...)
				if !d1.HasErrors() && !d2.HasErrors() {
					c.providers = append(c.providers, providerPass{cn, ca, pn, pa})
				}
			}
		default:
			if !moduleMetaAttrs[a.Name] {
				c.inputs[a.Name] = a.Expr
			}
		}
	}
	if c.source == "" && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError, Summary: "Missing required argument",
			Detail: `The argument "source" is required in a module block.`, Subject: b.DefRange.Ptr(),
		})
	}
	return diags
}

// justAttributes returns the attributes of a body that may also contain
// blocks (which are ignored), in source order.
func justAttributes(body hcl.Body) ([]*hcl.Attribute, hcl.Diagnostics) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		attrs := make(hcl.Attributes, len(sb.Attributes))
		for name, a := range sb.Attributes {
			attrs[name] = a.AsHCLAttribute()
		}
		return sortedAttrs(attrs), nil
	}
	attrs, diags := body.JustAttributes()
	return sortedAttrs(attrs), diags
}

// mergeBodies applies an override body: its arguments replace the base's,
// and its nested blocks replace all base blocks of the same type. Only
// native-syntax bodies are merged; otherwise the override wins whole.
func mergeBodies(base, over hcl.Body) hcl.Body {
	b, ok1 := base.(*hclsyntax.Body)
	o, ok2 := over.(*hclsyntax.Body)
	if !ok1 || !ok2 {
		return over
	}
	merged := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, SrcRange: b.SrcRange, EndRange: b.EndRange}
	for k, v := range b.Attributes {
		merged.Attributes[k] = v
	}
	for k, v := range o.Attributes {
		merged.Attributes[k] = v
	}
	replaced := map[string]bool{}
	for _, blk := range o.Blocks {
		replaced[blockTypeName(blk)] = true
	}
	for _, blk := range b.Blocks {
		if !replaced[blockTypeName(blk)] {
			merged.Blocks = append(merged.Blocks, blk)
		}
	}
	merged.Blocks = append(merged.Blocks, o.Blocks...)
	return merged
}

func blockTypeName(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}

// scanModule pre-scans every native-syntax expression of m: function calls
// to unknown functions get a notice and a stub, and attribute names used in
// traversals join the vocabulary.
func (l *loader) scanModule(m *tfModule) {
	known := l.functionNames()
	for _, path := range m.files {
		f := l.parser.Files()[path]
		if f == nil {
			continue
		}
		body, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			l.scanJSON(m, f.Body)
			continue
		}
		visit := func(n hclsyntax.Node) hcl.Diagnostics {
			switch e := n.(type) {
			case *hclsyntax.FunctionCallExpr:
				if _, ok := known[e.Name]; !ok {
					m.unknownFuncs[e.Name] = true
					m.notices = append(m.notices, plan.Notice{
						Code:    "unknown-function",
						Message: fmt.Sprintf("call to unknown function %q; its result is treated as unknown", e.Name),
						File:    e.NameRange.Filename,
						Line:    e.NameRange.Start.Line,
					})
				}
			case *hclsyntax.ScopeTraversalExpr:
				addVocab(m.vocab, e.Traversal)
			case *hclsyntax.RelativeTraversalExpr:
				addVocab(m.vocab, e.Traversal)
			case *hclsyntax.IndexExpr:
				if lit, ok := e.Key.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
					m.vocab[lit.Val.AsString()] = true
				}
				if tmpl, ok := e.Key.(*hclsyntax.TemplateExpr); ok && tmpl.IsStringLiteral() {
					if v, d := tmpl.Value(nil); !d.HasErrors() {
						m.vocab[v.AsString()] = true
					}
				}
			}
			return nil
		}
		// Only expressions tfgate evaluates: not type constraints
		// (variable "x" { type = map(string) } looks like calls), nor
		// validations, conditions, provisioners, checks or imports.
		for _, b := range body.Blocks {
			switch b.Type {
			case "variable":
				if a, ok := b.Body.Attributes["default"]; ok {
					hclsyntax.VisitAll(a, visit)
				}
			case "output":
				if a, ok := b.Body.Attributes["value"]; ok {
					hclsyntax.VisitAll(a, visit)
				}
			case "locals", "module", "provider":
				hclsyntax.VisitAll(b, visit)
			case "resource", "data":
				for _, a := range b.Body.Attributes {
					hclsyntax.VisitAll(a, visit)
				}
				for _, nb := range b.Body.Blocks {
					if !resourceMetaBlocks[nb.Type] {
						hclsyntax.VisitAll(nb, visit)
					}
				}
			}
		}
	}
}

// scanJSON adds the traversals of a JSON file to the vocabulary (JSON
// expressions cannot be walked before evaluation).
func (l *loader) scanJSON(m *tfModule, body hcl.Body) {
	content, _, _ := body.PartialContent(topSchema)
	for _, blk := range content.Blocks {
		// Without a schema every JSON property reads as an attribute, and
		// Variables of an object expression covers everything inside it.
		attrs, _ := blk.Body.JustAttributes()
		for _, a := range attrs {
			for _, t := range a.Expr.Variables() {
				addVocab(m.vocab, t)
			}
		}
	}
}

func addVocab(into map[string]bool, t hcl.Traversal) {
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseAttr:
			into[s.Name] = true
		case hcl.TraverseIndex:
			if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
				into[s.Key.AsString()] = true
			}
		}
	}
}

// moduleNode is one module call resolved to a directory (static tree; the
// same directory may appear under several calls).
type moduleNode struct {
	mod      *tfModule
	path     []string // call names from the root
	children map[string]*moduleNode
}

func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

// manifestEntry is one module of .terraform/modules/modules.json.
type manifestEntry struct {
	Key    string `json:"Key"`
	Source string `json:"Source"`
	Dir    string `json:"Dir"`
}

// readManifest reads the installed-modules manifest of a root directory;
// a missing manifest is not an error.
func readManifest(root string) (map[string]string, error) {
	data, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	var doc struct {
		Modules []manifestEntry `json:"Modules"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read module manifest %s: %w", filepath.Join(root, ".terraform", "modules", "modules.json"), err)
	}
	out := map[string]string{}
	for _, e := range doc.Modules {
		if e.Key == "" || e.Dir == "" {
			continue
		}
		dir := filepath.FromSlash(e.Dir)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(root, dir)
		}
		out[e.Key] = dir
	}
	return out, nil
}

// buildTree parses the root module and every module it calls, resolving
// sources. Remote modules that are not installed get one notice per call.
func (e *rootEval) buildTree(root string) (*moduleNode, hcl.Diagnostics) {
	mod, diags := e.l.parseModule(root)
	if diags.HasErrors() {
		return nil, diags
	}
	node := &moduleNode{mod: mod, children: map[string]*moduleNode{}}
	abs, _ := filepath.Abs(root)
	d := e.buildChildren(node, []string{abs})
	return node, append(diags, d...)
}

func (e *rootEval) buildChildren(n *moduleNode, chain []string) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, c := range n.mod.calls {
		path := append(append([]string(nil), n.path...), c.name)
		var dir string
		switch {
		case isLocalSource(c.source):
			dir = filepath.Join(n.mod.dir, filepath.FromSlash(c.source))
		default:
			if d, ok := e.manifest[strings.Join(path, ".")]; ok {
				dir = d
			}
		}
		if dir == "" {
			e.addNotice(plan.Notice{
				Code:    "remote-module-not-installed",
				Message: fmt.Sprintf("module %q (source %q) is not installed: its resources are not checked; run `terraform init` first", c.name, c.source),
				File:    c.rng.Filename,
				Line:    c.rng.Start.Line,
			})
			n.children[c.name] = nil
			continue
		}
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			e.addNotice(plan.Notice{
				Code:    "module-not-found",
				Message: fmt.Sprintf("module %q: source directory %s does not exist: its resources are not checked", c.name, dir),
				File:    c.rng.Filename,
				Line:    c.rng.Start.Line,
			})
			n.children[c.name] = nil
			continue
		}
		abs, _ := filepath.Abs(dir)
		for _, prev := range chain {
			if prev == abs {
				return append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Module recursion",
					Detail:   fmt.Sprintf("Module %q calls %s, which is already being evaluated higher up the call chain (module.%s). A module cannot call itself.", c.name, dir, strings.Join(path, ".module.")),
					Subject:  c.rng.Ptr(),
				})
			}
		}
		if len(path) > maxModuleDepth {
			return append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Module nesting too deep",
				Detail:   fmt.Sprintf("Modules are nested more than %d levels deep.", maxModuleDepth),
				Subject:  c.rng.Ptr(),
			})
		}
		if e.nodes++; e.nodes > maxModuleNodes {
			return append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Too many module calls",
				Detail:   fmt.Sprintf("The module tree has more than %d module calls.", maxModuleNodes),
				Subject:  c.rng.Ptr(),
			})
		}
		mod, d := e.l.parseModule(dir)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		child := &moduleNode{mod: mod, path: path, children: map[string]*moduleNode{}}
		n.children[c.name] = child
		diags = append(diags, e.buildChildren(child, append(chain, abs))...)
		if diags.HasErrors() {
			return diags
		}
	}
	return diags
}
