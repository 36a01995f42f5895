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
	for _, rr := range a.RelatedResources {
		if rr != nil && (rr.Ref.Scheme == "https" || rr.Ref.Scheme == "http") {
			r.Links = append(r.Links, rr.Ref.String())
		}
	}
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

// Selector chooses catalogue entries (tfgate rules --framework, --family,
// --cloud). Empty fields match every rule; matching is case-insensitive.
type Selector struct {
	// Framework is a framework key as rules write it in custom.frameworks
	// ("nist-800-53", "aws-fsbp", "cis-aws-foundations-v3.0").
	Framework string
	// Control narrows Framework to one control. It matches the control
	// itself and the controls below it: "SC-7" matches "SC-7" and "SC-7(5)",
	// "2.1" matches "2.1.1"; "S3.8" does not match "S3.80".
	Control string
	Family  string
	// Cloud is a provider name (aws, azurerm, google); azure and gcp are
	// accepted for azurerm and google.
	Cloud string
}

// Empty reports whether s matches every rule.
func (s Selector) Empty() bool { return s == Selector{} }

// Match reports whether r is selected.
func (s Selector) Match(r Rule) bool {
	if s.Family != "" && !strings.EqualFold(s.Family, r.Family) {
		return false
	}
	if s.Cloud != "" && !strings.EqualFold(CloudName(s.Cloud), r.Provider) {
		return false
	}
	if s.Framework == "" {
		return true
	}
	controls, ok := r.Controls(s.Framework)
	if !ok {
		return false
	}
	if s.Control == "" {
		return true
	}
	for _, c := range controls {
		if controlMatches(s.Control, c) {
			return true
		}
	}
	return false
}

// controlMatches: want names control c or a control above it in the
// framework's hierarchy ("SC-7" above "SC-7(5)", "2.1" above "2.1.1").
func controlMatches(want, c string) bool {
	want, c = strings.ToLower(strings.TrimSpace(want)), strings.ToLower(strings.TrimSpace(c))
	if want == c {
		return true
	}
	if !strings.HasPrefix(c, want) {
		return false
	}
	next := c[len(want)]
	return next == '.' || next == '(' || next == ' '
}

// Select returns the rules s matches, in catalogue order.
func Select(rs []Rule, s Selector) []Rule {
	out := []Rule{}
	for _, r := range rs {
		if s.Match(r) {
			out = append(out, r)
		}
	}
	return out
}

// Controls returns r's controls of framework (key compared
// case-insensitively) and whether r maps to that framework at all.
func (r Rule) Controls(framework string) ([]string, bool) {
	for k, cs := range r.Frameworks {
		if strings.EqualFold(k, strings.TrimSpace(framework)) {
			return cs, true
		}
	}
	return nil, false
}

// FrameworkKeys lists the framework keys that rules map to, sorted, each
// once (spelled as the first rule in catalogue order spells it).
func FrameworkKeys(rs []Rule) []string {
	return distinct(rs, func(r Rule) []string {
		keys := make([]string, 0, len(r.Frameworks))
		for k := range r.Frameworks {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return keys
	})
}

// Families lists the rules' families, sorted, each once.
func Families(rs []Rule) []string {
	return distinct(rs, func(r Rule) []string { return []string{r.Family} })
}

// Clouds lists the rules' providers (aws, azurerm, google), sorted, each once.
func Clouds(rs []Rule) []string {
	return distinct(rs, func(r Rule) []string { return []string{r.Provider} })
}

func distinct(rs []Rule, values func(Rule) []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, r := range rs {
		for _, v := range values(r) {
			if v == "" || seen[strings.ToLower(v)] {
				continue
			}
			seen[strings.ToLower(v)] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// CloudName maps the names users say to provider names: azure -> azurerm,
// gcp -> google; other names are returned lower-cased.
func CloudName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "azure":
		return "azurerm"
	case "gcp":
		return "google"
	}
	return s
}
