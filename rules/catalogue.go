package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// buildCatalogue reads the package-scoped METADATA of every rule package
// (tfgate.rules.<cloud>.<family>.<name>) and refuses, with file and line, a
// rule without custom.id, a valid custom.severity or a title, a duplicate id,
// or a package at the wrong depth.
func buildCatalogue(modules map[string]*ast.Module) ([]Rule, error) {
	names := make([]string, 0, len(modules))
	for n := range modules {
		names = append(names, n)
	}
	sort.Strings(names)

	byPkg := map[string]*Rule{}
	var errs []string
	for _, file := range names {
		m := modules[file]
		path := m.Package.Path.String() // data.tfgate.rules.aws.egress.x
		if !strings.HasPrefix(path, "data.tfgate.rules.") && path != "data.tfgate.rules" {
			continue
		}
		line := 0
		if m.Package.Location != nil {
			line = m.Package.Location.Row
		}
		segs := strings.Split(strings.TrimPrefix(path, "data.tfgate.rules."), ".")
		if len(segs) != 3 {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: rule packages are tfgate.rules.<cloud>.<family>.<name> (exactly three parts after tfgate.rules)", file, line, strings.TrimPrefix(path, "data.")))
			continue
		}
		var ann *ast.Annotations
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				ann = a
				break
			}
		}
		if ann == nil {
			// The same package may be split over files; only one needs METADATA.
			if _, ok := byPkg[path]; !ok {
				byPkg[path] = nil
			}
			continue
		}
		if ann.Location != nil {
			line = ann.Location.Row
		}
		r, problem := ruleFromAnnotations(ann)
		if problem != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: %s", file, line, strings.TrimPrefix(path, "data."), problem))
			continue
		}
		if prev := byPkg[path]; prev != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s already has package METADATA in %s:%d", file, line, strings.TrimPrefix(path, "data."), prev.File, prev.Line))
			continue
		}
		r.Package = path
		r.Provider = segs[0]
		r.File = file
		r.Line = line
		r.Builtin = strings.HasPrefix(file, libraryPrefix)
		byPkg[path] = &r
	}

	var out []Rule
	byID := map[string]*Rule{}
	pkgs := make([]string, 0, len(byPkg))
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		r := byPkg[p]
		if r == nil {
			file, line := firstFile(modules, p)
			errs = append(errs, fmt.Sprintf("%s:%d: package %s has no package-scoped METADATA (title, custom.id, custom.severity are required)", file, line, strings.TrimPrefix(p, "data.")))
			continue
		}
		if prev, ok := byID[r.ID]; ok {
			errs = append(errs, fmt.Sprintf("%s:%d: duplicate rule id %s (also in %s:%d); ids are unique and never reused", r.File, r.Line, r.ID, prev.File, prev.Line))
			continue
		}
		byID[r.ID] = r
		out = append(out, *r)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("invalid rule metadata: %s", strings.Join(limit(errs, 5), "\n"))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func firstFile(modules map[string]*ast.Module, pkg string) (string, int) {
	var names []string
	for n, m := range modules {
		if m.Package.Path.String() == pkg {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "?", 0
	}
	m := modules[names[0]]
	if m.Package.Location != nil {
		return names[0], m.Package.Location.Row
	}
	return names[0], 0
}

// ruleFromAnnotations reads the METADATA fields; problem says what is
// missing or invalid.
func ruleFromAnnotations(a *ast.Annotations) (Rule, string) {
	r := Rule{Title: strings.TrimSpace(a.Title), Description: strings.TrimSpace(a.Description)}
	id, _ := a.Custom["id"].(string)
	r.ID = strings.TrimSpace(id)
	if r.ID == "" {
		return r, "METADATA has no custom.id (a stable id such as TFG-AWS-EGRESS-001)"
	}
	if r.Title == "" {
		return r, fmt.Sprintf("rule %s: METADATA has no title", r.ID)
	}
	sev, _ := a.Custom["severity"].(string)
	s, err := ParseSeverity(sev)
	if err != nil || s == Never {
		return r, fmt.Sprintf("rule %s: custom.severity %q is not one of low, medium, high, critical", r.ID, sev)
	}
	r.Severity = s
	r.Family, _ = a.Custom["family"].(string)
	r.Remediation, _ = a.Custom["remediation"].(string)
	r.Remediation = strings.TrimSpace(r.Remediation)
	r.ResourceTypes = stringList(a.Custom["resource_types"])
	r.Params = stringList(a.Custom["params"])
	if fw, ok := a.Custom["frameworks"].(map[string]any); ok {
		r.Frameworks = map[string][]string{}
		for k, v := range fw {
			r.Frameworks[k] = stringList(v)
		}
	}
	return r, ""
}

func stringList(v any) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case string:
		return []string{x}
	}
	return nil
}
