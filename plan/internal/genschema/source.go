package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Without a provider to probe (azurerm and google: the tables are made from
// public schema dumps), the blocks a provider plans as unknown when they are
// not configured are read from its Go source instead: an SDKv2 schema
// literal
//
//	"scheduling": {
//		Type:     schema.TypeList,
//		Optional: true,
//		Computed: true,
//		Elem: &schema.Resource{Schema: map[string]*schema.Schema{...}},
//	}
//
// is an Optional+Computed block. The source is parsed, not compiled: every
// schema literal with a nested resource is indexed by its map key, its
// parent block's key and the keys of its nested schema (literals written in
// place, returned by a package function or held in a package variable are
// followed). A block of the dump is computed when the literals that match
// it (same parent, name and nested keys; else same name and nested keys;
// else same nested keys), taken from the resource's own file when there
// are any there, else from its package, all say Computed: true. Schemas
// assembled at run time (maps filled by loops, nested schemas from other
// packages) are not matched and stay not computed, as the schema JSON has
// them. GENSCHEMA_DEBUG=1 lists the blocks no literal matched.

// sourceBlock is one schema literal with a nested resource.
type sourceBlock struct {
	name     string // map key, "" when the literal is returned by a function
	parent   string // map key of the enclosing block's literal, "" at the top
	computed bool
	children []string // sorted keys of the nested resource's schema
	file     string   // base name of the file it is in
	dir      string   // its package directory
}

// sourceIndex parses the non-test Go files under dir, one package
// (directory) at a time so that nested schemas written as a call of a
// package function or as a package variable are followed.
func sourceIndex(dir string) ([]sourceBlock, error) {
	var out []sourceBlock
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{}
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "vendor" || n == "testdata" || (strings.HasPrefix(n, ".") && p != dir) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		d2 := filepath.Dir(p)
		if pkgs[d2] == nil {
			dirs = append(dirs, d2)
		}
		pkgs[d2] = append(pkgs[d2], f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, d := range dirs {
		pk := newPackageScope(pkgs[d])
		for _, f := range pkgs[d] {
			blocks := pk.fileBlocks(filepath.Base(fset.Position(f.Pos()).Filename), f)
			for i := range blocks {
				blocks[i].dir = d
			}
			out = append(out, blocks...)
		}
	}
	return out, nil
}

// packageScope holds a package's functions and variables whose value is a
// composite literal (returned, or assigned).
type packageScope struct {
	values map[string]*ast.CompositeLit
	// names: the map key under which a function's or variable's literal
	// is used ("node_config": schemaNodeConfig()).
	names map[*ast.CompositeLit]string
}

func newPackageScope(files []*ast.File) *packageScope {
	pk := &packageScope{values: map[string]*ast.CompositeLit{}, names: map[*ast.CompositeLit]string{}}
	for _, f := range files {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil || d.Body == nil {
					continue
				}
				ast.Inspect(d.Body, func(n ast.Node) bool {
					if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
						if lit := compositeOf(r.Results[0]); lit != nil && pk.values[d.Name.Name] == nil {
							pk.values[d.Name.Name] = lit
						}
					}
					_, isFunc := n.(*ast.FuncLit)
					return !isFunc
				})
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok || len(vs.Names) != len(vs.Values) {
						continue
					}
					for i, name := range vs.Names {
						if lit := compositeOf(vs.Values[i]); lit != nil {
							pk.values[name.Name] = lit
						}
					}
				}
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			key, ok := stringLit(kv.Key)
			if !ok || compositeOf(kv.Value) != nil {
				return true
			}
			if lit := pk.resolve(kv.Value); lit != nil {
				pk.names[lit] = key
			}
			return true
		})
	}
	return pk
}

// resolve follows an expression to a composite literal: the literal itself,
// a package variable, or the literal a package function returns.
func (pk *packageScope) resolve(e ast.Expr) *ast.CompositeLit {
	if lit := compositeOf(e); lit != nil {
		return lit
	}
	switch x := e.(type) {
	case *ast.Ident:
		return pk.values[x.Name]
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && len(x.Args) == 0 {
			return pk.values[id.Name]
		}
	}
	return nil
}

// fileBlocks finds the schema literals of one file.
func (pk *packageScope) fileBlocks(file string, f *ast.File) []sourceBlock {
	var out []sourceBlock
	named := map[*ast.CompositeLit]string{}
	parents := map[*ast.CompositeLit]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		// Map literals: remember the key of each element literal.
		for _, e := range lit.Elts {
			kv, ok := e.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, ok := stringLit(kv.Key)
			if !ok {
				continue
			}
			if v := compositeOf(kv.Value); v != nil {
				named[v] = key
			}
		}
		children, nested, ok := pk.nestedKeys(lit)
		if !ok {
			return true
		}
		name, ok := named[lit]
		if !ok {
			name = pk.names[lit]
		}
		for _, e := range nested.Elts {
			if v := pk.resolve(e.(*ast.KeyValueExpr).Value); v != nil {
				parents[v] = name
			}
		}
		out = append(out, sourceBlock{
			name:     name,
			parent:   parents[lit],
			computed: boolField(lit, "Computed"),
			children: children,
			file:     file,
		})
		return true
	})
	return out
}

// nestedKeys returns the keys of Elem: &X.Resource{Schema: map{...}} of a
// schema literal.
func (pk *packageScope) nestedKeys(lit *ast.CompositeLit) ([]string, *ast.CompositeLit, bool) {
	if field(lit, "Type") == nil {
		return nil, nil, false // not a schema literal
	}
	res := pk.resolve(field(lit, "Elem"))
	if res == nil {
		return nil, nil, false
	}
	if sel, ok := res.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Resource" {
		return nil, nil, false
	}
	m := pk.resolve(field(res, "Schema"))
	if m == nil {
		return nil, nil, false
	}
	var keys []string
	for _, e := range m.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		if !ok {
			return nil, nil, false
		}
		k, ok := stringLit(kv.Key)
		if !ok {
			return nil, nil, false // keys from constants: not matched
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, m, len(keys) > 0
}

func field(lit *ast.CompositeLit, name string) ast.Expr {
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
}

func boolField(lit *ast.CompositeLit, name string) bool {
	id, ok := field(lit, name).(*ast.Ident)
	return ok && id.Name == "true"
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func stringLit(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// computedFromSource returns, per resource type, the blocks of the dump
// that the source declares Optional+Computed, in the shape of probe
// results. unmatched counts the blocks no literal matched.
var debugSource = os.Getenv("GENSCHEMA_DEBUG") != ""

// preferOwn keeps the candidates in the file that defines typ, by the
// providers' file naming (google resource_compute_instance.go for
// google_compute_instance, azurerm storage_account_resource.go for
// azurerm_storage_account), else those in its package, else all.
func preferOwn(typ string, cands []sourceBlock, fileDirs map[string]string) []sourceBlock {
	_, short, _ := strings.Cut(typ, "_")
	var file, dir []sourceBlock
	for _, name := range []string{"resource_" + short + ".go", short + "_resource.go"} {
		d, ok := fileDirs[name]
		if !ok {
			continue
		}
		for _, c := range cands {
			switch {
			case c.file == name && c.dir == d:
				file = append(file, c)
				dir = append(dir, c)
			case c.dir == d:
				dir = append(dir, c)
			}
		}
	}
	switch {
	case len(file) > 0:
		return file
	case len(dir) > 0:
		return dir
	}
	return cands
}

func computedFromSource(index []sourceBlock, schemas map[string]*rawBlock) (facts map[string]*probeResult, matched, unmatched int) {
	byKey := map[string][]sourceBlock{}
	fileDirs := map[string]string{}
	for _, b := range index {
		fileDirs[b.file] = b.dir
		sig := strings.Join(b.children, ",")
		byKey[b.parent+"/"+b.name+"\x00"+sig] = append(byKey[b.parent+"/"+b.name+"\x00"+sig], b)
		byKey[b.name+"\x00"+sig] = append(byKey[b.name+"\x00"+sig], b)
		if b.name != "" {
			byKey["\x00"+sig] = append(byKey["\x00"+sig], b)
		}
	}
	facts = map[string]*probeResult{}
	var walk func(typ, prefix, parent string, rb *rawBlock)
	walk = func(typ, prefix, parent string, rb *rawBlock) {
		for name, bt := range rb.BlockTypes {
			if bt.Block == nil || (prefix == "" && name == "timeouts") {
				continue // timeouts: added by the plugin SDK, never computed
			}
			path := prefix + name
			var children []string
			for n := range bt.Block.Attributes {
				children = append(children, n)
			}
			for n := range bt.Block.BlockTypes {
				children = append(children, n)
			}
			sort.Strings(children)
			sig := strings.Join(children, ",")
			cands := preferOwn(typ, byKey[parent+"/"+name+"\x00"+sig], fileDirs)
			if len(cands) == 0 {
				cands = byKey[name+"\x00"+sig]
			}
			if len(cands) == 0 {
				cands = byKey["\x00"+sig]
			}
			cands = preferOwn(typ, cands, fileDirs)
			if len(cands) == 0 {
				unmatched++
				if debugSource {
					fmt.Fprintf(os.Stderr, "unmatched %s.%s [%s]\n", typ, path, sig)
				}
			} else {
				matched++
				all := true
				for _, c := range cands {
					all = all && c.computed
				}
				if all && (bt.NestingMode == "list" || bt.NestingMode == "set") {
					r := facts[typ]
					if r == nil {
						r = &probeResult{}
						facts[typ] = r
					}
					r.ComputedBlocks = append(r.ComputedBlocks, path)
				}
			}
			walk(typ, path+".", name, bt.Block)
		}
	}
	for typ, rb := range schemas {
		walk(typ, "", "", rb)
	}
	for _, r := range facts {
		sort.Strings(r.ComputedBlocks)
	}
	return facts, matched, unmatched
}
