package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// buildCatalogue reads the package-scoped METADATA of every rule package
// (tfgate.rules.<cloud>.<family>.<name>; per-resource packages, listed in
// skip, are read by perResourcePolicies) and refuses, with file and line, a
// built-in rule without custom.id, a valid custom.severity or a title, or a
// package at the wrong depth. A user's package without them gets an id
// derived from its package and severity medium, with a notice.
func buildCatalogue(modules map[string]*ast.Module, skip map[string]bool) ([]Rule, []Notice, error) {
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
		if !strings.HasPrefix(path, "data.tfgate.rules.") && path != "data.tfgate.rules" || skip[path] {
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
		ann := packageAnnotation(m)
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
		if prev := byPkg[path]; prev != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s already has package METADATA in %s:%d", file, line, strings.TrimPrefix(path, "data."), prev.File, prev.Line))
			continue
		}
		builtin := strings.HasPrefix(file, libraryPrefix)
		r, problem := ruleFromAnnotations(ann, !builtin)
		if problem != "" {
			errs = append(errs, fmt.Sprintf("%s:%d: package %s: %s", file, line, strings.TrimPrefix(path, "data."), problem))
			continue
		}
		fillDefaults(&r, path)
		r.Package = path
		r.Provider = segs[0]
		r.File = file
		r.Line = line
		r.Builtin = builtin
		byPkg[path] = &r
	}

	var out []Rule
	var notices []Notice
	pkgs := make([]string, 0, len(byPkg))
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		r := byPkg[p]
		if r == nil {
			file, line := firstFile(modules, p)
			if strings.HasPrefix(file, libraryPrefix) {
				errs = append(errs, fmt.Sprintf("%s:%d: package %s has no package-scoped METADATA (title, custom.id, custom.severity are required)", file, line, strings.TrimPrefix(p, "data.")))
				continue
			}
			segs := strings.Split(strings.TrimPrefix(p, "data.tfgate.rules."), ".")
			dr, _ := ruleFromAnnotations(&ast.Annotations{}, true)
			fillDefaults(&dr, p)
			dr.Package, dr.Provider, dr.File, dr.Line = p, segs[0], file, line
			r = &dr
		}
		if n, ok := defaultsNotice(r, strings.TrimPrefix(p, "data.tfgate.rules.")); ok {
			notices = append(notices, n)
		}
		out = append(out, *r)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, nil, fmt.Errorf("invalid rule metadata: %s", strings.Join(limit(errs, 5), "\n"))
	}
	return out, notices, nil
}

// packageAnnotation returns a module's package-scoped METADATA, or nil.
func packageAnnotation(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

// finishCatalogue refuses duplicate ids and user policies that take a
// built-in id (or the TFG- prefix, which built-in ids use and will use),
// and sorts the catalogue by id.
func finishCatalogue(all []Rule) ([]Rule, error) {
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Builtin != all[j].Builtin {
			return all[i].Builtin
		}
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].Line < all[j].Line
	})
	var errs []string
	byID := map[string]*Rule{}
	var out []Rule
	for i := range all {
		r := &all[i]
		prev, dup := byID[r.ID]
		switch {
		case !r.Builtin && dup && prev.Builtin:
			errs = append(errs, fmt.Sprintf("%s:%d: rule id %s is a built-in rule's id (%s:%d): give your policy an id of your own, e.g. ACME-%s", r.File, r.Line, r.ID, prev.File, prev.Line, strings.TrimPrefix(r.ID, "TFG-")))
			continue
		case !r.Builtin && strings.HasPrefix(strings.ToUpper(r.ID), "TFG-"):
			errs = append(errs, fmt.Sprintf("%s:%d: rule id %s: ids starting with TFG- are reserved for tfgate's built-in rules: give your policy an id of your own, e.g. ACME-%s", r.File, r.Line, r.ID, strings.TrimPrefix(strings.ToUpper(r.ID), "TFG-")))
			continue
		case dup:
			hint := "; ids are unique and never reused"
			if r.Derived || prev.Derived {
				hint = "; give one of them its own id in METADATA (custom.id)"
			}
			errs = append(errs, fmt.Sprintf("%s:%d: duplicate rule id %s (also in %s:%d)%s", r.File, r.Line, r.ID, prev.File, prev.Line, hint))
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

// DefaultSeverity is the severity of a user's policy whose METADATA does
// not set custom.severity.
const DefaultSeverity = Medium

// DerivedID is the id of a user's policy whose METADATA does not set
// custom.id: CUSTOM- and its package path in capitals, dots and
// underscores as dashes (aws.security_group.outbound ->
// CUSTOM-AWS-SECURITY-GROUP-OUTBOUND). Packages under tfgate.rules drop
// that prefix.
func DerivedID(pkg string) string {
	pkg = strings.TrimPrefix(pkg, "data.")
	pkg = strings.TrimPrefix(pkg, "tfgate.rules.")
	id := strings.ToUpper(strings.NewReplacer(".", "-", "_", "-").Replace(pkg))
	return "CUSTOM-" + id
}

// fillDefaults gives a user's rule without custom.id or title the
// derived id and a title naming its package.
func fillDefaults(r *Rule, pkg string) {
	if r.ID == "" {
		r.ID = DerivedID(pkg)
	}
	if r.Title == "" {
		r.Title = "Custom policy " + strings.TrimPrefix(pkg, "data.")
	}
}

// defaultsNotice says which METADATA fields of a user's rule were
// defaulted, once per rule.
func defaultsNotice(r *Rule, pkg string) (Notice, bool) {
	if len(r.defaulted) == 0 {
		return Notice{}, false
	}
	return Notice{
		Code:   "policy-metadata-defaults",
		RuleID: r.ID,
		File:   r.File,
		Line:   r.Line,
		Message: fmt.Sprintf("policy %s has no %s in its METADATA: reported as %s, severity %s (add a METADATA block with title, custom.id and custom.severity to choose)",
			pkg, strings.Join(r.defaulted, ", "), r.ID, r.Severity),
	}, true
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
// missing or invalid. With defaults (a user's policy), a missing id, title
// or severity is not a problem: the caller derives them (Rule.defaulted
// lists which).
func ruleFromAnnotations(a *ast.Annotations, defaults bool) (Rule, string) {
	r := Rule{Title: strings.TrimSpace(a.Title), Description: strings.TrimSpace(a.Description)}
	id, _ := a.Custom["id"].(string)
	r.ID = strings.TrimSpace(id)
	if r.ID == "" {
		if !defaults {
			return r, "METADATA has no custom.id (a stable id such as TFG-AWS-EGRESS-001)"
		}
		r.defaulted = append(r.defaulted, "custom.id")
		r.Derived = true
	}
	if r.Title == "" {
		if !defaults {
			return r, fmt.Sprintf("rule %s: METADATA has no title", r.ID)
		}
		r.defaulted = append(r.defaulted, "title")
	}
	sev, hasSev := a.Custom["severity"].(string)
	if !hasSev && a.Custom["severity"] == nil && defaults {
		r.Severity = DefaultSeverity
		r.defaulted = append(r.defaulted, "custom.severity")
	} else {
		s, err := ParseSeverity(sev)
		if err != nil || s == Never {
			name := r.ID
			if name == "" {
				name = "(no id)"
			}
			return r, fmt.Sprintf("rule %s: custom.severity %q is not one of low, medium, high, critical", name, fmt.Sprint(a.Custom["severity"]))
		}
		r.Severity = s
	}
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
