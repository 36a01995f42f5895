package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tfgate/tfgate/plan"
)

// planPolicy is a package of a plan-JSON directory, written for conftest
// (input: the raw `terraform show -json` plan) or for HCP Terraform (input.plan):
// its deny/violation sets (and deny_*/violation_* ones) are failures, its
// warn/warn_* sets are warnings, reported under a rule of their own.
type planPolicy struct {
	dir      PolicyDir
	pkg      ast.Ref
	failSets []string
	warnSets []string
	failRule string // id; "" when the package has no deny/violation set
	warnRule string // id; "" when it has no warn set
	// exception: the package defines conftest's `exception` set (names of
	// rules, without their deny_/violation_/warn_ prefix, not to report).
	exception bool
	query     rego.PreparedEvalQuery
}

// conftestSet classifies a rule name as conftest does: deny, violation and
// warn, alone or with a _suffix.
func conftestSet(name string) (fail, warn bool) {
	is := func(prefix string) bool { return name == prefix || strings.HasPrefix(name, prefix+"_") }
	return is("deny") || is("violation"), is("warn")
}

// planPolicies compiles each plan-JSON directory on its own (conftest
// policies are often all `package main`) and builds its catalogue entries
// and queries. Nothing is type-checked against the document schema: the
// input is Terraform's plan JSON.
func planPolicies(ctx context.Context, dirs []planDir) ([]Rule, []*planPolicy, []Notice, error) {
	var rs []Rule
	var pols []*planPolicy
	var notices []Notice
	var errs []string
	for _, d := range dirs {
		if len(d.modules) == 0 {
			continue
		}
		compiler, err := compile(d.modules, false)
		if err != nil {
			return nil, nil, nil, err
		}
		style := StylePlanJSON
		if d.dir.Input == InputHCP {
			style = StyleHCP
		}
		pkgs := packagesOf(d.modules)
		keys := make([]string, 0, len(pkgs))
		for k := range pkgs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		found := 0
		for _, key := range keys {
			p := pkgs[key]
			pol := &planPolicy{dir: d.dir, pkg: p.path}
			for name := range p.rules {
				fail, warn := conftestSet(name)
				if fail {
					pol.failSets = append(pol.failSets, name)
				}
				if warn {
					pol.warnSets = append(pol.warnSets, name)
				}
			}
			if len(pol.failSets)+len(pol.warnSets) == 0 {
				continue
			}
			pol.exception = p.rules["exception"]
			found++
			sort.Strings(pol.failSets)
			sort.Strings(pol.warnSets)
			file, line := pkgLine(d.modules, p)
			ann := p.ann
			if ann == nil {
				ann = &ast.Annotations{}
			}
			base, problem := ruleFromAnnotations(ann, true)
			if problem != "" {
				errs = append(errs, fmt.Sprintf("%s:%d: package %s: %s", file, line, strings.TrimPrefix(key, "data."), problem))
				continue
			}
			fillDefaults(&base, key)
			base.Package, base.File, base.Line, base.Style = key, file, line, style
			if base.Description == "" {
				base.Description = fmt.Sprintf("%s policy %s (policy directory %s, input %s).", styleName(style), strings.TrimPrefix(key, "data."), d.dir.Path, d.dir.Input)
			}
			if len(pol.failSets) > 0 {
				r := base
				pol.failRule = r.ID
				if n, ok := defaultsNotice(&r, strings.TrimPrefix(key, "data.")); ok {
					notices = append(notices, n)
				}
				rs = append(rs, r)
			}
			if len(pol.warnSets) > 0 {
				// conftest's warnings: a rule of their own, severity low, so
				// --fail-on medium keeps them from failing the run.
				r := base
				r.ID += "-WARN"
				r.Title += " (warnings)"
				r.Severity = Low
				r.defaulted = nil
				pol.warnRule = r.ID
				rs = append(rs, r)
			}
			q, err := rego.New(
				rego.Query(pol.queryText()),
				rego.Compiler(compiler),
				rego.StrictBuiltinErrors(true),
			).PrepareForEval(ctx)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: prepare policy %s: %s", file, line, strings.TrimPrefix(key, "data."), oneLine(err)))
				continue
			}
			pol.query = q
			pols = append(pols, pol)
		}
		if found == 0 {
			errs = append(errs, fmt.Sprintf("policy directory %s (input %s) has no package defining deny, violation or warn (or deny_*, violation_*, warn_*)", d.dir.Path, d.dir.Input))
		}
	}
	if len(errs) > 0 {
		return nil, nil, nil, fmt.Errorf("%s", strings.Join(limit(errs, 5), "\n"))
	}
	return rs, pols, notices, nil
}

func styleName(style string) string {
	if style == StyleHCP {
		return "HCP Terraform"
	}
	return "Conftest"
}

// sets lists the package's sets in query order.
func (p *planPolicy) sets() []string {
	return append(append([]string(nil), p.failSets...), p.warnSets...)
}

// queryText binds __s<i> to the entries of the i-th set and, with
// exceptions, __exceptions to the exception entries.
func (p *planPolicy) queryText() string {
	var parts []string
	for i, s := range p.sets() {
		parts = append(parts, fmt.Sprintf("__s%d := [__e | some __e in %s]", i, p.pkg.Append(ast.StringTerm(s))))
	}
	if p.exception {
		parts = append(parts, fmt.Sprintf("__exceptions := [__e | some __e in %s]", p.pkg.Append(ast.StringTerm("exception"))))
	}
	return strings.Join(parts, "; ")
}

// excepted reports whether conftest's exceptions name set: `exception
// contains ["foo"]` excepts deny_foo, violation_foo and warn_foo.
func excepted(set string, exceptions any) bool {
	_, suffix, ok := strings.Cut(set, "_")
	if !ok {
		return false
	}
	list, _ := exceptions.([]any)
	for _, e := range list {
		names, _ := e.([]any)
		for _, n := range names {
			if n == suffix {
				return true
			}
		}
	}
	return false
}

// planInput is the raw plan of a document as a plan-JSON policy receives
// it, with every value Terraform marks sensitive redacted; nil when the
// document has no plan JSON (configuration input, a saved document).
func planInput(doc *plan.Document) (any, error) {
	if len(doc.PlanJSON) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(doc.PlanJSON))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("read plan JSON of %s: %w", doc.Source.Path, err)
	}
	return redactPlan(v), nil
}

// evalPlanPolicies runs the plan-JSON policies over one document. A
// document without plan JSON yields one notice per rule: such policies are
// not evaluated, never passed.
func (e *Engine) evalPlanPolicies(ctx context.Context, doc *plan.Document, byAddr map[string]*plan.Resource) ([]Finding, []Notice, error) {
	if len(e.planPolicies) == 0 {
		return nil, nil, nil
	}
	raw, err := planInput(doc)
	if err != nil {
		return nil, nil, err
	}
	if raw == nil {
		var notices []Notice
		for _, p := range e.planPolicies {
			for _, id := range []string{p.failRule, p.warnRule} {
				if id == "" {
					continue
				}
				notices = append(notices, Notice{
					Code:   "rule-not-evaluated",
					RuleID: id,
					Source: doc.Source.Path,
					Message: fmt.Sprintf("%s has no plan JSON (configuration, or a saved document): the policy reads Terraform's plan (policy directory %s, input %s); check a plan (terraform show -json PLANFILE) to evaluate it",
						doc.Source.Path, p.dir.Path, p.dir.Input),
				})
			}
		}
		return nil, notices, nil
	}
	inputs := map[InputKind]ast.Value{}
	var out []Finding
	for _, p := range e.planPolicies {
		in, ok := inputs[p.dir.Input]
		if !ok {
			var v any = raw
			if p.dir.Input == InputHCP {
				v = map[string]any{"plan": raw}
			}
			if in, err = ast.InterfaceToValue(v); err != nil {
				return nil, nil, fmt.Errorf("prepare plan input: %w", err)
			}
			inputs[p.dir.Input] = in
		}
		rs, err := p.query.Eval(ctx, rego.EvalParsedInput(in))
		if err != nil {
			return nil, nil, evalError(err)
		}
		if len(rs) == 0 {
			continue
		}
		for i, set := range p.sets() {
			if excepted(set, rs[0].Bindings["__exceptions"]) {
				continue
			}
			entries, _ := rs[0].Bindings[fmt.Sprintf("__s%d", i)].([]any)
			id := p.failRule
			if _, warn := conftestSet(set); warn {
				id = p.warnRule
			}
			rule := e.byID[id]
			for _, entry := range entries {
				msg, addr := conftestEntry(entry, byAddr)
				out = append(out, Finding{RuleID: rule.ID, Severity: rule.Severity, Outcome: Fail, Resource: addr, Message: msg, Source: doc.Source.Path})
			}
		}
	}
	return out, nil, nil
}

// conftestEntry reads one deny/warn entry: a string, or an object with msg
// (conftest) and optionally the resource it is about. The resource is the
// entry's "resource" or "address" field (or details.resource /
// details.address) when it names a resource of the document, else the one
// address of the document the message names; else none, and the finding
// points at the plan file.
func conftestEntry(entry any, byAddr map[string]*plan.Resource) (msg, addr string) {
	switch x := entry.(type) {
	case string:
		msg = x
	case map[string]any:
		if s, ok := x["msg"].(string); ok {
			msg = s
		} else {
			raw, _ := json.Marshal(x)
			msg = string(raw)
		}
		candidates := []any{x["resource"], x["address"]}
		if d, ok := x["details"].(map[string]any); ok {
			candidates = append(candidates, d["resource"], d["address"])
		}
		for _, c := range candidates {
			if s, ok := c.(string); ok && byAddr[s] != nil {
				return msg, s
			}
		}
	default:
		raw, _ := json.Marshal(x)
		msg = string(raw)
	}
	return msg, addressIn(msg, byAddr)
}

// addressIn returns the one resource address msg names as a whole word
// (not part of a longer name, a module path or an index), or "" when it
// names none or several.
func addressIn(msg string, byAddr map[string]*plan.Resource) string {
	found := ""
	for a := range byAddr {
		for from := 0; from < len(msg); {
			i := strings.Index(msg[from:], a)
			if i < 0 {
				break
			}
			i += from
			end := i + len(a)
			if (i == 0 || !nameChar(msg[i-1]) && msg[i-1] != '.') && (end == len(msg) || !nameChar(msg[end]) && msg[end] != '[') {
				if found != "" && found != a {
					return ""
				}
				found = a
				break
			}
			from = i + 1
		}
	}
	return found
}

func nameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// redactPlan replaces every value the plan marks sensitive
// (before_sensitive/after_sensitive of resource and output changes,
// sensitive_values of planned and prior state, sensitive root variables and
// outputs) by plan.Redacted, and then every other occurrence of those
// string values (Terraform repeats some unmarked, as in tags_all).
func redactPlan(v any) any {
	p, ok := v.(map[string]any)
	if !ok {
		return v
	}
	redactProviderCredentials(p)
	secrets := map[string]bool{}
	changes := func(list any) {
		l, _ := list.([]any)
		for _, rc := range l {
			m, _ := rc.(map[string]any)
			c, _ := m["change"].(map[string]any)
			if c == nil {
				continue
			}
			c["before"] = redactMarked(c["before"], c["before_sensitive"], secrets)
			c["after"] = redactMarked(c["after"], c["after_sensitive"], secrets)
		}
	}
	changes(p["resource_changes"])
	changes(p["resource_drift"])
	if oc, ok := p["output_changes"].(map[string]any); ok {
		for _, c := range oc {
			if m, ok := c.(map[string]any); ok {
				m["before"] = redactMarked(m["before"], m["before_sensitive"], secrets)
				m["after"] = redactMarked(m["after"], m["after_sensitive"], secrets)
			}
		}
	}
	var module func(any)
	module = func(mod any) {
		m, _ := mod.(map[string]any)
		if m == nil {
			return
		}
		rs, _ := m["resources"].([]any)
		for _, r := range rs {
			if rm, ok := r.(map[string]any); ok {
				rm["values"] = redactMarked(rm["values"], rm["sensitive_values"], secrets)
			}
		}
		cs, _ := m["child_modules"].([]any)
		for _, c := range cs {
			module(c)
		}
	}
	state := func(values any) {
		m, _ := values.(map[string]any)
		if m == nil {
			return
		}
		module(m["root_module"])
		if outs, ok := m["outputs"].(map[string]any); ok {
			for _, o := range outs {
				if om, ok := o.(map[string]any); ok && om["sensitive"] == true {
					om["value"] = redactMarked(om["value"], true, secrets)
				}
			}
		}
	}
	state(p["planned_values"])
	if ps, ok := p["prior_state"].(map[string]any); ok {
		state(ps["values"])
	}
	if vars, ok := p["variables"].(map[string]any); ok {
		cfg, _ := p["configuration"].(map[string]any)
		root, _ := cfg["root_module"].(map[string]any)
		decl, _ := root["variables"].(map[string]any)
		for name, v := range vars {
			d, _ := decl[name].(map[string]any)
			if vm, ok := v.(map[string]any); ok && d["sensitive"] == true {
				vm["value"] = redactMarked(vm["value"], true, secrets)
			}
		}
	}
	if len(secrets) == 0 {
		return p
	}
	return redactValues(p, secrets)
}

// redactMarked replaces the parts of v that marker (a sensitivity mask:
// true, or an object/array of masks) marks, collecting their strings.
func redactMarked(v, marker any, secrets map[string]bool) any {
	switch m := marker.(type) {
	case bool:
		if !m || v == nil {
			return v
		}
		collectStrings(v, secrets)
		return plan.Redacted
	case map[string]any:
		if o, ok := v.(map[string]any); ok {
			for k, mk := range m {
				if _, ok := o[k]; ok {
					o[k] = redactMarked(o[k], mk, secrets)
				}
			}
		}
	case []any:
		if a, ok := v.([]any); ok {
			for i := range a {
				if i < len(m) {
					a[i] = redactMarked(a[i], m[i], secrets)
				}
			}
		}
	}
	return v
}

func collectStrings(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		if x != "" && x != plan.Redacted {
			into[x] = true
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, into)
		}
	case []any:
		for _, e := range x {
			collectStrings(e, into)
		}
	}
}

func redactValues(v any, secrets map[string]bool) any {
	switch x := v.(type) {
	case string:
		if secrets[x] {
			return plan.Redacted
		}
	case map[string]any:
		for k, e := range x {
			x[k] = redactValues(e, secrets)
		}
	case []any:
		for i, e := range x {
			x[i] = redactValues(e, secrets)
		}
	}
	return v
}
