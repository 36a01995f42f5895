package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/library"
)

// libIndex is what start-up needs to know about the embedded library
// without parsing it: the rule catalogue, which files hold each rule
// package, and which support files (lib/, main/) each cloud's rules need.
// It is generated as Go source, rules/libindex_gen.go (generatedIndex;
// TestLibraryIndex -update), so that start-up decodes nothing, and used
// only while its digest matches the embedded files, so a stale index costs
// time (the whole library is parsed, as before) but never changes a
// result.
type libIndex struct {
	// Digest is the SHA-256 of the name and content of every non-test
	// .rego file of the library (libraryDigest).
	Digest string `json:"digest"`
	// Rules is the catalogue of the library's rules, sorted by package.
	Rules []Rule `json:"rules"`
	// Files maps each rule package (data.tfgate.rules.aws.egress.x) to its
	// files (library/rules/...).
	Files map[string][]string `json:"files"`
	// Support maps a cloud ("" for every cloud) to the non-rule files its
	// rules need: lib/<cloud>.rego and lib/<cloud>_*.rego belong to that
	// cloud, every other lib/ and main/ file to all.
	Support map[string][]string `json:"support"`
	// Deps maps a rule package to the other rule packages its files refer
	// to (a rule may reuse another's helpers): compiled with it.
	Deps map[string][]string `json:"deps,omitempty"`
	// Needs maps a rule package to the rules of support files (lib/) that
	// its rules use, directly or through other rules: support file ->
	// indexes into its module's Rules. A selection compiles only those
	// (Engine.libraryModules): a support file is a library of helpers, and most
	// rules use a few of them. The main/ files are always compiled whole.
	// Nil (an index built at run time for a library edited without
	// regenerating) compiles the support files of the clouds whole.
	Needs map[string]map[string][]int `json:"needs,omitempty"`
}

// libFiles is every non-test .rego file of the library (names without the
// library/ prefix) with its content, read once.
var libFiles = sync.OnceValues(func() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(library.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !isLibrarySource(p, d) {
			return err
		}
		src, err := library.FS.ReadFile(p)
		out[p] = src
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read embedded library: %w", err)
	}
	return out, nil
})

// libraryDigest hashes the library's non-test .rego files.
func libraryDigest(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// supportCloud is the cloud of the library (cloudScope) a support file
// belongs to, "" for all.
func supportCloud(file string) string {
	if !strings.HasPrefix(file, "lib/") {
		return ""
	}
	base := strings.TrimSuffix(path.Base(file), ".rego")
	for c := range cloudScope {
		if base == c || strings.HasPrefix(base, c+"_") {
			return c
		}
	}
	return ""
}

// buildLibIndex builds the index from the parsed library (names with the
// library/ prefix, no tests).
func buildLibIndex(modules map[string]*ast.Module, digest string) (*libIndex, error) {
	rules, notices, err := buildCatalogue(modules, nil)
	if err != nil {
		return nil, err
	}
	if len(notices) > 0 {
		return nil, fmt.Errorf("embedded library: %s", notices[0].Message)
	}
	idx := &libIndex{Digest: digest, Rules: rules, Files: map[string][]string{}, Support: map[string][]string{}, Deps: map[string][]string{}}
	for name, m := range modules {
		file := strings.TrimPrefix(name, libraryPrefix)
		pkg := m.Package.Path.String()
		if strings.HasPrefix(pkg, "data.tfgate.rules.") {
			idx.Files[pkg] = append(idx.Files[pkg], name)
			for _, d := range rulePackageRefs(m) {
				if d != pkg && !slices.Contains(idx.Deps[pkg], d) {
					idx.Deps[pkg] = append(idx.Deps[pkg], d)
				}
			}
			continue
		}
		if len(rulePackageRefs(m)) > 0 {
			return nil, fmt.Errorf("%s: a support file refers to a rule package", name)
		}
		c := supportCloud(file)
		idx.Support[c] = append(idx.Support[c], name)
	}
	for _, fs := range idx.Files {
		sort.Strings(fs)
	}
	for _, fs := range idx.Support {
		sort.Strings(fs)
	}
	for _, ds := range idx.Deps {
		sort.Strings(ds)
	}
	return idx, nil
}

// embeddedIndex is the generated index (generatedIndex) when it matches
// the embedded library, else an index built by parsing the whole library
// (and the parsed modules, so that they are not parsed again).
//
// The generated index is trusted for what it names before its digest is
// checked: the support files every selection needs start parsing
// (prewarm) while the digest is computed, since a file's parse does not
// depend on the index. Only the files a selection needs are read
// (embeddedSource), not copied all at start-up.
var embeddedIndex = sync.OnceValues(func() (*libState, error) {
	if idx := generatedIndex(); idx != nil {
		st := &libState{index: idx, source: embeddedSource}
		st.prewarm()
		digest, err := embeddedDigest()
		if err != nil {
			return nil, err
		}
		if digest == idx.Digest {
			return st, nil
		}
	}
	return newLibState(generatedIndex(), libFiles)
})

// Prewarm reads the embedded library's index and starts parsing the
// support files most selections need (libState.prewarm), in the
// background: tfgate calls it first thing, so that the work is done on
// an idle CPU while the command line and the configuration are read,
// before an Engine needs it (New waits for what is not done yet).
func Prewarm() {
	go func() {
		defer func() { _ = recover() }() // New reports the error
		_, _ = embeddedIndex()
	}()
}

// embeddedSource reads one library file (name without the library/
// prefix).
func embeddedSource(name string) ([]byte, bool) {
	src, err := library.FS.ReadFile(name)
	return src, err == nil
}

// embeddedDigest is libraryDigest of the embedded library, streamed
// through one buffer instead of copying every file.
func embeddedDigest() (string, error) {
	var names []string
	err := fs.WalkDir(library.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && isLibrarySource(p, d) {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return "", fmt.Errorf("read embedded library: %w", err)
	}
	sort.Strings(names)
	h := sha256.New()
	buf := make([]byte, 32<<10)
	for _, n := range names {
		f, err := library.FS.Open(n)
		if err != nil {
			return "", fmt.Errorf("read embedded library: %w", err)
		}
		h.Write([]byte(n))
		h.Write([]byte{0})
		_, err = io.CopyBuffer(h, f, buf)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("read embedded library: %s: %w", n, err)
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// isLibrarySource: p is a non-test .rego file of the library.
func isLibrarySource(p string, d fs.DirEntry) bool {
	return !d.IsDir() && strings.HasSuffix(p, ".rego") && !strings.HasSuffix(p, "_test.rego")
}

// newLibState takes an index of the library files (idx: generatedIndex),
// or builds one by parsing them when it is missing or stale.
func newLibState(idx *libIndex, readFiles func() (map[string][]byte, error)) (*libState, error) {
	files, err := readFiles()
	if err != nil {
		return nil, err
	}
	digest := libraryDigest(files)
	source := func(n string) ([]byte, bool) {
		src, ok := files[n]
		return src, ok
	}
	if idx != nil && idx.Digest == digest {
		return &libState{index: idx, source: source}, nil
	}
	// The catalogue is built from the METADATA annotations.
	st := &libState{source: source, annotations: true}
	mods, err := st.parse(slices.Sorted(maps.Keys(files)))
	if err != nil {
		return nil, err
	}
	built, err := buildLibIndex(mods, digest)
	if err != nil {
		return nil, err
	}
	st.index = built
	return st, nil
}

// libState is the embedded library: its index, its sources and its
// modules, each parsed at most once per process, when first needed.
type libState struct {
	index *libIndex
	// source reads a library file (name without the library/ prefix).
	source func(name string) ([]byte, bool)
	mu     sync.Mutex
	mods   map[string]*parsedFile // library/... -> its parse
	// annotations: parse the METADATA annotations too (a fifth of the
	// parse time), which only building the index needs: no library file
	// calls rego.metadata or declares schemas (TestLibraryNeedsNoAnnotations).
	annotations bool
}

type parsedFile struct {
	once sync.Once
	m    *ast.Module
	err  error
}

// file returns the (shared) parse of one library file.
func (s *libState) file(name string) *parsedFile {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.mods == nil {
		s.mods = map[string]*parsedFile{}
	}
	f, ok := s.mods[name]
	if !ok {
		f = &parsedFile{}
		s.mods[name] = f
	}
	return f
}

// parse returns the modules of the given library files (names with or
// without the library/ prefix), parsing those not parsed yet, on as many
// goroutines as there are CPUs.
func (s *libState) parse(names []string) (map[string]*ast.Module, error) {
	names = slices.Clone(names)
	entries := make([]*parsedFile, len(names))
	for i, n := range names {
		names[i] = libraryPrefix + strings.TrimPrefix(n, libraryPrefix)
		entries[i] = s.file(names[i])
	}
	parallel(len(names), func(i int) {
		f := entries[i]
		f.once.Do(func() {
			n := strings.TrimPrefix(names[i], libraryPrefix)
			src, ok := s.source(n)
			if !ok {
				f.err = fmt.Errorf("embedded library has no file %s", n)
				return
			}
			f.m, f.err = ast.ParseModuleWithOpts(names[i], string(src), ast.ParserOptions{ProcessAnnotation: s.annotations, RegoVersion: ast.RegoV1})
		})
	})
	out := make(map[string]*ast.Module, len(names))
	for i, f := range entries {
		if f.err != nil {
			return nil, fmt.Errorf("embedded library: %w", f.err)
		}
		out[names[i]] = f.m
	}
	return out, nil
}

// prewarm parses, in the background, the support files most selections
// need (libIndex.common), while the caller reads its input.
func (s *libState) prewarm() {
	go func() {
		defer func() { _ = recover() }() // a failure shows again, with its error, in parse
		_, _ = s.parse(s.index.common())
	}()
}

// common lists the main/ files and the support files that at least half
// of the rule packages need (all support files of every cloud without
// Needs).
func (idx *libIndex) common() []string {
	if idx.Needs == nil {
		return idx.support(nil, false)
	}
	count := map[string]int{}
	for _, files := range idx.Needs {
		for f := range files {
			count[f]++
		}
	}
	out := idx.mainFiles()
	for f, n := range count {
		if 2*n >= len(idx.Needs) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// mainFiles lists the support files under main/ (the entrypoint every
// selection compiles).
func (idx *libIndex) mainFiles() []string {
	var out []string
	for _, f := range idx.Support[""] {
		if strings.HasPrefix(f, libraryPrefix+"main/") {
			out = append(out, f)
		}
	}
	return out
}

// needs returns, for the given rule packages (with their Deps), the
// support files they need and which of their rules (libIndex.Needs), or
// nil when the index has no Needs.
func (idx *libIndex) needs(pkgs []string) map[string]map[int]bool {
	if idx.Needs == nil {
		return nil
	}
	out := map[string]map[int]bool{}
	for _, p := range pkgs {
		for f, is := range idx.Needs[p] {
			if out[f] == nil {
				out[f] = map[int]bool{}
			}
			for _, i := range is {
				out[f][i] = true
			}
		}
	}
	return out
}

// pruned returns m with only the rules at the given indexes (m itself
// when that is all of them). The rules are shared: a compiler copies the
// modules it is given (ast.Compiler.Compile).
func pruned(m *ast.Module, keep map[int]bool) *ast.Module {
	if len(keep) == len(m.Rules) {
		return m
	}
	cp := *m
	cp.Rules = make([]*ast.Rule, 0, len(keep))
	for i, r := range m.Rules {
		if keep[i] {
			cp.Rules = append(cp.Rules, r)
		}
	}
	return &cp
}

// support lists the support files the rules of the given clouds need; all
// of them when all is set (a user's policy may call any helper).
func (idx *libIndex) support(clouds map[string]bool, all bool) []string {
	var out []string
	for c, files := range idx.Support {
		if c == "" || all || clouds[c] {
			out = append(out, files...)
		}
	}
	sort.Strings(out)
	return out
}

// rulePackageRefs lists the rule packages (data.tfgate.rules.<cloud>.<family>.<name>)
// a module refers to, by import or by reference.
func rulePackageRefs(m *ast.Module) []string {
	seen := map[string]bool{}
	var out []string
	add := func(ref ast.Ref) {
		if len(ref) < 6 || !ref.HasPrefix(ast.MustParseRef("data.tfgate.rules")) {
			return
		}
		for _, t := range ref[3:6] {
			if _, ok := t.Value.(ast.String); !ok {
				return
			}
		}
		p := ref[:6].String()
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok {
			add(ref)
		}
	}
	ast.WalkRefs(m, func(ref ast.Ref) bool {
		add(ref)
		return false
	})
	sort.Strings(out)
	return out
}

// withDeps returns the rule packages and, transitively, those they refer
// to.
func (idx *libIndex) withDeps(pkgs []string) []string {
	seen := map[string]bool{}
	var out []string
	var visit func(string)
	visit = func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
		for _, d := range idx.Deps[p] {
			visit(d)
		}
	}
	for _, p := range pkgs {
		visit(p)
	}
	return out
}

// LibraryRule is the embedded library's rule with the given id as its
// catalogue has it (before any configuration changes a copy of it).
// report keys the SARIF rule descriptors it renders ahead on it and on
// LibraryDigest.
func LibraryRule(id string) (Rule, bool) {
	byID, err := libraryRules()
	if err != nil {
		return Rule{}, false
	}
	r, ok := byID[id]
	return r, ok
}

// LibraryRules is the embedded library's catalogue (LibraryRule).
func LibraryRules() []Rule {
	st, err := embeddedIndex()
	if err != nil {
		return nil
	}
	return slices.Clone(st.index.Rules)
}

// LibraryDigest is the digest of the embedded library whose catalogue
// LibraryRule reads (libraryDigest).
func LibraryDigest() string {
	st, err := embeddedIndex()
	if err != nil {
		return ""
	}
	return st.index.Digest
}

var libraryRules = sync.OnceValues(func() (map[string]Rule, error) {
	st, err := embeddedIndex()
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Rule, len(st.index.Rules))
	for _, r := range st.index.Rules {
		byID[r.ID] = r
	}
	return byID, nil
})
