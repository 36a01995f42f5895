package config

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tfgate/tfgate/plan"
)

// rawVar is a value given for a root variable before conversion.
type rawVar struct {
	val cty.Value
	rng hcl.Range // where it was given (zero for -var / environment)
	src string    // description for error messages
}

// rootVariables computes the root module's input variables with
// Terraform's precedence: TF_VAR_ environment < terraform.tfvars(.json) <
// *.auto.tfvars(.json) in lexical order < --var-file in order < --var.
// A variable without any value is unknown.
func (e *rootEval) rootVariables(mod *tfModule, opts plan.Options) (map[string]cty.Value, hcl.Diagnostics) {
	raw := map[string]rawVar{}
	var diags hcl.Diagnostics

	// Environment.
	envNames := []string{}
	envVals := map[string]string{}
	for _, kv := range opts.Env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, "TF_VAR_") {
			continue
		}
		name := strings.TrimPrefix(k, "TF_VAR_")
		if _, seen := envVals[name]; !seen {
			envNames = append(envNames, name)
		}
		envVals[name] = v
	}
	for _, name := range envNames {
		decl, ok := mod.variables[name]
		if !ok {
			continue // Terraform ignores undeclared TF_VAR_ variables
		}
		v, d := parseRawVariable(decl, envVals[name], "environment variable TF_VAR_"+name)
		diags = append(diags, d...)
		raw[name] = rawVar{val: v, src: "environment variable TF_VAR_" + name}
	}

	// Files in the root directory.
	var files []string
	for _, name := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		p := filepath.Join(e.root, name)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			files = append(files, p)
		}
	}
	if entries, err := os.ReadDir(e.root); err == nil {
		var auto []string
		for _, ent := range entries {
			n := ent.Name()
			if !ent.IsDir() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
				auto = append(auto, filepath.Join(e.root, n))
			}
		}
		sort.Strings(auto)
		files = append(files, auto...)
	}
	files = append(files, opts.VarFiles...)
	for _, f := range files {
		vals, d := e.readVarFile(f)
		diags = append(diags, d...)
		for name, v := range vals {
			raw[name] = v
		}
	}

	// --var, in name order (Options carries no command-line order).
	names := make([]string, 0, len(opts.Vars))
	for name := range opts.Vars {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		decl, ok := mod.variables[name]
		if !ok {
			continue
		}
		v, d := parseRawVariable(decl, opts.Vars[name], "--var "+name)
		diags = append(diags, d...)
		raw[name] = rawVar{val: v, src: "--var " + name}
	}
	if diags.HasErrors() {
		return nil, diags
	}

	out := map[string]cty.Value{}
	for name, decl := range mod.variables {
		r, given := raw[name]
		var val cty.Value
		switch {
		case given:
			val = r.val
		case decl.def != cty.NilVal:
			val = decl.def
		default:
			val = cty.UnknownVal(decl.typ)
		}
		conv, err := finalizeVariable(decl, val)
		if err != nil {
			d := &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid value for input variable",
				Detail:   fmt.Sprintf("The value given for variable %q (%s) is not suitable: %s.", name, r.src, err),
			}
			switch {
			case decl.sensitive:
				// Point at the declaration, not at the value: the source
				// line would show it.
				where := r.src
				if r.rng.Filename != "" {
					where = fmt.Sprintf("%s line %d", r.rng.Filename, r.rng.Start.Line)
				}
				d.Detail = fmt.Sprintf("The value given for the sensitive variable %q (%s) is not suitable: it does not convert to %s.", name, where, decl.typ.FriendlyName())
				d.Subject = decl.rng.Ptr()
			case r.rng.Filename != "":
				d.Subject = r.rng.Ptr()
			default:
				d.Subject = decl.rng.Ptr()
			}
			diags = append(diags, d)
			continue
		}
		out[name] = conv
	}
	return out, diags
}

// parseRawVariable parses a --var or TF_VAR_ string: a literal string for
// variables with a primitive (or no) type, an HCL expression otherwise.
func parseRawVariable(decl *tfVariable, s, src string) (cty.Value, hcl.Diagnostics) {
	if !decl.parseHCL {
		return cty.StringVal(s), nil
	}
	expr, diags := hclsyntax.ParseExpression([]byte(s), src, hcl.InitialPos)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.DynamicVal, diags
	}
	return v, nil
}

// readVarFile reads a .tfvars or .tfvars.json file. Values are constants.
func (e *rootEval) readVarFile(path string) (map[string]rawVar, hcl.Diagnostics) {
	f, diags := e.l.parseFile(path)
	if diags.HasErrors() {
		return nil, diags
	}
	if f == nil {
		return nil, diags
	}
	attrs, d := f.Body.JustAttributes()
	diags = append(diags, d...)
	out := map[string]rawVar{}
	for name, a := range attrs {
		v, d := a.Expr.Value(nil)
		diags = append(diags, d...)
		if d.HasErrors() {
			continue
		}
		out[name] = rawVar{val: v, rng: a.Range, src: path}
	}
	return out, diags
}

// finalizeVariable applies nullable, optional-attribute defaults and the
// type constraint, and marks sensitive values.
func finalizeVariable(decl *tfVariable, val cty.Value) (cty.Value, error) {
	if val.IsNull() && !decl.nullable && decl.def != cty.NilVal {
		val = decl.def
	}
	if decl.defaults != nil && val.IsKnown() && !val.IsNull() {
		val = decl.defaults.Apply(val)
	}
	conv, err := convert.Convert(val, decl.typ)
	if err != nil {
		return cty.NilVal, err
	}
	if !decl.nullable && conv.IsNull() {
		return cty.NilVal, fmt.Errorf("the variable is not nullable and has no default")
	}
	if decl.sensitive {
		conv = conv.Mark(plan.SensitiveMark)
	}
	return conv, nil
}
