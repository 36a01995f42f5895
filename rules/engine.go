package rules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/tfgate/tfgate/library"
	"github.com/tfgate/tfgate/plan"
)

// Options configure an Engine.
type Options struct {
	// PolicyDirs are directories of the user's own Rego policies, read
	// recursively (files ending in _test.rego are tests, not policies), as
	// Rego v1 over the document: the same as Policies entries with only a
	// Path.
	PolicyDirs []string
	// Policies are policy directories with their settings (Rego version,
	// input kind), read after PolicyDirs.
	Policies []PolicyDir
	// Params become data.tfgate.params.
	Params map[string]any
	// Timeout bounds the evaluation of one document (Evaluate); 0 means no
	// bound. A policy that runs longer is stopped with an error naming it.
	Timeout time.Duration
	// Shards is how many workers evaluate the rule packages concurrently
	// (each package its own query, taken by whichever worker is free, the
	// costliest first); 0 means one per CPU the process may use, at most
	// maxShards, for a document of at least smallDocument resources and
	// one for a smaller one. 1 evaluates every package in one query, one
	// after the other (a test compares the two).
	Shards int
	// ReleaseValues lets Evaluate and EvaluateChange drop each document's
	// resource values (After and Unknown) once they are converted to the
	// policies' input, which then holds the only copy: a caller that sets it
	// reads no evaluated document's values again. On 11,000 resources the
	// Go values are a third of what stays live while the rules run, so the
	// heap has room to grow before it is collected (docs/benchmarks.md). It
	// is ignored while per-resource policies are loaded (they read the Go
	// values).
	ReleaseValues bool
}

// Default parameter values, applied when Options.Params does not set them.
var defaultParams = map[string]any{
	"internet_min_prefix_v4": 8,
	"internet_min_prefix_v6": 16,
}

// shardQuery is the entrypoint each unit of work (data.tfgate.engine.shards[k]:
// one rule package, or every package when one worker evaluates them) is
// evaluated with; its result is the binding of shardVar.
const shardQuery = shardVar + " := data.tfgate.main.shard_results(%d)"

const shardVar = "__shard__"

// maxShards bounds how many workers evaluate rule packages concurrently.
const maxShards = 4

// smallDocument is the number of resources below which a document is
// evaluated by one worker in one query (unless Options.Shards says
// otherwise): a second worker's store and a query per package cost more
// than the evaluation of a few resources it would take off the first (a
// configuration directory in a pre-commit hook; docs/benchmarks.md).
const smallDocument = 100

// maxCompileParts bounds how many compilations share a small document's
// selection (compileParts): each compiles the support rules its part
// needs again.
const maxCompileParts = 2

// libraryPrefix names embedded files in messages and in Rule.File.
const libraryPrefix = "library/"

// Engine holds the rule catalogue and the user's compiled policies. Build
// it once with New and call Evaluate for each document. The embedded
// library is compiled lazily, per document: only the rule packages that
// apply to the document's resource types (and clouds) and the helpers they
// need, so start-up and evaluation do not grow with the rules that do not
// apply (selectRules).
type Engine struct {
	rules   []Rule
	notices []Notice // about the policies (defaulted METADATA), once per run
	perRes  []*perResource
	// planPolicies are the conftest and HCP Terraform style packages.
	planPolicies []*planPolicy
	byPackage    map[string]*Rule // "aws.egress.security_group" -> rule
	byID         map[string]*Rule
	params       map[string]any
	timeout      time.Duration
	release      bool // Options.ReleaseValues
	// lib is the embedded library; user are the user's document-input
	// modules (rules and helpers), compiled with every selection.
	lib  *libState
	user map[string]*ast.Module
	// userDeps are the library rule packages the user's modules refer to.
	userDeps []string
	// runnable are the tfgate-style rules whose parameters are set.
	runnable []Rule
	shards   int
	mu       sync.Mutex
	prepared map[string]*prepared // selection key -> compiled selection
}

// prepared is one selection of rule packages, compiled once.
type prepared struct {
	once sync.Once
	set  *evalSet
	err  error
}

// evalSet is a selection of rule packages compiled once, split into units
// of work (units[k] is data.tfgate.engine.shards[k]), and the workers that
// evaluate the units concurrently over one shared input value: a worker
// takes the costliest unit not taken yet (evalShards), so a rule that costs
// a third of the evaluation does not leave the other CPUs idle while it
// runs, as a fixed split of the packages did.
type evalSet struct {
	units   [][]Rule
	workers chan *worker // capacity: how many evaluate concurrently
}

// worker is one evaluator of an evalSet: its store (parameters, units and,
// during an evaluation, the document's index) and a query per unit,
// prepared against it over the set's compiler. A worker is used by one
// evaluation at a time (taken from and given back to evalSet.workers).
type worker struct {
	store   storage.Store
	queries []rego.PreparedEvalQuery
}

// New reads the catalogue of the embedded library (rules/libindex_gen.go) and
// loads the user's policy directories: it validates the catalogue, and
// compiles the user's policies at once (type-checked against the input
// schema, with capabilities that exclude network, environment and clock
// builtins), so that a policy that does not compile fails the run before
// any input is read. The library's own rules are compiled by Evaluate.
func New(ctx context.Context, opts Options) (*Engine, error) {
	lib, err := embeddedIndex()
	if err != nil {
		return nil, err
	}
	lib.prewarm()
	dirs := opts.dirs()
	set, err := loadUserModules(dirs, false)
	if err != nil {
		return nil, err
	}
	docModules := set.documentModules()
	per, problems := classifyDocumentPackages(docModules)
	skip := map[string]bool{}
	for k := range per {
		skip[k] = true
	}
	userRules, notices, err := buildCatalogue(docModules, skip)
	if err != nil {
		return nil, err
	}
	if err := clashWithLibrary(docModules, lib.index); err != nil {
		return nil, err
	}
	// Library rule packages the user's modules refer to (to reuse a rule's
	// helpers) are compiled with them.
	var userDeps []string
	for _, m := range docModules {
		for _, p := range rulePackageRefs(m) {
			if _, ok := lib.index.Files[p]; ok {
				userDeps = append(userDeps, p)
			}
		}
	}
	userDeps = lib.index.withDeps(userDeps)
	annotateResourceSchema(docModules, per)
	var compiler *ast.Compiler
	if len(docModules) > 0 {
		files := lib.index.support(nil, true)
		for _, p := range userDeps {
			files = append(files, lib.index.Files[p]...)
		}
		mods, err := lib.parse(files)
		if err != nil {
			return nil, err
		}
		for k, m := range docModules {
			mods[k] = m
		}
		compiler, err = compile(mods, true)
		if err != nil {
			if len(problems) > 0 {
				err = fmt.Errorf("%w\n%s", err, strings.Join(limit(problems, 3), "\n"))
			}
			return nil, err
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(limit(problems, 5), "\n"))
	}
	var perRules []Rule
	var perPols []*perResource
	var perNotices []Notice
	if len(per) > 0 {
		if perRules, perPols, perNotices, err = perResourcePolicies(ctx, compiler, docModules, per); err != nil {
			return nil, err
		}
	}
	planRules, planPols, planNotices, err := planPolicies(ctx, set.planDirs(dirs))
	if err != nil {
		return nil, err
	}
	all := append(append(append(slices.Clone(lib.index.Rules), userRules...), perRules...), planRules...)
	if all, err = finishCatalogue(all); err != nil {
		return nil, err
	}

	params := map[string]any{}
	for k, v := range defaultParams {
		params[k] = v
	}
	for k, v := range opts.Params {
		params[k] = v
	}
	// A rule whose parameter is not set is reported as not evaluated (see
	// Skipped) and never compiled nor evaluated: it could only produce
	// nothing. Only tfgate rule packages are evaluated by the shards.
	var runnable []Rule
	for _, r := range all {
		if _, missing := missingParam(r, params); r.Style == StyleRule && !missing {
			runnable = append(runnable, r)
		}
	}
	shards := max(opts.Shards, 0)
	e := &Engine{
		rules:        all,
		notices:      append(append(notices, perNotices...), planNotices...),
		perRes:       perPols,
		planPolicies: planPols,
		byPackage:    map[string]*Rule{},
		byID:         map[string]*Rule{},
		params:       params,
		timeout:      opts.Timeout,
		release:      opts.ReleaseValues,
		lib:          lib,
		user:         docModules,
		userDeps:     userDeps,
		runnable:     runnable,
		shards:       shards,
		prepared:     map[string]*prepared{},
	}
	for i := range e.rules {
		r := &e.rules[i]
		if r.Style == StyleRule {
			e.byPackage[strings.TrimPrefix(r.Package, "data.tfgate.rules.")] = r
		}
		e.byID[r.ID] = r
	}
	return e, nil
}

// clashWithLibrary refuses a user's package that is one of the library's
// rule packages: it would change a library rule.
func clashWithLibrary(modules map[string]*ast.Module, idx *libIndex) error {
	names := slices.Sorted(maps.Keys(modules))
	for _, name := range names {
		pkg := modules[name].Package.Path.String()
		files, ok := idx.Files[pkg]
		if !ok {
			continue
		}
		line := 0
		if modules[name].Package.Location != nil {
			line = modules[name].Package.Location.Row
		}
		return fmt.Errorf("invalid rule metadata: %s:%d: package %s is a rule of the embedded library (%s): give your policy its own package name",
			name, line, strings.TrimPrefix(pkg, "data."), files[0])
	}
	return nil
}

// selectRules returns the runnable rules that can have anything to check
// in doc: a rule that lists resource types applies when the document holds
// one of them; a rule for every type ("*" or none) always, except that a
// library rule of a cloud (cloudScope) needs a resource of that cloud.
func (e *Engine) selectRules(doc *plan.Document) []Rule {
	types := map[string]bool{}
	providers := map[string]bool{}
	for i := range doc.Resources {
		types[doc.Resources[i].Type] = true
		providers[doc.Resources[i].Provider.Name] = true
	}
	return e.selectFor(types, providers)
}

// selectFor is selectRules for a document of the given resource types and
// provider names.
func (e *Engine) selectFor(types, providers map[string]bool) []Rule {
	var out []Rule
	for _, r := range e.runnable {
		if ruleApplies(r, types, providers) {
			out = append(out, r)
		}
	}
	return out
}

func ruleApplies(r Rule, types, providers map[string]bool) bool {
	if len(r.ResourceTypes) > 0 && !slices.Contains(r.ResourceTypes, "*") {
		for _, t := range r.ResourceTypes {
			if types[t] {
				return true
			}
		}
		return false
	}
	scope, ok := cloudScope[r.Provider]
	if !r.Builtin || !ok {
		return true
	}
	for _, p := range scope.providers {
		if providers[p] {
			return true
		}
	}
	for t := range types {
		for _, prefix := range scope.typePrefixes {
			if strings.HasPrefix(t, prefix) {
				return true
			}
		}
	}
	return false
}

// rawResults evaluates the rules selected for doc over its input value.
func (e *Engine) rawResults(ctx context.Context, doc *plan.Document, input ast.Value) ([]rawResult, error) {
	set, err := e.prepare(ctx, e.selectRules(doc), e.shardsFor(doc))
	if err != nil {
		return nil, err
	}
	index, err := docIndex(doc, input)
	if err != nil {
		return nil, err
	}
	return evalShards(ctx, set, input, index)
}

// shardsFor is how many workers evaluate doc: Options.Shards when set,
// else one for a small document and one per CPU (at most maxShards) for
// others.
func (e *Engine) shardsFor(doc *plan.Document) int {
	return e.shardsForCount(len(doc.Resources))
}

// shardsForCount is shardsFor a document of n resources.
func (e *Engine) shardsForCount(n int) int {
	if e.shards > 0 {
		return e.shards
	}
	if n < smallDocument {
		return 1
	}
	return numShards()
}

// Anticipate compiles, in the background, the rules that a document of
// the given resource types and provider names, of about n resources, would
// select, as Evaluate would (prepare: once per selection and worker
// count), so that a document still being read finds its rules compiled
// when its guess (planjson.PeekFile) was right. A wrong guess costs the
// CPU of one compilation and changes nothing: Evaluate compiles what its
// document selects, and a compilation that fails is not kept.
func (e *Engine) Anticipate(ctx context.Context, types, providers []string, n int) {
	ts := make(map[string]bool, len(types))
	for _, t := range types {
		ts[t] = true
	}
	ps := make(map[string]bool, len(providers))
	for _, p := range providers {
		ps[p] = true
	}
	selected, workers := e.selectFor(ts, ps), e.shardsForCount(n)
	go func() {
		defer func() { _ = recover() }() // Evaluate compiles again, and reports
		_, _ = e.prepare(ctx, selected, workers)
	}()
}

// prepare compiles (once per selection, worker count and Engine) the
// given rules for n workers.
func (e *Engine) prepare(ctx context.Context, selected []Rule, n int) (*evalSet, error) {
	if len(selected) == 0 {
		return nil, nil
	}
	keys := make([]string, len(selected), len(selected)+1)
	for i, r := range selected {
		keys[i] = r.Package
	}
	key := strings.Join(append(keys, strconv.Itoa(n)), ",")
	e.mu.Lock()
	p, ok := e.prepared[key]
	if !ok {
		p = &prepared{}
		e.prepared[key] = p
	}
	e.mu.Unlock()
	p.once.Do(func() {
		// A panic must not leave the selection compiled into nothing.
		defer func() {
			if r := recover(); r != nil {
				p.set, p.err = nil, fmt.Errorf("compile policies: internal error: %v", r)
			}
		}()
		p.set, p.err = e.compileShards(ctx, selected, n)
	})
	if p.err != nil {
		// Not kept: a later evaluation (another context) tries again.
		e.mu.Lock()
		if e.prepared[key] == p {
			delete(e.prepared, key)
		}
		e.mu.Unlock()
	}
	return p.set, p.err
}

// compileShards compiles the selected rules, with the support rules they
// need and the user's modules, into units of work (shardUnits) and n
// workers, each with its store and a query per unit.
//
// The rules are compiled once, except for one worker without policies of
// the user's own (a small document, whose evaluation takes a few
// milliseconds, so that the compilation is the work): there the selection
// is cut into consecutive parts (compileParts), one per CPU, each compiled
// on its own with the support rules it needs; the worker evaluates the
// parts in turn, so the entries come in the same order as from one unit.
func (e *Engine) compileShards(ctx context.Context, selected []Rule, n int) (*evalSet, error) {
	units := shardUnits(selected, n)
	parts := n <= 1 && len(e.user) == 0
	if parts {
		units = e.compileParts(selected)
	}
	compilers := make([]*ast.Compiler, len(units))
	if !parts {
		c, err := e.compileUnits(selected)
		if err != nil {
			return nil, err
		}
		for k := range compilers {
			compilers[k] = c
		}
	} else {
		errs := make([]error, len(units))
		parallel(len(units), func(k int) {
			compilers[k], errs[k] = e.compileUnits(units[k])
		})
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	data := shardData(units)
	n = max(min(n, len(units)), 1)
	set := &evalSet{units: units, workers: make(chan *worker, n)}
	for range n {
		w := &worker{
			store: newShardStore(map[string]any{"tfgate": map[string]any{
				"params": e.params,
				"engine": map[string]any{"shards": data},
			}}),
			queries: make([]rego.PreparedEvalQuery, len(units)),
		}
		for k := range units {
			var err error
			w.queries[k], err = rego.New(
				rego.Query(fmt.Sprintf(shardQuery, k)),
				rego.Compiler(compilers[k]),
				rego.Store(w.store),
				rego.StrictBuiltinErrors(true),
			).PrepareForEval(ctx)
			if err != nil {
				return nil, fmt.Errorf("prepare policies: %w", err)
			}
		}
		set.workers <- w
	}
	return set, nil
}

// compileUnits compiles rs with the support rules they need and the
// user's modules.
func (e *Engine) compileUnits(rs []Rule) (*ast.Compiler, error) {
	mods, err := e.libraryModules(rs)
	if err != nil {
		return nil, err
	}
	if len(e.user) == 0 {
		return compileLibrary(mods)
	}
	for n, m := range e.user {
		mods[n] = m
	}
	return compile(mods, false)
}

// compileParts cuts rs into consecutive parts of about equal source size
// (what a compilation costs), one per CPU, at most maxCompileParts.
func (e *Engine) compileParts(rs []Rule) [][]Rule {
	parts := min(runtime.GOMAXPROCS(0), maxCompileParts, len(rs))
	if parts <= 1 {
		return [][]Rule{rs}
	}
	size := make([]int, len(rs))
	total := 0
	for i, r := range rs {
		for _, f := range e.lib.index.Files[r.Package] {
			// The size from the embedded file system's metadata: reading
			// the file would copy it.
			if fi, err := fs.Stat(library.FS, strings.TrimPrefix(f, libraryPrefix)); err == nil {
				size[i] += int(fi.Size())
			}
		}
		total += size[i]
	}
	// Cut where the running size crosses each share of the total, before
	// or after the rule that crosses it, whichever is nearer; every part
	// holds a rule.
	var out [][]Rule
	start, sum := 0, 0
	for i := range rs {
		sum += size[i]
		cuts := parts - 1 - len(out)
		if cuts == 0 || i+1 == len(rs) {
			break
		}
		target := total * (len(out) + 1) / parts
		switch {
		case len(rs)-(i+1) == cuts || sum >= target && sum-target <= target-(sum-size[i]):
			out = append(out, rs[start:i+1])
			start = i + 1
		case sum >= target && i > start:
			out = append(out, rs[start:i])
			start = i
		}
	}
	return append(out, rs[start:])
}

// libraryFiles lists the embedded files that evaluating rs needs: the
// files of their packages and of the packages those refer to, and the
// support files they use (libIndex.Needs; without it, the support files
// of their clouds), or every support file when the user has policies of
// their own (they may call any helper). It also returns which rules of
// each support file to compile: nil for all of them.
func (e *Engine) libraryFiles(rs []Rule) ([]string, map[string]map[int]bool) {
	idx := e.lib.index
	pkgs := slices.Clone(e.userDeps)
	for _, r := range rs {
		if r.Builtin {
			pkgs = append(pkgs, r.Package)
		}
	}
	pkgs = idx.withDeps(pkgs)
	clouds := map[string]bool{}
	var files []string
	for _, p := range pkgs {
		files = append(files, idx.Files[p]...)
		if segs := strings.Split(p, "."); len(segs) > 3 {
			clouds[segs[3]] = true
		}
	}
	needs := idx.needs(pkgs)
	if len(e.user) > 0 || needs == nil {
		return append(files, idx.support(clouds, len(e.user) > 0)...), nil
	}
	files = append(files, idx.mainFiles()...)
	for _, f := range slices.Sorted(maps.Keys(needs)) {
		files = append(files, f)
	}
	return files, needs
}

// libraryModules parses (or takes from the parsed) the files of
// libraryFiles, with only the rules needed of each support file.
func (e *Engine) libraryModules(rs []Rule) (map[string]*ast.Module, error) {
	files, needs := e.libraryFiles(rs)
	mods, err := e.lib.parse(files)
	if err != nil {
		return nil, err
	}
	for name, keep := range needs {
		mods[name] = pruned(mods[name], keep)
	}
	return mods, nil
}

// parallel calls f(0) ... f(n-1) on at most GOMAXPROCS goroutines and
// waits for them. A panic in f is re-raised in the caller.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	var panicked atomic.Value
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					panicked.Store(fmt.Sprint(r))
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
	if p := panicked.Load(); p != nil {
		panic(p)
	}
}

// dirs is every policy directory of the options, PolicyDirs first.
func (o Options) dirs() []PolicyDir {
	var out []PolicyDir
	for _, d := range o.PolicyDirs {
		out = append(out, PolicyDir{Path: d})
	}
	return append(out, o.Policies...)
}

// Notices are the messages about the policies themselves (a user's policy
// whose METADATA was defaulted) and the rules not evaluated for want of a
// parameter (Skipped): once per run.
func (e *Engine) Notices() []Notice {
	return append(append([]Notice(nil), e.notices...), e.Skipped()...)
}

// ReadsPlanJSON reports whether some policy reads the raw plan
// (plan.Document.PlanJSON: conftest and HCP Terraform style policies).
// When none does, a caller may drop it before evaluating.
func (e *Engine) ReadsPlanJSON() bool { return len(e.planPolicies) > 0 }

// Rules returns the catalogue sorted by id.
func (e *Engine) Rules() []Rule { return append([]Rule(nil), e.rules...) }

// Rule returns one rule by id.
func (e *Engine) Rule(id string) (Rule, bool) {
	r, ok := e.byID[id]
	if !ok {
		return Rule{}, false
	}
	return *r, true
}

// Skipped lists the rules that were not evaluated because a parameter they
// need is not set: one notice per rule and run, so a rule never passes
// silently for want of configuration.
func (e *Engine) Skipped() []Notice {
	var out []Notice
	for _, r := range e.rules {
		if p, ok := missingParam(r, e.params); ok {
			out = append(out, Notice{
				Code:    "rule-not-evaluated",
				RuleID:  r.ID,
				Message: fmt.Sprintf("%s not evaluated: parameter %s is not set (set it with --param %s=...)", r.ID, p, p),
			})
		}
	}
	return out
}

// missingParam returns the first parameter r needs that is not set.
func missingParam(r Rule, params map[string]any) (string, bool) {
	for _, p := range r.Params {
		if v, ok := params[p]; !ok || isEmpty(v) {
			return p, true
		}
	}
	return "", false
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	case string:
		return x == ""
	case map[string]any:
		return len(x) == 0
	}
	return false
}

// Result is what one document produced.
type Result struct {
	Findings []Finding
	Notices  []Notice
	// Fixed are the failures of the state before a plan that the plan
	// removes (EvaluateChange); they never fail a run.
	Fixed []Finding
}

// rawResult is one deny or unknown entry of a rule package
// (data.tfgate.main.shard_results).
type rawResult struct {
	Package   string `json:"package"`
	Outcome   string `json:"outcome"`
	Resource  string `json:"resource"`
	Message   string `json:"message"`
	Attribute string `json:"attribute"`
}

// Evaluate runs every rule on one document. An evaluation error is returned
// as an error: it is never a pass. So is an evaluation that takes longer
// than Options.Timeout (see evalTimeout).
func (e *Engine) Evaluate(ctx context.Context, doc *plan.Document) (*Result, error) {
	// A cancelled run is never a pass, even when no query would notice
	// (a document whose types no rule lists).
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", doc.Source.Path, err)
	}
	return e.withTimeout(ctx, doc, e.evaluate)
}

func (e *Engine) evaluate(ctx context.Context, doc *plan.Document, st *stage) (*Result, error) {
	// The selected rules compile while the document becomes an input value.
	var set *evalSet
	var prepErr error
	compiled := make(chan struct{})
	go func() {
		defer close(compiled)
		defer func() {
			if r := recover(); r != nil {
				prepErr = fmt.Errorf("compile policies: internal error: %v", r)
			}
		}()
		set, prepErr = e.prepare(ctx, e.selectRules(doc), e.shardsFor(doc))
	}()
	input, err := docValue(doc)
	if err == nil && e.release && len(e.perRes) == 0 {
		for i := range doc.Resources {
			doc.Resources[i].After, doc.Resources[i].Unknown = nil, nil
		}
	}
	<-compiled
	if err != nil {
		return nil, fmt.Errorf("prepare input: %w", err)
	}
	values := inputResources(input)
	if prepErr != nil {
		return nil, prepErr
	}
	index, err := docIndex(doc, input)
	if err != nil {
		return nil, fmt.Errorf("prepare input: %w", err)
	}
	st.set(ctx, e.shardPolicies())
	raws, err := evalShards(ctx, set, input, index)
	if err != nil {
		return nil, err
	}

	byAddr := make(map[string]*plan.Resource, len(doc.Resources))
	at := make(map[string]int, len(doc.Resources))
	for i := range doc.Resources {
		byAddr[doc.Resources[i].Address] = &doc.Resources[i]
		at[doc.Resources[i].Address] = i
	}
	failed := make(map[[2]string]bool, len(raws))
	for _, r := range raws {
		if r.Outcome == string(Fail) {
			failed[[2]string{r.Package, r.Resource}] = true
		}
	}
	res := &Result{Findings: make([]Finding, 0, len(raws))}
	seen := make(map[string]bool, len(raws))
	for _, r := range raws {
		rule, ok := e.byPackage[r.Package]
		if !ok {
			// A package under tfgate.rules without METADATA is refused by
			// New, so this is only reachable through a bug.
			return nil, fmt.Errorf("result from package data.tfgate.rules.%s, which is not in the catalogue", r.Package)
		}
		if r.Outcome == string(Unknown) && failed[[2]string{r.Package, r.Resource}] {
			continue
		}
		f := Finding{
			RuleID:    rule.ID,
			Severity:  rule.Severity,
			Outcome:   Outcome(r.Outcome),
			Resource:  r.Resource,
			Attribute: r.Attribute,
			Message:   r.Message,
			Source:    doc.Source.Path,
		}
		if f.Outcome != Fail && f.Outcome != Unknown {
			return nil, fmt.Errorf("rule %s produced outcome %q", rule.ID, r.Outcome)
		}
		target, ok := byAddr[r.Resource]
		if ok {
			f.Sensitive = holdsRedacted(afterValue(values, at[r.Resource]), r.Attribute)
		}
		if ok && target.Location != nil {
			loc := target.Location
			f.File = loc.File
			if rg, ok := loc.Lookup(r.Attribute); ok {
				f.Range = rg
			} else {
				f.Range = plan.Range{StartLine: loc.StartLine, EndLine: loc.EndLine}
			}
		}
		key := f.RuleID + "\x00" + string(f.Outcome) + "\x00" + f.Resource + "\x00" + f.Attribute + "\x00" + f.Message
		if seen[key] {
			continue
		}
		seen[key] = true
		res.Findings = append(res.Findings, f)
	}
	for _, p := range e.perRes {
		st.set(ctx, e.policiesOf(p.rule))
		fs, err := e.evalPerResource(ctx, p, input, doc, byAddr)
		if err != nil {
			return nil, err
		}
		e.locate(fs, byAddr, at, values)
		res.Findings = append(res.Findings, fs...)
	}
	st.set(ctx, e.planPolicyFiles())
	planFindings, planNotices, err := e.evalPlanPolicies(ctx, doc, byAddr)
	if err != nil {
		return nil, err
	}
	e.locate(planFindings, byAddr, at, values)
	res.Findings = append(res.Findings, planFindings...)
	res.Notices = append(res.Notices, planNotices...)
	SortFindings(res.Findings)
	for _, n := range doc.Notices {
		res.Notices = append(res.Notices, Notice{
			Code: n.Code, Message: n.Message, Source: doc.Source.Path, File: n.File, Line: n.Line,
		})
	}
	return res, nil
}

// locate gives findings of per-resource and plan-JSON policies the source
// range and sensitivity of their resource (none for a plan-level finding).
func (e *Engine) locate(fs []Finding, byAddr map[string]*plan.Resource, at map[string]int, values []*ast.Term) {
	for i := range fs {
		f := &fs[i]
		target, ok := byAddr[f.Resource]
		if !ok {
			continue
		}
		f.Sensitive = holdsRedacted(afterValue(values, at[f.Resource]), f.Attribute)
		if loc := target.Location; loc != nil {
			f.File = loc.File
			if rg, ok := loc.Lookup(f.Attribute); ok && f.Attribute != "" {
				f.Range = rg
			} else {
				f.Range = plan.Range{StartLine: loc.StartLine, EndLine: loc.EndLine}
			}
		}
	}
}

// inputResources are the resources of a document's input value (docValue),
// in the document's order.
func inputResources(input ast.Value) []*ast.Term {
	obj, ok := input.(ast.Object)
	if !ok {
		return nil
	}
	t := obj.Get(ast.StringTerm("resources"))
	if t == nil {
		return nil
	}
	arr, ok := t.Value.(*ast.Array)
	if !ok {
		return nil
	}
	out := make([]*ast.Term, arr.Len())
	for i := range out {
		out[i] = arr.Elem(i)
	}
	return out
}

// afterValue is the after value of resource i of the input (null when
// there is none): what the policies read, and, under
// Options.ReleaseValues, the only copy of the document's values.
func afterValue(resources []*ast.Term, i int) ast.Value {
	if i < 0 || i >= len(resources) {
		return ast.Null{}
	}
	obj, ok := resources[i].Value.(ast.Object)
	if !ok {
		return ast.Null{}
	}
	if t := obj.Get(ast.StringTerm("after")); t != nil {
		return t.Value
	}
	return ast.Null{}
}

// holdsRedacted reports whether the value at an attribute path
// ("egress[0].cidr_blocks") of v is, or contains, a redacted value.
func holdsRedacted(v ast.Value, path string) bool {
	if path == "" {
		return false
	}
	for _, part := range strings.FieldsFunc(path, func(r rune) bool { return r == '.' || r == '[' || r == ']' }) {
		switch x := v.(type) {
		case ast.Object:
			t := x.Get(ast.StringTerm(part))
			if t == nil {
				return false
			}
			v = t.Value
		case *ast.Array:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= x.Len() {
				return false
			}
			v = x.Elem(i).Value
		default:
			return false
		}
	}
	return containsRedacted(v)
}

func containsRedacted(v ast.Value) bool {
	switch x := v.(type) {
	case ast.String:
		return string(x) == plan.Redacted
	case ast.Object:
		return x.Until(func(_, e *ast.Term) bool { return containsRedacted(e.Value) })
	case *ast.Array:
		return x.Until(func(e *ast.Term) bool { return containsRedacted(e.Value) })
	case ast.Set:
		return x.Until(func(e *ast.Term) bool { return containsRedacted(e.Value) })
	}
	return false
}

// SortFindings orders findings by source, file, line, rule, resource and
// attribute, so every output is deterministic.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		switch {
		case a.Source != b.Source:
			return a.Source < b.Source
		case a.File != b.File:
			return a.File < b.File
		case a.Range.StartLine != b.Range.StartLine:
			return a.Range.StartLine < b.Range.StartLine
		case a.RuleID != b.RuleID:
			return a.RuleID < b.RuleID
		case a.Resource != b.Resource:
			return a.Resource < b.Resource
		case a.Attribute != b.Attribute:
			return a.Attribute < b.Attribute
		}
		return a.Message < b.Message
	})
}

// evalError turns an OPA evaluation error into one line naming the rule.
func evalError(err error) error {
	var msgs []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			msgs = append(msgs, line)
		}
	}
	if len(msgs) > 3 {
		msgs = append(msgs[:3], fmt.Sprintf("(and %d more)", len(msgs)-3))
	}
	var b strings.Builder
	for i, m := range msgs {
		if i > 0 {
			if strings.HasSuffix(msgs[i-1], ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(m)
	}
	return fmt.Errorf("policy evaluation failed: %s", b.String())
}

func limit(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], fmt.Sprintf("(and %d more errors)", len(lines)-n))
}

// oneLine renders OPA parse/compile errors as "file:line: message" lines.
func oneLine(err error) string {
	var astErrs ast.Errors
	if errors.As(err, &astErrs) {
		var lines []string
		for _, e := range astErrs {
			lines = append(lines, formatASTError(e))
		}
		return strings.Join(limit(lines, 5), "\n")
	}
	return err.Error()
}

func formatASTError(e *ast.Error) string {
	msg := e.Message
	if e.Location != nil {
		return fmt.Sprintf("%s:%d: %s: %s", e.Location.File, e.Location.Row, e.Code, msg)
	}
	return fmt.Sprintf("%s: %s", e.Code, msg)
}

// compile compiles modules once, type-checked against the input schema
// (the document, and one resource for per-resource packages) when
// withSchema.
func compile(modules map[string]*ast.Module, withSchema bool) (*ast.Compiler, error) {
	compiler := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithUseTypeCheckAnnotations(true)
	if withSchema {
		ss, err := inputSchemas()
		if err != nil {
			return nil, err
		}
		compiler = compiler.WithSchemas(ss)
	}
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %s", strings.Join(limit(compileErrors(compiler.Errors), 5), "\n"))
	}
	return compiler, nil
}

// libraryChecks are compiler stages that only check modules (recursion,
// undefined functions, rule conflicts, unused imports, builtins outside the
// capabilities, type errors, ...) without changing them. The embedded
// library passes every one of them (TestEachRuleCompilesWithItsSupport,
// TestSelectionLosesNothing and the library's Rego tests compile it with
// all stages, type-checked against the input schema), so compiling it for a
// document skips them: the type check was a quarter of a compilation. The
// shard query assigns its result (shardQuery), so it needs no type
// environment to know data.tfgate.main.shard_results is a function. A
// user's policy is always compiled with every stage.
var libraryChecks = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities, ast.StageCheckTypes,
}

// compileLibrary compiles modules of the embedded library only, without
// the stages that only check (libraryChecks).
func compileLibrary(modules map[string]*ast.Module) (*ast.Compiler, error) {
	compiler := ast.NewCompiler().
		WithCapabilities(capabilities()).
		WithSkipStages(libraryChecks...)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %s", strings.Join(limit(compileErrors(compiler.Errors), 5), "\n"))
	}
	return compiler, nil
}

// inputSchemas holds library/schema/input.json as the schema of input, and
// its resource definition as schema.tfgate.resource.
func inputSchemas() (*ast.SchemaSet, error) {
	raw, err := library.FS.ReadFile("schema/input.json")
	if err != nil {
		return nil, fmt.Errorf("library/schema/input.json: %w", err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		return nil, fmt.Errorf("library/schema/input.json: %w", err)
	}
	defs, _ := schema["definitions"].(map[string]any)
	res, ok := defs["resource"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("library/schema/input.json: no definitions.resource")
	}
	resource := map[string]any{"definitions": defs}
	for k, v := range res {
		resource[k] = v
	}
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, schema)
	ss.Put(resourceSchemaRef, resource)
	return ss, nil
}

// numShards is how many shards the catalogue is split into: one per CPU
// the process may use, at most maxShards.
func numShards() int {
	n := runtime.GOMAXPROCS(0)
	if n > maxShards {
		n = maxShards
	}
	if n < 1 {
		n = 1
	}
	return n
}

// cloudScope is, for each cloud of the embedded library, what a document
// must hold for a library rule of that cloud that applies to every
// resource type ("*") to have anything to check: a resource of one of its
// providers or of a type with one of its prefixes. Every such library rule
// selects its resources by provider name or type prefix (the Azure rules:
// provider azurerm or azapi; the Google rules: types google_*; the AWS
// rules: provider aws), so an AWS-only plan never compiles nor evaluates
// the Azure and Google tagging and location rules
// (TestSelectionLosesNothing).
var cloudScope = map[string]struct{ providers, typePrefixes []string }{
	"aws":     {providers: []string{"aws"}, typePrefixes: []string{"aws_"}},
	"azurerm": {providers: []string{"azurerm", "azapi"}, typePrefixes: []string{"azurerm_", "azapi_"}},
	"google":  {providers: []string{"google", "google-beta"}, typePrefixes: []string{"google_"}},
}

// shardUnits splits the rules into units of work: one unit of every rule
// for one worker (one query: helpers the rules share are computed once),
// else a unit per rule, which any free worker may take.
func shardUnits(rules []Rule, n int) [][]Rule {
	if n <= 1 {
		return [][]Rule{rules}
	}
	units := make([][]Rule, len(rules))
	for i := range rules {
		units[i] = rules[i : i+1]
	}
	return units
}

// unitOrder is the order in which the workers take the units: the
// costliest first, estimated by how many of the document's checked
// resources their rules visit (index: data.tfgate.index); unit order
// among equals. Taking the largest first and the rest as workers free up
// balances the CPUs whatever the rules cost; the order decides only who
// evaluates what, never the results (evalShards gathers them in unit
// order).
func unitOrder(units [][]Rule, index ast.Value) []int {
	total := 0
	counts := map[string]int{}
	member := func(obj ast.Object, key string) ast.Value {
		if t := obj.Get(ast.InternedTerm(key)); t != nil {
			return t.Value
		}
		return nil
	}
	if obj, ok := index.(ast.Object); ok {
		if rs, ok := member(obj, "resources").(*ast.Array); ok {
			total = rs.Len()
		}
		if bt, ok := member(obj, "by_type").(ast.Object); ok {
			bt.Foreach(func(k, v *ast.Term) {
				if t, ok := k.Value.(ast.String); ok {
					if a, ok := v.Value.(*ast.Array); ok {
						counts[string(t)] = a.Len()
					}
				}
			})
		}
	}
	visits := func(r Rule) int {
		if len(r.ResourceTypes) == 0 {
			return total
		}
		n := 0
		for _, t := range r.ResourceTypes {
			if t == "*" {
				return total
			}
			if prefix, ok := strings.CutSuffix(t, "*"); ok {
				for typ, c := range counts {
					if strings.HasPrefix(typ, prefix) {
						n += c
					}
				}
				continue
			}
			n += counts[t]
		}
		return n
	}
	cost := make([]int, len(units))
	order := make([]int, len(units))
	for k, u := range units {
		order[k] = k
		for _, r := range u {
			cost[k] += visits(r)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cost[b] - cost[a] })
	return order
}

// shardData is data.tfgate.engine.shards: for each shard, the package
// paths it evaluates.
func shardData(shards [][]Rule) []any {
	out := make([]any, len(shards))
	for i, rs := range shards {
		entries := make([]any, 0, len(rs))
		for _, r := range rs {
			path := strings.Split(strings.TrimPrefix(r.Package, "data.tfgate.rules."), ".")
			pathAny := make([]any, len(path))
			for j, p := range path {
				pathAny[j] = p
			}
			entries = append(entries, map[string]any{"path": pathAny})
		}
		out[i] = entries
	}
	return out
}

// evalShards evaluates every unit of the set over the same input, on as
// many workers as the set has, the costliest unit first (unitOrder), and
// gathers their entries in unit order. Any error fails the whole
// evaluation (the error of the first unit in unit order that failed: every
// unit is evaluated, so the error does not depend on timing).
func evalShards(ctx context.Context, set *evalSet, input, index ast.Value) ([]rawResult, error) {
	if set == nil {
		return nil, nil
	}
	type out struct {
		raws []rawResult
		err  error
	}
	outs := make([]out, len(set.units))
	order := unitOrder(set.units, index)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range cap(set.workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := <-set.workers
			defer func() { set.workers <- w }()
			k := -1
			defer func() {
				if r := recover(); r != nil {
					err := fmt.Errorf("policy evaluation failed: internal error: %v", r)
					if k < 0 {
						k = 0
					}
					outs[k].err = err
				}
			}()
			// The index is data.tfgate.index for this evaluation only.
			txn, txnErr := w.store.NewTransaction(ctx, storage.WriteParams)
			if txnErr == nil {
				defer w.store.Abort(ctx, txn)
				txnErr = w.store.Write(ctx, txn, storage.AddOp, indexPath, index)
			}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(order) {
					return
				}
				k = order[i]
				if txnErr != nil {
					outs[k].err = txnErr
					continue
				}
				rs, err := w.queries[k].Eval(ctx, rego.EvalParsedInput(input), rego.EvalTransaction(txn))
				if err != nil {
					outs[k].err = evalError(err)
					continue
				}
				outs[k].raws, outs[k].err = readRaw(rs)
			}
		}()
	}
	wg.Wait()
	var all []rawResult
	for _, o := range outs {
		if o.err != nil {
			return nil, o.err
		}
		all = append(all, o.raws...)
	}
	return all, nil
}

// readRaw decodes what one shard returned: [package, deny set, unknown
// set] for each of its packages (data.tfgate.main.shard_results).
func readRaw(rs rego.ResultSet) ([]rawResult, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	bad := errors.New("unexpected result shape from data.tfgate.main.shard_results")
	if len(rs) != 1 {
		return nil, bad
	}
	list, ok := rs[0].Bindings[shardVar].([]any)
	if !ok {
		return nil, bad
	}
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return s
	}
	var raws []rawResult
	for _, v := range list {
		triple, ok := v.([]any)
		if !ok || len(triple) != 3 {
			return nil, bad
		}
		pkg, ok := triple[0].(string)
		if !ok {
			return nil, bad
		}
		for i, outcome := range []Outcome{Fail, Unknown} {
			entries, ok := triple[i+1].([]any)
			if !ok {
				return nil, bad
			}
			for _, e := range entries {
				m, ok := e.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("rule package data.tfgate.rules.%s: a %s entry is not an object: %v", pkg, map[Outcome]string{Fail: "deny", Unknown: "unknown"}[outcome], e)
				}
				raws = append(raws, rawResult{
					Package: pkg, Outcome: string(outcome), Resource: str(m, "resource"),
					Message: str(m, "message"), Attribute: str(m, "attribute"),
				})
			}
		}
	}
	return raws, nil
}
