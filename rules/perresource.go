package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tfgate/tfgate/plan"
)

// resourceSchemaRef names the schema of one document resource: the input
// of per-resource policies, which are type-checked against it.
var resourceSchemaRef = ast.MustParseRef("schema.tfgate.resource")

// perResource is a policy in the per-resource style: a package that names
// its resource types and defines `allow` or `result` (false: a finding)
// over one resource as input, with an optional `message`.
type perResource struct {
	rule     string // id in the catalogue
	pkg      ast.Ref
	decision string // "allow" or "result"
	message  bool
	types    []string // nil: every type
	// reads are the input paths the package reads (["after", "egress"]);
	// an empty path is the whole resource. A false verdict on a resource
	// where one of them is known only after apply is indeterminate.
	reads [][]string
	query rego.PreparedEvalQuery
	// single evaluates the policy on one resource: used only to find the
	// resource an evaluation error comes from.
	single rego.PreparedEvalQuery
}

// packageInfo is what one package defines over its (non-test) files.
type packageInfo struct {
	path     ast.Ref
	files    []string // sorted
	rules    map[string]bool
	defaults map[string]bool
	ann      *ast.Annotations // package-scoped METADATA, if any
	annFile  string
	builtin  bool
}

func (p *packageInfo) line() (string, int) {
	if p.ann != nil && p.ann.Location != nil {
		return p.annFile, p.ann.Location.Row
	}
	return p.files[0], 0
}

// packagesOf groups modules by package.
func packagesOf(modules map[string]*ast.Module) map[string]*packageInfo {
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	sort.Strings(names)
	out := map[string]*packageInfo{}
	for _, file := range names {
		m := modules[file]
		key := m.Package.Path.String()
		p := out[key]
		if p == nil {
			p = &packageInfo{path: m.Package.Path, rules: map[string]bool{}, defaults: map[string]bool{}, builtin: strings.HasPrefix(file, libraryPrefix)}
			out[key] = p
		}
		p.files = append(p.files, file)
		if a := packageAnnotation(m); a != nil && p.ann == nil {
			p.ann, p.annFile = a, file
		}
		for _, r := range m.Rules {
			name := ruleName(r)
			p.rules[name] = true
			if r.Default {
				p.defaults[name] = true
			}
		}
	}
	for _, p := range out {
		if p.ann == nil {
			if m := modules[p.files[0]]; m.Package.Location != nil {
				p.annFile = p.files[0]
			}
		}
	}
	return out
}

func ruleName(r *ast.Rule) string {
	ref := r.Head.Ref()
	if len(ref) == 0 {
		return ""
	}
	switch v := ref[0].Value.(type) {
	case ast.Var:
		return string(v)
	case ast.String:
		return string(v)
	}
	return ref[0].String()
}

// pkgLine is the file and line naming a package in messages.
func pkgLine(modules map[string]*ast.Module, p *packageInfo) (string, int) {
	if p.ann != nil && p.ann.Location != nil {
		return p.annFile, p.ann.Location.Row
	}
	m := modules[p.files[0]]
	if m.Package.Location != nil {
		return p.files[0], m.Package.Location.Row
	}
	return p.files[0], 0
}

// classifyDocumentPackages finds the per-resource packages among the
// library and the document directories, and refuses packages that look
// like policies but would never run: a deny set outside tfgate.rules (a
// conftest policy in a document directory), an allow without default.
//
// Problems are returned as lines, not an error: the caller reports them
// after the compiler's (a syntax or type error is the first thing to fix).
func classifyDocumentPackages(modules map[string]*ast.Module) (map[string]*packageInfo, []string) {
	pkgs := packagesOf(modules)
	per := map[string]*packageInfo{}
	var errs []string
	keys := make([]string, 0, len(pkgs))
	for k := range pkgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		p := pkgs[key]
		if p.builtin || strings.HasPrefix(key, "data.tfgate.lib") || strings.HasPrefix(key, "data.tfgate.main") || strings.HasPrefix(key, "data.tfgate.test") {
			continue
		}
		file, line := pkgLine(modules, p)
		name := strings.TrimPrefix(key, "data.")
		rulePkg := strings.HasPrefix(key, "data.tfgate.rules.")
		decision := ""
		if p.rules["allow"] {
			decision = "allow"
		} else if p.rules["result"] {
			decision = "result"
		}
		hasDeny := p.rules["deny"] || p.rules["unknown"]
		if decision == "" || (rulePkg && hasDeny) {
			if !rulePkg && (hasDeny || p.rules["violation"] || p.rules["warn"]) {
				errs = append(errs, fmt.Sprintf("%s:%d: package %s defines deny/violation/warn but is not a tfgate rule package (tfgate.rules.<cloud>.<family>.<name>), so it would never run: if it is a conftest or HCP Terraform policy over the plan JSON, load its directory with --policy-input plan-json or hcp-terraform (`input:` in .tfgate.yaml); if it is a per-resource policy, define `default allow := true` and `allow := false if {...}`", file, line, name))
			}
			continue
		}
		if !p.defaults[decision] {
			errs = append(errs, fmt.Sprintf("%s:%d: per-resource policy %s defines %s without a default: add `default %s := true` (a resource is reported when %s is false)", file, line, name, decision, decision, decision))
			continue
		}
		hasTypes := p.rules["resource_types"]
		if p.ann != nil && p.ann.Custom["resource_types"] != nil {
			hasTypes = true
		}
		if !hasTypes {
			errs = append(errs, fmt.Sprintf("%s:%d: per-resource policy %s does not name its resource types: add METADATA custom.resource_types: [aws_security_group] (or a rule `resource_types := {\"aws_security_group\"}`; [\"*\"] for every type)", file, line, name))
			continue
		}
		per[key] = p
	}
	return per, errs
}

// annotateResourceSchema makes the type checker check each per-resource
// package against the schema of one resource (its input), unless the
// package names an input schema itself.
func annotateResourceSchema(modules map[string]*ast.Module, per map[string]*packageInfo) {
	for _, p := range per {
		schema := &ast.SchemaAnnotation{Path: ast.InputRootRef.Copy(), Schema: resourceSchemaRef.Copy()}
		if p.ann == nil {
			m := modules[p.files[0]]
			m.Annotations = append(m.Annotations, (&ast.Annotations{Scope: "package", Schemas: []*ast.SchemaAnnotation{schema}}).Copy(m.Package))
			continue
		}
		own := false
		for _, s := range p.ann.Schemas {
			own = own || s.Path.Equal(ast.InputRootRef)
		}
		if !own {
			p.ann.Schemas = append(p.ann.Schemas, schema)
		}
	}
}

// perResourcePolicies builds the catalogue entries and prepared queries of
// the per-resource packages (compiled with the document modules).
func perResourcePolicies(ctx context.Context, compiler *ast.Compiler, modules map[string]*ast.Module, per map[string]*packageInfo) ([]Rule, []*perResource, []Notice, error) {
	keys := make([]string, 0, len(per))
	for k := range per {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var rs []Rule
	var pols []*perResource
	var notices []Notice
	var errs []string
	for _, key := range keys {
		p := per[key]
		file, line := pkgLine(modules, p)
		ann := p.ann
		if ann == nil {
			ann = &ast.Annotations{}
		}
		r, problem := ruleFromAnnotations(ann, true)
		if problem != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: %s", file, line, strings.TrimPrefix(key, "data."), problem))
			continue
		}
		fillDefaults(&r, key)
		r.Package, r.File, r.Line, r.Style = key, file, line, StylePerResource
		if len(r.ResourceTypes) == 0 {
			types, err := constantTypes(ctx, compiler, p.path)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: per-resource policy %s: %v", file, line, strings.TrimPrefix(key, "data."), err))
				continue
			}
			r.ResourceTypes = types
		}
		r.Provider = providerOf(r.ResourceTypes)
		pol := &perResource{rule: r.ID, pkg: p.path, message: p.rules["message"]}
		pol.decision = "allow"
		if !p.rules["allow"] {
			pol.decision = "result"
		}
		for _, t := range r.ResourceTypes {
			if t == "*" {
				pol.types = nil
				break
			}
			pol.types = append(pol.types, t)
		}
		pol.reads = inputReads(compiler, p.files)
		q, err := rego.New(
			rego.Query(pol.queryText()),
			rego.Compiler(compiler),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: prepare per-resource policy %s: %s", file, line, strings.TrimPrefix(key, "data."), oneLine(err)))
			continue
		}
		pol.query = q
		if pol.single, err = rego.New(
			rego.Query(pol.singleText()),
			rego.Compiler(compiler),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: prepare per-resource policy %s: %s", file, line, strings.TrimPrefix(key, "data."), oneLine(err)))
			continue
		}
		if n, ok := defaultsNotice(&r, strings.TrimPrefix(key, "data.")); ok {
			notices = append(notices, n)
		}
		rs = append(rs, r)
		pols = append(pols, pol)
	}
	if len(errs) > 0 {
		return nil, nil, nil, fmt.Errorf("%s", strings.Join(limit(errs, 5), "\n"))
	}
	return rs, pols, notices, nil
}

// queryText is one query over every matching resource of a document: the
// package's decision is evaluated once per resource `with input as` it,
// and only verdicts other than true come back.
func (p *perResource) queryText() string {
	var b strings.Builder
	b.WriteString("__verdicts := [[r.address, __v, __m] |\n")
	b.WriteString("\tsome r in input.resources\n")
	b.WriteString("\tr.mode == \"managed\"\n")
	if p.types != nil {
		quoted := make([]string, len(p.types))
		for i, t := range p.types {
			quoted[i] = strconv.Quote(t)
		}
		fmt.Fprintf(&b, "\tr.type in {%s}\n", strings.Join(quoted, ", "))
	}
	b.WriteString("\tr.change.kind in {\"create\", \"update\", \"replace\", \"no-op\"}\n")
	fmt.Fprintf(&b, "\t__v := %s with input as r\n", p.pkg.Append(ast.StringTerm(p.decision)))
	b.WriteString("\t__v != true\n")
	if p.message {
		fmt.Fprintf(&b, "\t__m := [__s | __s := %s with input as r]\n", p.pkg.Append(ast.StringTerm("message")))
	} else {
		b.WriteString("\t__m := []\n")
	}
	b.WriteString("]")
	return b.String()
}

// singleText is the query of one resource as input.
func (p *perResource) singleText() string {
	m := "[]"
	if p.message {
		m = fmt.Sprintf("[__s | __s := %s]", p.pkg.Append(ast.StringTerm("message")))
	}
	return fmt.Sprintf("__v := %s; __m := %s", p.pkg.Append(ast.StringTerm(p.decision)), m)
}

// applies reports whether the policy checks resource r.
func (p *perResource) applies(r *plan.Resource) bool {
	if r.Mode != "managed" {
		return false
	}
	switch r.Change.Kind {
	case plan.ChangeCreate, plan.ChangeUpdate, plan.ChangeReplace, plan.ChangeNoOp:
	default:
		return false
	}
	return p.types == nil || slices.Contains(p.types, r.Type)
}

// constantTypes evaluates a package's resource_types rule, which must not
// depend on the input.
func constantTypes(ctx context.Context, compiler *ast.Compiler, pkg ast.Ref) ([]string, error) {
	rs, err := rego.New(
		rego.Query(pkg.Append(ast.StringTerm("resource_types")).String()),
		rego.Compiler(compiler),
		rego.StrictBuiltinErrors(true),
	).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("evaluate resource_types: %s", oneLine(err))
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, fmt.Errorf("resource_types is undefined without input: make it a constant (resource_types := {\"aws_security_group\"}) or use METADATA custom.resource_types")
	}
	var out []string
	switch v := rs[0].Expressions[0].Value.(type) {
	case string:
		out = []string{v}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("resource_types holds %v, not a resource type name", e)
			}
			out = append(out, s)
		}
	default:
		return nil, fmt.Errorf("resource_types is %T, want a set or array of type names", v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("resource_types is empty: name the types the policy applies to ([\"*\"] for every type)")
	}
	sort.Strings(out)
	return out, nil
}

// providerOf is the provider of a list of resource types when they share
// one (aws_s3_bucket -> aws), else "".
func providerOf(types []string) string {
	p := ""
	for _, t := range types {
		pre, _, ok := strings.Cut(t, "_")
		if !ok || (p != "" && pre != p) {
			return ""
		}
		p = pre
	}
	return p
}

// inputReads lists the input paths the rules of a package's files read:
// the ground prefix of every input reference (input.after.egress[_] ->
// ["after", "egress"]), each once.
func inputReads(compiler *ast.Compiler, files []string) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for _, f := range files {
		m := compiler.Modules[f]
		if m == nil {
			continue
		}
		ast.WalkRefs(m, func(ref ast.Ref) bool {
			if !ref.HasPrefix(ast.InputRootRef) {
				return false
			}
			var path []string
		terms:
			for _, t := range ref[1:] {
				switch v := t.Value.(type) {
				case ast.String:
					path = append(path, string(v))
				case ast.Number:
					path = append(path, v.String())
				default:
					break terms
				}
			}
			key := strings.Join(path, "\x00")
			if !seen[key] {
				seen[key] = true
				out = append(out, path)
			}
			return false
		})
	}
	sort.Slice(out, func(i, j int) bool { return strings.Join(out[i], ".") < strings.Join(out[j], ".") })
	return out
}

// attribute is the one attribute of `after` the package reads, when it
// reads only one ("egress"): the finding points at its line.
func (p *perResource) attribute() string {
	attr := ""
	for _, path := range p.reads {
		switch {
		case len(path) == 0, path[0] == "after" && len(path) == 1:
			return ""
		case path[0] != "after":
			continue
		}
		if attr != "" && attr != path[1] {
			return ""
		}
		attr = path[1]
	}
	return attr
}

// dependsOnUnknown reports whether one of the paths the policy reads is,
// or holds, a value known only after apply on r.
func (p *perResource) dependsOnUnknown(r *plan.Resource) bool {
	for _, path := range p.reads {
		if len(path) == 0 {
			if containsTrue(r.Unknown) || r.Region == nil && r.Provider.Region == nil {
				return true
			}
			continue
		}
		switch path[0] {
		case "after":
			if unknownAt(r.Unknown, path[1:]) {
				return true
			}
		case "region":
			if r.Region == nil {
				return true
			}
		case "tags":
			if r.Tags == nil && containsTrue(r.Unknown) {
				return true
			}
			if len(path) > 1 {
				if v, ok := r.Tags[path[1]]; ok && v == nil {
					return true
				}
			} else {
				for _, v := range r.Tags {
					if v == nil {
						return true
					}
				}
			}
		}
	}
	return false
}

func unknownAt(u any, path []string) bool {
	for _, k := range path {
		switch x := u.(type) {
		case bool:
			return x
		case map[string]any:
			u = x[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return containsTrue(x)
			}
			u = x[i]
		default:
			return false
		}
	}
	return containsTrue(u)
}

func containsTrue(u any) bool {
	switch x := u.(type) {
	case bool:
		return x
	case map[string]any:
		for _, v := range x {
			if containsTrue(v) {
				return true
			}
		}
	case []any:
		for _, v := range x {
			if containsTrue(v) {
				return true
			}
		}
	}
	return false
}

// evalPerResource runs one per-resource policy over a document.
func (e *Engine) evalPerResource(ctx context.Context, p *perResource, input ast.Value, doc *plan.Document, byAddr map[string]*plan.Resource) ([]Finding, error) {
	rule := e.byID[p.rule]
	rs, err := p.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return e.evalOneByOne(ctx, p, doc, byAddr, err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	list, _ := rs[0].Bindings["__verdicts"].([]any)
	return e.verdicts(p, rule, list, doc, byAddr)
}

// evalOneByOne evaluates the policy on each resource alone after the query
// over all of them failed: an error on a resource whose checked values are
// known only after apply (a builtin given the null of an unknown value) is
// an indeterminate finding; any other error is the evaluation's error.
func (e *Engine) evalOneByOne(ctx context.Context, p *perResource, doc *plan.Document, byAddr map[string]*plan.Resource, whole error) ([]Finding, error) {
	rule := e.byID[p.rule]
	var list []any
	var out []Finding
	shared := &sharedValues{}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		if !p.applies(r) {
			continue
		}
		in, err := resourceValue(r, shared)
		if err != nil {
			return nil, fmt.Errorf("prepare input: %w", err)
		}
		rs, err := p.single.Eval(ctx, rego.EvalParsedInput(in))
		if err != nil {
			if !p.dependsOnUnknown(r) {
				return nil, evalError(err)
			}
			out = append(out, Finding{
				RuleID: rule.ID, Severity: rule.Severity, Outcome: Unknown, Resource: r.Address, Attribute: p.attribute(),
				Message: fmt.Sprintf("%s: %s could not be evaluated: it reads values known only after apply", r.Address, rule.Title),
				Source:  doc.Source.Path,
			})
			continue
		}
		if len(rs) == 0 {
			continue
		}
		if v := rs[0].Bindings["__v"]; v != true {
			list = append(list, []any{r.Address, v, rs[0].Bindings["__m"]})
		}
	}
	if len(out) == 0 {
		// The error did not come from one resource alone.
		return nil, evalError(whole)
	}
	fs, err := e.verdicts(p, rule, list, doc, byAddr)
	return append(out, fs...), err
}

// verdicts turns [address, verdict, [message]] rows into findings.
func (e *Engine) verdicts(p *perResource, rule *Rule, list []any, doc *plan.Document, byAddr map[string]*plan.Resource) ([]Finding, error) {
	var out []Finding
	for _, v := range list {
		row, ok := v.([]any)
		if !ok || len(row) != 3 {
			return nil, fmt.Errorf("unexpected result shape from per-resource policy %s", rule.ID)
		}
		addr, _ := row[0].(string)
		if verdict, ok := row[1].(bool); !ok || verdict {
			raw, _ := json.Marshal(row[1])
			return nil, fmt.Errorf("policy evaluation failed: %s (%s:%d): %s is %s on %s, want true or false", rule.ID, rule.File, rule.Line, p.decision, raw, addr)
		}
		msg := ""
		if ms, _ := row[2].([]any); len(ms) > 0 {
			if s, ok := ms[0].(string); ok {
				msg = s
			} else {
				raw, _ := json.Marshal(ms[0])
				msg = string(raw)
			}
		}
		if msg == "" {
			msg = fmt.Sprintf("%s: %s", addr, rule.Title)
		}
		f := Finding{RuleID: rule.ID, Severity: rule.Severity, Outcome: Fail, Resource: addr, Attribute: p.attribute(), Message: msg, Source: doc.Source.Path}
		if target, ok := byAddr[addr]; ok && p.dependsOnUnknown(target) {
			f.Outcome = Unknown
			f.Message = msg + " (depends on values known only after apply)"
		}
		out = append(out, f)
	}
	return out, nil
}
