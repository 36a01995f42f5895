package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/library"
)

// InputKind says what a policy directory's policies receive as input.
type InputKind string

// Input kinds of a policy directory (.tfgate.yaml `input:`).
const (
	// InputDocument: the tfgate document (styles 1 and 2). The default.
	InputDocument InputKind = ""
	// InputPlanJSON: the raw `terraform show -json` plan, as conftest gives it.
	InputPlanJSON InputKind = "plan-json"
	// InputHCP: {"plan": <raw plan JSON>}, as HCP Terraform's OPA policy sets
	// give it (input.plan).
	InputHCP InputKind = "hcp-terraform"
)

// ParseInputKind reads "document" (or ""), "plan-json" or "hcp-terraform".
func ParseInputKind(s string) (InputKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "document":
		return InputDocument, nil
	case string(InputPlanJSON):
		return InputPlanJSON, nil
	case string(InputHCP):
		return InputHCP, nil
	}
	return "", fmt.Errorf("unknown policy input %q (valid: document, plan-json, hcp-terraform)", s)
}

func (k InputKind) String() string {
	if k == InputDocument {
		return "document"
	}
	return string(k)
}

// PolicyDir is one directory (or single .rego file) of the user's policies
// and how to load it.
type PolicyDir struct {
	Path string
	// RegoV0 parses the directory's files as Rego v0 (rules without `if`
	// and `contains`, as OPA before 1.0 wrote them).
	RegoV0 bool
	// Input selects what the policies receive (InputDocument by default).
	Input InputKind
}

func (d PolicyDir) regoVersion() ast.RegoVersion {
	if d.RegoV0 {
		return ast.RegoV0
	}
	return ast.RegoV1
}

// moduleSet is every parsed Rego file: the embedded library and the user's
// directories, with the directory each user file came from.
type moduleSet struct {
	modules map[string]*ast.Module
	dirOf   map[string]PolicyDir // file -> its directory (user files only)
}

// byInput returns the modules compiled together for one kind of input: the
// library and the document directories, or one plan-JSON directory.
func (s *moduleSet) documentModules() map[string]*ast.Module {
	out := map[string]*ast.Module{}
	for name, m := range s.modules {
		if d, ok := s.dirOf[name]; ok && d.Input != InputDocument {
			continue
		}
		out[name] = m
	}
	return out
}

// planDirs lists the plan-JSON directories in the order given, each with
// its modules.
func (s *moduleSet) planDirs(dirs []PolicyDir) []planDir {
	var out []planDir
	for _, d := range dirs {
		if d.Input == InputDocument {
			continue
		}
		pd := planDir{dir: d, modules: map[string]*ast.Module{}}
		for name, m := range s.modules {
			if s.dirOf[name] == d {
				pd.modules[name] = m
			}
		}
		out = append(out, pd)
	}
	return out
}

type planDir struct {
	dir     PolicyDir
	modules map[string]*ast.Module
}

// loadModules parses the embedded library (policies, or with tests also the
// *_test.rego files) and every .rego file under dirs, each in its
// directory's Rego version.
func loadModules(dirs []PolicyDir, withTests bool) (*moduleSet, error) {
	return readModules(dirs, withTests, true)
}

// loadUserModules parses the .rego files under dirs only (the embedded
// library is compiled per document: Engine.prepare).
func loadUserModules(dirs []PolicyDir, withTests bool) (*moduleSet, error) {
	return readModules(dirs, withTests, false)
}

func readModules(dirs []PolicyDir, withTests, withLibrary bool) (*moduleSet, error) {
	set := &moduleSet{modules: map[string]*ast.Module{}, dirOf: map[string]PolicyDir{}}
	var errs []string
	add := func(name string, src []byte, dir *PolicyDir) {
		version := ast.RegoV1
		if dir != nil {
			version = dir.regoVersion()
		}
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: version})
		if err != nil {
			errs = append(errs, parseError(name, string(src), version, err))
			return
		}
		if prev, ok := set.dirOf[name]; ok && dir != nil && prev != *dir {
			errs = append(errs, fmt.Sprintf("%s: given in two policy directories with different settings", name))
			return
		}
		set.modules[name] = m
		if dir != nil {
			set.dirOf[name] = *dir
		}
	}
	want := func(name string) bool {
		return strings.HasSuffix(name, ".rego") && (withTests || !strings.HasSuffix(name, "_test.rego"))
	}
	err := fs.WalkDir(library.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !want(p) || !withLibrary {
			return err
		}
		src, err := library.FS.ReadFile(p)
		if err != nil {
			return err
		}
		add(libraryPrefix+p, src, nil)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded library: %w", err)
	}
	for _, dir := range dirs {
		info, err := os.Stat(dir.Path)
		if err != nil {
			return nil, fmt.Errorf("policy directory %s: %w", dir.Path, unwrapPathError(err))
		}
		if !info.IsDir() {
			if want(dir.Path) {
				src, err := os.ReadFile(dir.Path)
				if err != nil {
					return nil, fmt.Errorf("read policy %s: %w", dir.Path, unwrapPathError(err))
				}
				add(dir.Path, src, &dir)
				continue
			}
			return nil, fmt.Errorf("policy directory %s is not a directory", dir.Path)
		}
		found, nested := 0, false
		err = filepath.WalkDir(dir.Path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("read policy directory %s: %w", p, unwrapPathError(err))
			}
			if d.IsDir() {
				if p != dir.Path && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				// A nested directory given with its own settings is loaded
				// with those, not with its parent's.
				if p != dir.Path && nestedDir(dirs, p) {
					nested = true
					return filepath.SkipDir
				}
				return nil
			}
			if !want(p) {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("read policy %s: %w", p, unwrapPathError(err))
			}
			found++
			add(p, src, &dir)
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 && !nested && !withTests {
			return nil, fmt.Errorf("policy directory %s holds no .rego files", dir.Path)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(limit(errs, 5), "\n"))
	}
	return set, nil
}

// nestedDir reports whether p is itself one of dirs.
func nestedDir(dirs []PolicyDir, p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	for _, d := range dirs {
		if da, err := filepath.Abs(d.Path); err == nil && da == abs {
			return true
		}
	}
	return false
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parseError renders a parse error. A file that does not parse as Rego v1
// but does as v0 (or the reverse) is named as such, with how to load it:
// OPA's own message ("`if` keyword is required") does not say what is wrong.
func parseError(name, src string, version ast.RegoVersion, err error) string {
	line := firstErrorLine(err)
	switch version {
	case ast.RegoV1:
		if _, v0err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV0}); v0err == nil {
			return fmt.Sprintf("%s:%d: this policy is written in Rego v0 syntax (rules without `if`/`contains`), and tfgate reads Rego v1 by default: load its directory with --rego-v0 (or `rego_version: v0` in .tfgate.yaml), or convert it with `opa fmt --write --v0-v1 %s`", name, line, name)
		}
	case ast.RegoV0:
		if _, v1err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV1}); v1err == nil {
			return fmt.Sprintf("%s:%d: this policy is written in Rego v1 syntax, but its directory is loaded as Rego v0: drop --rego-v0 (or `rego_version: v0`) for it", name, line)
		}
	}
	return oneLine(err)
}

func firstErrorLine(err error) int {
	var astErrs ast.Errors
	if errors.As(err, &astErrs) {
		for _, e := range astErrs {
			if e.Location != nil {
				return e.Location.Row
			}
		}
	}
	return 0
}

// planJSONKeys are top-level keys of `terraform show -json`: a policy in a
// document directory that reads one of them was written for the raw plan.
var planJSONKeys = map[string]bool{
	"resource_changes": true, "planned_values": true, "prior_state": true, "configuration": true,
	"format_version": true, "terraform_version": true, "variables": true, "output_changes": true,
	"resource_drift": true, "relevant_attributes": true, "plan": true, "checks": true,
}

// compileErrors renders compiler errors as one line each, with advice for
// the mistakes authors make: a capitalised `Input`, a misspelt input field,
// a policy written for the raw plan, a builtin tfgate does not offer.
func compileErrors(errs ast.Errors) []string {
	var lines []string
	// An undefined `Input` makes every variable bound through it unsafe too:
	// report the cause once per line.
	causes := map[string]bool{}
	for _, e := range errs {
		if name, ok := unsafeVar(e); ok && isRootName(name) && e.Location != nil {
			causes[fmt.Sprintf("%s:%d", e.Location.File, e.Location.Row)] = true
		}
	}
	for _, e := range errs {
		line := formatASTError(e)
		if msg, ok := sandboxMessage(e); ok {
			line = msg
		}
		if name, ok := unsafeVar(e); ok && e.Location != nil {
			at := fmt.Sprintf("%s:%d", e.Location.File, e.Location.Row)
			if isRootName(name) {
				line = fmt.Sprintf("%s: `%s` is not defined: did you mean %s? (Rego names are case-sensitive; the document is `input`)", at, name, strings.ToLower(name))
			} else if causes[at] {
				continue
			}
		}
		if advice := undefinedRefAdvice(e); advice != "" {
			line = advice
		}
		lines = append(lines, line)
	}
	return lines
}

func unsafeVar(e *ast.Error) (string, bool) {
	if e.Code != ast.UnsafeVarErr {
		return "", false
	}
	rest, ok := strings.CutPrefix(e.Message, "var ")
	if !ok {
		return "", false
	}
	name, ok := strings.CutSuffix(rest, " is unsafe")
	return name, ok
}

// isRootName: a capitalised spelling of input or data.
func isRootName(name string) bool {
	l := strings.ToLower(name)
	return (l == "input" || l == "data") && name != l
}

// undefinedRefAdvice turns the type checker's "undefined ref: input.afterr"
// into a line naming the field, the fields that exist and the closest one.
func undefinedRefAdvice(e *ast.Error) string {
	if e.Code != ast.TypeErr || !strings.HasPrefix(e.Message, "undefined ref: input") {
		return ""
	}
	d, ok := e.Details.(*ast.RefErrInvalidDetail)
	if !ok || d.Pos >= len(d.Ref) || e.Location == nil {
		return ""
	}
	bad := d.Ref[:d.Pos+1].String()
	field := d.Ref[d.Pos].Value
	name := strings.Trim(field.String(), `"`)
	var fields []string
	for _, v := range d.OneOf {
		fields = append(fields, strings.Trim(v.String(), `"`))
	}
	sort.Strings(fields)
	at := fmt.Sprintf("%s:%d", e.Location.File, e.Location.Row)
	msg := fmt.Sprintf("%s: %s is not a field of the input", at, bad)
	if len(fields) > 0 {
		msg += fmt.Sprintf(" (%s has: %s)", d.Ref[:d.Pos].String(), strings.Join(fields, ", "))
	}
	if s := closest(name, fields); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", d.Ref[:d.Pos].Append(ast.StringTerm(s)).String())
	}
	if d.Pos == 1 && planJSONKeys[name] {
		msg += "; this policy reads Terraform's plan JSON: load its directory with --policy-input plan-json (conftest style) or hcp-terraform (input.plan)"
	} else {
		msg += "; `tfgate inspect PATH` prints the input policies receive"
	}
	return msg
}

// closest returns the candidate nearest to s (case-insensitive edit
// distance at most 2, or equal ignoring case and underscores), or "".
func closest(s string, candidates []string) string { return Suggest(s, candidates) }
