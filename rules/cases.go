package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// CaseFile names the expectations of a fixture case: a directory holding
// it and an input (plan.json, a document saved from `tfgate inspect`, or
// .tf files) is a case.
const CaseFile = "expect.yaml"

// Case is one fixture case, read from its expect.yaml.
type Case struct {
	Dir string
	// Input is the file or directory checked (relative to Dir in the file).
	Input string
	// Params are merged over the run's parameters for this case.
	Params map[string]any
	// Expect maps a rule id to the addresses it must report as failing or
	// indeterminate, and those it must not report at all ("" is a finding
	// on the whole plan, without a resource).
	Expect map[string]Expectation
	lines  map[string]int // rule id -> line in expect.yaml
}

// Expectation is what one rule must (not) report in a case.
type Expectation struct {
	Fail    []string `yaml:"fail"`
	Unknown []string `yaml:"unknown"`
	Pass    []string `yaml:"pass"` // must not be reported at all
}

// CaseResult is the outcome of one case: Problems is the readable diff,
// empty when the case passes.
type CaseResult struct {
	Dir      string
	Problems []string
}

// Passed reports whether the case passed.
func (r CaseResult) Passed() bool { return len(r.Problems) == 0 }

// CaseOptions configure RunCases.
type CaseOptions struct {
	// Policies are loaded for every case (with the library).
	Policies []PolicyDir
	// Params are the run's parameters; a case's params are merged over them.
	Params map[string]any
	// Load reads inputs (terraform executable for saved plans).
	Load plan.Options
}

// FindCases lists the case directories under dirs (each holding
// expect.yaml), sorted.
func FindCases(dirs []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, d := range dirs {
		err := filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("read %s: %w", p, unwrapPathError(err))
			}
			if e.IsDir() && p != d && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			if !e.IsDir() && e.Name() == CaseFile {
				dir := filepath.Dir(p)
				if !seen[dir] {
					seen[dir] = true
					out = append(out, dir)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// ReadCase reads dir/expect.yaml strictly: an unknown key, a wrong type or
// an empty expectation is an error naming the file and line.
func ReadCase(dir string) (*Case, error) {
	path := filepath.Join(dir, CaseFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPathError(err))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	c := &Case{Dir: dir, Expect: map[string]Expectation{}, lines: map[string]int{}}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s is empty: it needs `expect:` (rule id -> fail / unknown / pass addresses)", path)
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping with input, params and expect", path, doc.Line)
	}
	bad := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, n.Line, fmt.Sprintf(format, args...))
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "input":
			if v.Kind != yaml.ScalarNode || v.Value == "" {
				return nil, bad(v, "input: want a file or directory name relative to the case")
			}
			c.Input = v.Value
		case "params":
			var params map[string]any
			if v.Kind != yaml.MappingNode || v.Decode(&params) != nil {
				return nil, bad(v, "params: want a mapping of parameter names to values")
			}
			c.Params = params
		case "expect":
			if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
				return nil, bad(v, "expect: want a mapping of rule ids to {fail, unknown, pass} address lists")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				id, body := v.Content[j], v.Content[j+1]
				if body.Kind != yaml.MappingNode {
					return nil, bad(body, "expect.%s: want a mapping with fail, unknown and/or pass", id.Value)
				}
				var e Expectation
				for m := 0; m+1 < len(body.Content); m += 2 {
					key, list := body.Content[m], body.Content[m+1]
					var addrs []string
					if list.Kind != yaml.SequenceNode || list.Decode(&addrs) != nil {
						return nil, bad(list, "expect.%s.%s: want a list of resource addresses", id.Value, key.Value)
					}
					switch key.Value {
					case "fail":
						e.Fail = addrs
					case "unknown":
						e.Unknown = addrs
					case "pass":
						e.Pass = addrs
					default:
						return nil, bad(key, "expect.%s: unknown key %q (valid: fail, unknown, pass)", id.Value, key.Value)
					}
				}
				if len(e.Fail)+len(e.Unknown)+len(e.Pass) == 0 {
					return nil, bad(body, "expect.%s: list addresses under fail, unknown or pass", id.Value)
				}
				if _, dup := c.Expect[id.Value]; dup {
					return nil, bad(id, "expect: rule %s given twice", id.Value)
				}
				c.Expect[id.Value] = e
				c.lines[id.Value] = id.Line
			}
		default:
			return nil, bad(k, "unknown key %q (valid: input, params, expect)", k.Value)
		}
	}
	if len(c.Expect) == 0 {
		return nil, fmt.Errorf("%s: no `expect:`: a case must say what it expects", path)
	}
	if c.Input == "" {
		for _, name := range []string{"plan.json", "document.json"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				c.Input = name
				break
			}
		}
	}
	if c.Input == "" {
		if tfs, _ := filepath.Glob(filepath.Join(dir, "*.tf")); len(tfs) > 0 {
			c.Input = "."
		}
	}
	if c.Input == "" {
		return nil, fmt.Errorf("%s: the case has no input: add plan.json (terraform show -json), document.json (tfgate inspect) or .tf files beside it, or name one with `input:`", path)
	}
	return c, nil
}

// loadCaseInput reads a case's input: a saved document (tfgate inspect
// output) is used as is; anything else goes through input.Load.
func loadCaseInput(c *Case, opts plan.Options) ([]*plan.Document, error) {
	path := c.Input
	if !filepath.IsAbs(path) {
		path = filepath.Join(c.Dir, path)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: input %s: %w", filepath.Join(c.Dir, CaseFile), c.Input, unwrapPathError(err))
	}
	if !info.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, unwrapPathError(err))
		}
		if docs, ok, err := savedDocuments(data, path); ok || err != nil {
			return docs, err
		}
	}
	return input.Load(path, opts)
}

// savedDocuments reads `tfgate inspect` output (one document, or an array
// of them). ok is false when data is not such output (a plan).
func savedDocuments(data []byte, path string) ([]*plan.Document, bool, error) {
	trimmed := bytes.TrimSpace(data)
	var probe struct {
		Source        *plan.Source    `json:"source"`
		Resources     json.RawMessage `json:"resources"`
		FormatVersion *string         `json:"format_version"`
	}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var docs []*plan.Document
		if err := json.Unmarshal(trimmed, &docs); err != nil {
			return nil, false, nil
		}
		for _, d := range docs {
			if d == nil || d.Source.Kind == "" {
				return nil, false, nil
			}
		}
		return docs, true, nil
	}
	if err := json.Unmarshal(trimmed, &probe); err != nil || probe.Source == nil || probe.Resources == nil || probe.FormatVersion != nil {
		return nil, false, nil
	}
	var d plan.Document
	if err := json.Unmarshal(trimmed, &d); err != nil {
		return nil, true, fmt.Errorf("%s: saved document: %w", path, err)
	}
	return []*plan.Document{&d}, true, nil
}

// RunCases runs every case: one engine per distinct set of parameters.
// An unreadable case, an unknown rule id or an address that is not in the
// input is an error (the case could not say anything), not a failure.
func RunCases(ctx context.Context, dirs []string, opts CaseOptions) ([]CaseResult, error) {
	engines := map[string]*Engine{}
	// A directory given to tfgate test may hold only cases.
	var policies []PolicyDir
	for _, d := range opts.Policies {
		if holdsPolicies(d.Path) {
			policies = append(policies, d)
		}
	}
	opts.Policies = policies
	var out []CaseResult
	for _, dir := range dirs {
		c, err := ReadCase(dir)
		if err != nil {
			return nil, err
		}
		params := map[string]any{}
		for k, v := range opts.Params {
			params[k] = v
		}
		for k, v := range c.Params {
			params[k] = v
		}
		key, _ := json.Marshal(params)
		e := engines[string(key)]
		if e == nil {
			if e, err = New(ctx, Options{Policies: opts.Policies, Params: params}); err != nil {
				return nil, err
			}
			engines[string(key)] = e
		}
		docs, err := loadCaseInput(c, opts.Load)
		if err != nil {
			return nil, err
		}
		res, err := e.runCase(ctx, c, docs)
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// holdsPolicies reports whether path is a .rego file or a directory with
// .rego files that are not tests.
func holdsPolicies(path string) bool {
	found := false
	_ = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return filepath.SkipAll
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego") {
			found = true
		}
		return nil
	})
	return found
}

func (e *Engine) runCase(ctx context.Context, c *Case, docs []*plan.Document) (CaseResult, error) {
	file := filepath.Join(c.Dir, CaseFile)
	res := CaseResult{Dir: c.Dir}
	// What each rule reported, by address: "fail" or "unknown", with the message.
	type got struct{ outcome, message string }
	reported := map[string]map[string]got{}
	addresses := map[string]bool{"": true}
	notEvaluated := map[string]string{}
	for _, n := range e.Skipped() {
		notEvaluated[n.RuleID] = n.Message
	}
	for _, d := range docs {
		for _, r := range d.Resources {
			addresses[r.Address] = true
		}
		r, err := e.Evaluate(ctx, d)
		if err != nil {
			return res, fmt.Errorf("%s: evaluate %s: %w", file, d.Source.Path, err)
		}
		for _, f := range r.Findings {
			if reported[f.RuleID] == nil {
				reported[f.RuleID] = map[string]got{}
			}
			prev, ok := reported[f.RuleID][f.Resource]
			if !ok || prev.outcome == string(Unknown) && f.Outcome == Fail {
				reported[f.RuleID][f.Resource] = got{string(f.Outcome), f.Message}
			}
		}
		for _, n := range r.Notices {
			if n.Code == "rule-not-evaluated" && n.RuleID != "" {
				notEvaluated[n.RuleID] = n.Message
			}
		}
	}
	ids := make([]string, 0, len(c.Expect))
	for id := range c.Expect {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		exp := c.Expect[id]
		if _, ok := e.Rule(id); !ok {
			return res, fmt.Errorf("%s:%d: no rule %s (list them with tfgate rules; is its policy directory given?)", file, c.lines[id], id)
		}
		for _, a := range append(append(append([]string(nil), exp.Fail...), exp.Unknown...), exp.Pass...) {
			if !addresses[a] {
				return res, fmt.Errorf("%s:%d: %s: %s is not a resource of the input %s", file, c.lines[id], id, a, c.Input)
			}
		}
		if msg, ok := notEvaluated[id]; ok {
			res.Problems = append(res.Problems, fmt.Sprintf("%s: not evaluated: %s", id, msg))
			continue
		}
		show := func(a string) string {
			if a == "" {
				return "(the plan)"
			}
			return a
		}
		check := func(addrs []string, want string) {
			for _, a := range addrs {
				g, ok := reported[id][a]
				switch {
				case !ok:
					res.Problems = append(res.Problems, fmt.Sprintf("%s %s: want %s, got no finding", id, show(a), want))
				case g.outcome != want:
					res.Problems = append(res.Problems, fmt.Sprintf("%s %s: want %s, got %s (%s)", id, show(a), want, g.outcome, g.message))
				}
			}
		}
		check(exp.Fail, string(Fail))
		check(exp.Unknown, string(Unknown))
		for _, a := range exp.Pass {
			if g, ok := reported[id][a]; ok {
				res.Problems = append(res.Problems, fmt.Sprintf("%s %s: want no finding, got %s (%s)", id, show(a), g.outcome, g.message))
			}
		}
	}
	return res, nil
}
