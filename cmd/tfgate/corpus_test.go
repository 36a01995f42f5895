package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/config"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// TestCorpusPlans checks every real plan of ../shared/corpus/plans: each
// loads and evaluates (exit 0 or 1, never 2) in every output format.
func TestCorpusPlans(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	plans, err := filepath.Glob(filepath.Join(shared, "corpus", "plans", "*.json"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no corpus plans: %v", err)
	}
	params := fixtureParams(t)
	for _, p := range plans {
		t.Run(filepath.Base(p), func(t *testing.T) {
			for _, format := range []string{"json", "sarif"} {
				code, _, stderr := run(t, "", append(append([]string{"check", "--format", format}, params...), p)...)
				if code != 0 && code != 1 {
					t.Errorf("%s: exit %d: %s", format, code, stderr)
				}
			}
		})
	}
}

// TestCorpusNegative: inputs a checker must refuse get exit 2 and one
// clear line; a plan with nothing to change is valid and clean.
func TestCorpusNegative(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	dir := filepath.Join(shared, "corpus", "plans_negative")
	cases := []struct {
		file     string
		wantCode int
		want     string
	}{
		{"tfjson__invalid_trailing_data.json", 2, "unexpected data after the plan document"},
		{"trivy__plan_no_resource_changes.json", 0, "No findings"},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			code, stdout, stderr := run(t, "", "check", filepath.Join(dir, tc.file))
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			if tc.wantCode == 2 {
				if lines := strings.Count(strings.TrimSpace(stderr), "\n") + 1; lines != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, tc.file) {
					t.Errorf("want one line naming the file and %q, got:\n%s", tc.want, stderr)
				}
			} else if !strings.Contains(stdout, tc.want) {
				t.Errorf("stdout lacks %q:\n%s", tc.want, stdout)
			}
		})
	}
}

// corpusPlans are the real plans of ../shared/corpus/plans, sorted; the test
// skips when ../shared is absent.
func corpusPlans(t *testing.T) []string {
	t.Helper()
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	plans, err := filepath.Glob(filepath.Join(shared, "corpus", "plans", "*.json"))
	if err != nil || len(plans) == 0 {
		t.Fatalf("no corpus plans: %v", err)
	}
	sort.Strings(plans)
	return plans
}

// fixtureParamValues are fixtures/params.json as engine parameters (the
// same values fixtureParams passes as --param flags).
func fixtureParamValues(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "fixtures", "params.json"))
	if err != nil {
		t.Fatalf("read fixtures/params.json: %v", err)
	}
	var params map[string]any
	if err := json.Unmarshal(data, &params); err != nil {
		t.Fatalf("fixtures/params.json: %v", err)
	}
	return params
}

// ruleTally counts one rule's findings over the corpus.
type ruleTally struct {
	fail, unknown int
	plans         map[string]bool
}

// planTally counts one plan's findings.
type planTally struct {
	resources, fail, unknown int
	rules                    map[string]bool
}

// TestCorpusFindings runs the library over every real plan of the corpus
// (with fixtures/params.json) and holds its findings to the contract: no
// finding is about a resource that is deleted, read or forgotten or about a
// data source, and no fail rests on a value known only after apply (the
// finding's attribute, or a value enclosing it, marked in the resource's
// `unknown` tree). It
// logs the findings per rule (go test -v) and keeps the corpus section of docs/coverage.md
// equal to them (-update rewrites it).
func TestCorpusFindings(t *testing.T) {
	plans := corpusPlans(t)
	ctx := context.Background()
	eng, err := rules.New(ctx, rules.Options{Params: fixtureParamValues(t)})
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string]*ruleTally{}
	for _, r := range eng.Rules() {
		byRule[r.ID] = &ruleTally{plans: map[string]bool{}}
	}
	byPlan := map[string]*planTally{}
	resources := 0
	var violations []string
	for _, p := range plans {
		name := filepath.Base(p)
		docs, err := input.Load(p, plan.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		pt := &planTally{rules: map[string]bool{}}
		byPlan[name] = pt
		for _, d := range docs {
			pt.resources += len(d.Resources)
			resources += len(d.Resources)
			res, err := eng.Evaluate(ctx, d)
			if err != nil {
				t.Errorf("%s: evaluate: %v", name, err)
				continue
			}
			index := byAddress(d)
			for _, f := range res.Findings {
				rt := byRule[f.RuleID]
				if rt == nil {
					t.Errorf("%s: finding of rule %s, which is not in the catalogue", name, f.RuleID)
					continue
				}
				rt.plans[name] = true
				pt.rules[f.RuleID] = true
				if f.Outcome == rules.Unknown {
					rt.unknown++
					pt.unknown++
					// Deletions are never checked, not even as indeterminate.
					if why := notChecked(index[f.Resource]); why != "" {
						v := fmt.Sprintf("%s: %s reports %s as indeterminate (%s) but %s", name, f.RuleID, f.Resource, f.Message, why)
						t.Error(v)
						violations = append(violations, v)
					}
					continue
				}
				rt.fail++
				pt.fail++
				if why := failRestsOnNothing(index[f.Resource], f); why != "" {
					v := fmt.Sprintf("%s: %s fails %s (attribute %q: %s) but %s", name, f.RuleID, f.Resource, f.Attribute, f.Message, why)
					t.Error(v)
					violations = append(violations, v)
				}
			}
		}
	}

	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if rt := byRule[id]; rt.fail+rt.unknown > 0 {
			t.Logf("%-22s fail %4d  unknown %4d  plans %3d", id, rt.fail, rt.unknown, len(rt.plans))
		}
	}

	sort.Strings(violations)
	doc := corpusCoverageMarkdown(len(plans), resources, ids, byRule, byPlan, violations)
	path := filepath.Join(repoRoot(t), "docs", "coverage.md")
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	updated, ok := replaceCorpusSection(string(page), doc)
	if !ok {
		t.Fatalf("docs/coverage.md has no %q ... %q section", corpusBegin, corpusEnd)
	}
	if *update {
		if err := os.WriteFile(path, []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		page = []byte(updated)
	}
	if string(page) != updated {
		t.Errorf("docs/coverage.md (corpus findings) is out of date: run go test ./cmd/tfgate -run TestCorpusFindings -update")
	}
}

const (
	corpusBegin = "<!-- BEGIN corpus: generated by `go test ./cmd/tfgate -run TestCorpusFindings -update`; do not edit. -->"
	corpusEnd   = "<!-- END corpus -->"
)

// replaceCorpusSection puts section between the corpus markers of page.
func replaceCorpusSection(page, section string) (string, bool) {
	i := strings.Index(page, corpusBegin)
	j := strings.Index(page, corpusEnd)
	if i < 0 || j < i {
		return page, false
	}
	return page[:i+len(corpusBegin)] + "\n\n" + section + "\n" + page[j:], true
}

// notChecked says why no finding may be about r (absent, a data source,
// or being deleted, read or forgotten), or "".
func notChecked(r *plan.Resource) string {
	if r == nil {
		return "the document has no such resource"
	}
	if r.Mode != "managed" {
		return "it is a data source"
	}
	switch r.Change.Kind {
	case plan.ChangeDelete, plan.ChangeRead, plan.ChangeForget:
		return "the resource is being " + map[string]string{plan.ChangeDelete: "deleted", plan.ChangeRead: "read", plan.ChangeForget: "forgotten"}[r.Change.Kind]
	}
	return ""
}

// failRestsOnNothing says why a fail finding must not exist, or "".
func failRestsOnNothing(r *plan.Resource, f rules.Finding) string {
	if why := notChecked(r); why != "" {
		return why
	}
	if p, ok := unknownAt(r.Unknown, f.Attribute); ok {
		if p == "" {
			return "the whole resource is known only after apply"
		}
		return p + " is known only after apply"
	}
	return ""
}

// unknownAt reports whether the value at attribute path (rules' syntax:
// "egress[0].cidr_blocks", "" for the whole resource) or a value enclosing
// it is marked unknown (true) in tree, and the path that is. A map key that
// itself holds dots ("tags.kubernetes.io/role") is matched too.
func unknownAt(tree any, path string) (string, bool) {
	if tree == true {
		return "", true
	}
	if path == "" {
		return "", false
	}
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '.' || r == '[' || r == ']' })
	node, walked := tree, []string{}
	for i := 0; i < len(segs); i++ {
		switch x := node.(type) {
		case map[string]any:
			key, j := segs[i], i
			v, ok := x[key]
			for !ok && j+1 < len(segs) {
				j++
				key += "." + segs[j]
				v, ok = x[key]
			}
			if !ok {
				return "", false
			}
			node, i = v, j
			walked = append(walked, key)
		case []any:
			n, err := strconv.Atoi(segs[i])
			if err != nil || n < 0 || n >= len(x) {
				return "", false
			}
			node = x[n]
			walked = append(walked, "["+segs[i]+"]")
		default:
			return "", false
		}
		if node == true {
			return strings.ReplaceAll(strings.Join(walked, "."), ".[", "["), true
		}
	}
	return "", false
}

func TestUnknownAt(t *testing.T) {
	tree := map[string]any{
		"egress":            []any{map[string]any{"cidr_blocks": true}, map[string]any{"cidr_blocks": []any{false, true}}},
		"root_block_device": []any{map[string]any{"encrypted": false}},
		"tags":              map[string]any{"kubernetes.io/role": true},
		"arn":               true,
	}
	cases := map[string]struct {
		tree any
		path string
		want string
		ok   bool
	}{
		"leaf":                {tree, "egress[0].cidr_blocks", "egress[0].cidr_blocks", true},
		"below an unknown":    {tree, "egress[0].cidr_blocks[1]", "egress[0].cidr_blocks", true},
		"list item":           {tree, "egress[1].cidr_blocks[1]", "egress[1].cidr_blocks[1]", true},
		"known list item":     {tree, "egress[1].cidr_blocks[0]", "", false},
		"known leaf":          {tree, "root_block_device[0].encrypted", "", false},
		"above an unknown":    {tree, "egress[0]", "", false},
		"absent":              {tree, "versioning[0].enabled", "", false},
		"out of range":        {tree, "egress[5].cidr_blocks", "", false},
		"dotted key":          {tree, "tags.kubernetes.io/role", "tags.kubernetes.io/role", true},
		"whole resource":      {tree, "", "", false},
		"all unknown":         {true, "", "", true},
		"all unknown, a path": {true, "egress[0]", "", true},
		"no unknowns":         {map[string]any{}, "egress[0]", "", false},
	}
	for name, tc := range cases {
		got, ok := unknownAt(tc.tree, tc.path)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: unknownAt(%q) = %q, %v; want %q, %v", name, tc.path, got, ok, tc.want, tc.ok)
		}
	}
}

// corpusCoverageMarkdown is the corpus section of docs/coverage.md: findings per rule and
// per plan over the corpus. Deterministic for a given corpus and library.
func corpusCoverageMarkdown(plans, resources int, ids []string, byRule map[string]*ruleTally, byPlan map[string]*planTally, violations []string) string {
	var b strings.Builder
	b.WriteString("From ../shared/corpus/plans with fixtures/params.json.\n\n")
	fail, unknown, silent := 0, 0, 0
	for _, id := range ids {
		fail += byRule[id].fail
		unknown += byRule[id].unknown
		if byRule[id].fail+byRule[id].unknown == 0 {
			silent++
		}
	}
	fmt.Fprintf(&b, "Every rule of the library, run over %d real plans that nobody on this project wrote (%d resource instances; "+
		"see `../shared/corpus/README.md` for where each comes from), gives %d failures and %d indeterminate findings. "+
		"The test that writes this section also holds them to the contract: no finding is about a resource being deleted, read or forgotten "+
		"or about a data source, and no failure rests on a value known only after apply.", plans, resources, fail, unknown)
	if len(violations) == 0 {
		b.WriteString(" None does.\n\n")
	} else {
		fmt.Fprintf(&b, " These break it (the test fails until they are fixed):\n\n")
		for _, v := range violations {
			fmt.Fprintf(&b, "- `%s`\n", strings.NewReplacer("`", "'", "\n", " ").Replace(v))
		}
		b.WriteString("\n")
	}
	b.WriteString("### Per rule\n\n")
	fmt.Fprintf(&b, "Rules with no finding on the corpus (its plans hold none of their resource types, or only compliant ones): %d of %d.\n\n", silent, len(ids))
	b.WriteString("| Rule | Fail | Indeterminate | Plans |\n|---|---:|---:|---:|\n")
	for _, id := range ids {
		rt := byRule[id]
		fmt.Fprintf(&b, "| [%s](%s) | %d | %d | %d |\n", id, report.RulePagePath(id), rt.fail, rt.unknown, len(rt.plans))
	}
	names := make([]string, 0, len(byPlan))
	for n, pt := range byPlan {
		if pt.fail+pt.unknown > 0 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	fmt.Fprintf(&b, "\n### Plans with findings\n\n%d of %d plans.\n\n", len(names), plans)
	b.WriteString("| Plan | Resources | Fail | Indeterminate | Rules |\n|---|---:|---:|---:|---|\n")
	for _, n := range names {
		pt := byPlan[n]
		rs := make([]string, 0, len(pt.rules))
		for id := range pt.rules {
			rs = append(rs, id)
		}
		sort.Strings(rs)
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %s |\n", n, pt.resources, pt.fail, pt.unknown, strings.Join(rs, ", "))
	}
	return b.String()
}

func TestFailRestsOnNothing(t *testing.T) {
	res := func(mode, kind string, unknown any) *plan.Resource {
		return &plan.Resource{Address: "a.b", Mode: mode, Change: plan.Change{Kind: kind}, Unknown: unknown}
	}
	f := rules.Finding{RuleID: "X-1", Outcome: rules.Fail, Resource: "a.b", Attribute: "egress[0].cidr_blocks"}
	cases := map[string]struct {
		r    *plan.Resource
		want string
	}{
		"created, known":    {res("managed", plan.ChangeCreate, map[string]any{"id": true}), ""},
		"no-op":             {res("managed", plan.ChangeNoOp, map[string]any{}), ""},
		"deleted":           {res("managed", plan.ChangeDelete, nil), "the resource is being deleted"},
		"forgotten":         {res("managed", plan.ChangeForget, nil), "the resource is being forgotten"},
		"data source":       {res("data", plan.ChangeRead, map[string]any{}), "it is a data source"},
		"unknown attribute": {res("managed", plan.ChangeUpdate, map[string]any{"egress": []any{map[string]any{"cidr_blocks": true}}}), "egress[0].cidr_blocks is known only after apply"},
		"unknown enclosing": {res("managed", plan.ChangeReplace, map[string]any{"egress": true}), "egress is known only after apply"},
		"absent":            {nil, "the document has no such resource"},
	}
	for name, tc := range cases {
		if got := failRestsOnNothing(tc.r, f); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

// TestCorpusConfigFindings holds the findings on the corpus's real module
// directories (configuration input, where far more values are known only
// after apply than in a plan) to the same contract as TestCorpusFindings:
// every directory that loads evaluates without error, and no fail rests on
// a value known only after apply. Directories that are not valid
// Terraform (duplicate blocks, syntax errors on purpose) are skipped.
func TestCorpusConfigFindings(t *testing.T) {
	shared := sharedDir(t)
	if shared == "" {
		t.Skip("../shared/corpus is absent: corpus test skipped")
	}
	dirSet := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(shared, "corpus", "hcl"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tf") {
			dirSet[filepath.Dir(p)] = true
		}
		return err
	})
	if err != nil || len(dirSet) == 0 {
		t.Fatalf("no corpus module directories: %v", err)
	}
	dirs := make([]string, 0, len(dirSet))
	for d := range dirSet {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	ctx := context.Background()
	eng, err := rules.New(ctx, rules.Options{Params: fixtureParamValues(t)})
	if err != nil {
		t.Fatal(err)
	}
	loaded, fails := 0, 0
	for _, dir := range dirs {
		docs, err := config.Load(dir, plan.Options{})
		if err != nil {
			continue // not valid Terraform: plan's corpus test covers these
		}
		loaded++
		for _, d := range docs {
			res, err := eng.Evaluate(ctx, d)
			if err != nil {
				t.Errorf("%s: evaluate: %v", dir, err)
				continue
			}
			index := byAddress(d)
			for _, f := range res.Findings {
				if f.Outcome != rules.Fail {
					continue
				}
				fails++
				if why := failRestsOnNothing(index[f.Resource], f); why != "" {
					t.Errorf("%s: %s fails %s (attribute %q: %s) but %s", dir, f.RuleID, f.Resource, f.Attribute, f.Message, why)
				}
			}
		}
	}
	t.Logf("%d of %d module directories loaded; %d failures, none resting on a value known only after apply", loaded, len(dirs), fails)
	if loaded < len(dirs)/2 {
		t.Errorf("only %d of %d corpus module directories loaded", loaded, len(dirs))
	}
}

// TestFindingsOnListedTypes: the engine evaluates a rule only when the
// document holds one of its METADATA resource_types, which is safe only if
// every rule reports on resources of those types. Checked on every fixture
// plan and on the corpus plans.
func TestFindingsOnListedTypes(t *testing.T) {
	ctx := context.Background()
	eng, err := rules.New(ctx, rules.Options{Params: fixtureParamValues(t)})
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]map[string]bool{}
	for _, r := range eng.Rules() {
		listed[r.ID] = map[string]bool{}
		for _, typ := range r.ResourceTypes {
			listed[r.ID][typ] = true
		}
	}
	var inputs []string
	for _, c := range fixtureCases(t) {
		inputs = append(inputs, filepath.Join(repoRoot(t), "fixtures", caseInputs(t, c)[0]))
	}
	if shared := sharedDir(t); shared != "" {
		more, _ := filepath.Glob(filepath.Join(shared, "corpus", "plans", "*.json"))
		inputs = append(inputs, more...)
	}
	checked := 0
	for _, in := range inputs {
		docs, err := input.Load(in, plan.Options{})
		if err != nil {
			continue // refused inputs are other tests' business
		}
		for _, d := range docs {
			res, err := eng.Evaluate(ctx, d)
			if err != nil {
				t.Errorf("%s: %v", in, err)
				continue
			}
			types := map[string]string{}
			for _, r := range d.Resources {
				types[r.Address] = r.Type
			}
			for _, f := range res.Findings {
				checked++
				if l := listed[f.RuleID]; !l["*"] && !l[types[f.Resource]] {
					t.Errorf("%s: %s reports %s, a %s, which its resource_types do not list", filepath.Base(in), f.RuleID, f.Resource, types[f.Resource])
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no findings checked")
	}
}

// byAddress indexes a document's resources by address.
func byAddress(d *plan.Document) map[string]*plan.Resource {
	index := make(map[string]*plan.Resource, len(d.Resources))
	for i := range d.Resources {
		index[d.Resources[i].Address] = &d.Resources[i]
	}
	return index
}
