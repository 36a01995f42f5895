// Package funcs is the table of Terraform's functions both readers
// evaluate expressions with, taken from the libraries Terraform itself is
// built on where they provide a function, inside a sandbox: file functions
// read only inside the checked tree, nothing reaches the network or the
// environment, and what depends on the clock or randomness is unknown.
package funcs

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/go-cty-funcs/cidr"
	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/go-cty-funcs/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/tfgate/tfgate/plan"
)

// Table is the function table configuration in baseDir is evaluated with.
// Each function comes from the first of these that has it as Terraform
// defines it:
//
//   - go-cty's standard library (github.com/zclconf/go-cty/cty/function/stdlib):
//     numbers, strings, collections, csvdecode, jsondecode, jsonencode,
//     formatdate, timeadd, the type conversions;
//   - github.com/hashicorp/go-cty-funcs: base64encode, base64decode,
//     urlencode, md5, sha1, sha256, sha512, rsadecrypt, uuidv5, cidrhost,
//     cidrnetmask, cidrsubnet, cidrsubnets, basename, dirname, and file,
//     filebase64, fileexists, fileset inside the sandbox (see sandboxed);
//   - github.com/zclconf/go-cty-yaml: yamldecode, yamlencode;
//   - HCL's tryfunc: try, can;
//   - tfgate's own, where none of these has the function or Terraform's
//     behaviour (the comment at each says which).
//
// Every function is pure: file functions read only inside the
// configuration tree (see fileRoot), functions whose result depends on the
// clock, randomness or the machine (timestamp, plantimestamp, uuid,
// bcrypt, abspath, pathexpand) return unknown values, and no function
// reaches the network or the environment.
func Table(baseDir string) map[string]function.Function {
	fs := &fileFuncs{base: baseDir, root: fileRoot(baseDir)}
	funcs := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": guarded(stdlib.LogFunc, checkLogArgs), "max": stdlib.MaxFunc, "min": stdlib.MinFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc, "parseint": stdlib.ParseIntFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc, "replace": replaceFunc,
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc, "upper": stdlib.UpperFunc,
		"startswith": startsWithFunc, "endswith": endsWithFunc, "strcontains": strContainsFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"index": indexFunc, "keys": stdlib.KeysFunc, "length": lengthFunc,
		"lookup": lookupFunc, "merge": stdlib.MergeFunc, "range": stdlib.RangeFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": guarded(stdlib.SetIntersectionFunc, nil),
		"setproduct": stdlib.SetProductFunc, "setsubtract": guarded(stdlib.SetSubtractFunc, nil), "setunion": guarded(stdlib.SetUnionFunc, nil),
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "jsonencode": stdlib.JSONEncodeFunc,
		"formatdate": stdlib.FormatDateFunc, "timeadd": stdlib.TimeAddFunc,
		"tobool": stdlib.MakeToFunc(cty.Bool), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tostring": stdlib.MakeToFunc(cty.String), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"alltrue": allTrueFunc, "anytrue": anyTrueFunc, "one": oneFunc, "sum": sumFunc,
		"matchkeys": matchkeysFunc, "transpose": transposeFunc,
		"base64encode": encoding.Base64EncodeFunc, "base64decode": encoding.Base64DecodeFunc,
		"urlencode": encoding.URLEncodeFunc,
		// base64gzip: not in go-cty-funcs.
		"base64gzip": stringFunc(func(s string) (string, error) {
			var buf bytes.Buffer
			w := gzip.NewWriter(&buf)
			if _, err := w.Write([]byte(s)); err != nil {
				return "", err
			}
			if err := w.Close(); err != nil {
				return "", err
			}
			return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
		}),
		"md5": crypto.Md5Func, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func, "sha512": crypto.Sha512Func,
		// base64sha256, base64sha512: not in go-cty-funcs.
		"base64sha256": hashFunc(sha256.New, base64.StdEncoding.EncodeToString),
		"base64sha512": hashFunc(sha512.New, base64.StdEncoding.EncodeToString),
		"rsadecrypt":   crypto.RsaDecryptFunc, "uuidv5": uuid.V5Func,
		"uuid": unknownStringFunc(0), "timestamp": unknownStringFunc(0), "bcrypt": unknownStringFunc(1),
		"plantimestamp": unknownStringFunc(0), "abspath": unknownStringFunc(1), "pathexpand": unknownStringFunc(1),
		"cidrhost": cidr.HostFunc, "cidrsubnet": cidr.SubnetFunc, "cidrsubnets": cidr.SubnetsFunc,
		// Terraform's cidrnetmask refuses IPv6; go-cty-funcs' renders a mask.
		"cidrnetmask": guarded(cidr.NetmaskFunc, checkIPv4Prefix),
		"basename":    filesystem.BasenameFunc, "dirname": filesystem.DirnameFunc,
		"file":       fs.sandboxed(filesystem.MakeFileFunc(baseDir, false)),
		"filebase64": fs.sandboxed(filesystem.MakeFileFunc(baseDir, true)),
		"fileexists": fs.sandboxed(filesystem.MakeFileExistsFunc(baseDir)),
		"fileset":    fs.sandboxedSet(filesystem.MakeFileSetFunc(baseDir)),
		"sensitive":  sensitiveFunc, "nonsensitive": nonsensitiveFunc, "issensitive": isSensitiveFunc,
		"ephemeralasnull": identityFunc,
		"yamldecode":      ctyyaml.YAMLDecodeFunc, "yamlencode": ctyyaml.YAMLEncodeFunc,
	}
	// filemd5 and friends, templatefile: not in go-cty-funcs (Terraform's
	// own), on the same sandbox.
	funcs["filemd5"] = fs.fileHashFunc(md5.New, hex.EncodeToString)
	funcs["filesha1"] = fs.fileHashFunc(sha1.New, hex.EncodeToString)
	funcs["filesha256"] = fs.fileHashFunc(sha256.New, hex.EncodeToString)
	funcs["filesha512"] = fs.fileHashFunc(sha512.New, hex.EncodeToString)
	funcs["filebase64sha256"] = fs.fileHashFunc(sha256.New, base64.StdEncoding.EncodeToString)
	funcs["filebase64sha512"] = fs.fileHashFunc(sha512.New, base64.StdEncoding.EncodeToString)
	funcs["templatefile"] = fs.templateFunc(funcs)
	return funcs
}

// fileRoot is the tree file functions may read: the enclosing git
// repository, else two levels above the root module (examples/x calling
// ../../ modules), never the whole file system.
func fileRoot(base string) string {
	abs, err := filepath.Abs(base)
	if err != nil {
		return base
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return filepath.Dir(filepath.Dir(abs))
}

type fileFuncs struct {
	base, root string
}

func (f *fileFuncs) resolve(p string) (string, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.base, p)
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if !within(f.root, abs) {
		return "", fmt.Errorf("%s is outside the configuration tree %s; tfgate reads files only inside it", p, f.root)
	}
	// A symbolic link inside the tree must not lead out of it.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		root := f.root
		if r, err := filepath.EvalSymlinks(root); err == nil {
			root = r
		}
		if !within(root, real) {
			return "", fmt.Errorf("%s leads outside the configuration tree %s; tfgate reads files only inside it", p, f.root)
		}
	}
	return abs, nil
}

// within reports whether path p is root or below it.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// sandboxed wraps a go-cty-funcs file function whose first argument is a
// path: the path must lead, symbolic links followed, to a place inside the
// configuration tree, and the function receives it resolved (absolute), so
// that neither "..", a link nor a "~" (which go-cty-funcs expands to the
// home directory) reaches outside.
func (f *fileFuncs) sandboxed(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Params:   fn.Params(),
		VarParam: fn.VarParam(),
		Type:     fn.ReturnTypeForValues,
		Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
			abs, err := f.resolve(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(rt), err
			}
			call := append([]cty.Value{cty.StringVal(abs)}, args[1:]...)
			return fn.Call(call)
		},
	})
}

// sandboxedSet wraps go-cty-funcs' fileset(path, pattern) as sandboxed
// does, and refuses patterns that climb out of path ("..", absolute) and
// matches that a symbolic link leads out of the tree.
func (f *fileFuncs) sandboxedSet(fn function.Function) function.Function {
	inner := f.sandboxed(fn)
	return function.New(&function.Spec{
		Params: fn.Params(),
		Type:   fn.ReturnTypeForValues,
		Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
			pattern := filepath.ToSlash(args[1].AsString())
			if filepath.IsAbs(args[1].AsString()) || strings.HasPrefix(pattern, "/") || slices.Contains(strings.Split(pattern, "/"), "..") {
				return cty.UnknownVal(rt), fmt.Errorf("fileset pattern %q leaves %s; tfgate reads files only inside the configuration tree", args[1].AsString(), args[0].AsString())
			}
			set, err := inner.Call(args)
			if err != nil || !set.IsWhollyKnown() {
				return set, err
			}
			dir, err := f.resolve(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(rt), err
			}
			for it := set.ElementIterator(); it.Next(); {
				_, name := it.Element()
				if _, err := f.resolve(filepath.Join(dir, filepath.FromSlash(name.AsString()))); err != nil {
					return cty.UnknownVal(rt), err
				}
			}
			return set, nil
		},
	})
}

// checkIPv4Prefix refuses an IPv6 prefix, as Terraform's cidrnetmask does.
func checkIPv4Prefix(args []cty.Value) error {
	v, _ := args[0].Unmark()
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	if p, err := netip.ParsePrefix(v.AsString()); err == nil && !p.Addr().Is4() {
		return fmt.Errorf("cidrnetmask takes an IPv4 prefix, not %s", v.AsString())
	}
	return nil
}

func (f *fileFuncs) read(p string) ([]byte, error) {
	abs, err := f.resolve(p)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, plan.DescribeFSError(err))
	}
	return data, nil
}

// templateFunc renders a template file with the same functions (but no
// nested templatefile).
func (f *fileFuncs) templateFunc(funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := f.read(args[0].AsString())
			if err != nil {
				return cty.DynamicVal, err
			}
			vars, marks := args[1].Unmark()
			if !vars.IsWhollyKnown() {
				return cty.DynamicVal.WithMarks(marks), nil
			}
			expr, diags := hclsyntax.ParseTemplate(data, args[0].AsString(), hcl.InitialPos)
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			ctx := &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: map[string]function.Function{}}
			if vars.Type().IsObjectType() || vars.Type().IsMapType() {
				for it := vars.ElementIterator(); it.Next(); {
					k, v := it.Element()
					ctx.Variables[k.AsString()] = v
				}
			}
			for name, fn := range funcs {
				if name != "templatefile" {
					ctx.Functions[name] = fn
				}
			}
			v, diags := expr.Value(ctx)
			if diags.HasErrors() {
				return cty.DynamicVal, diags
			}
			return v.WithMarks(marks), nil
		},
	})
}

func stringFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func hashFunc(h func() hash.Hash, enc func([]byte) string) function.Function {
	return stringFunc(func(s string) (string, error) {
		x := h()
		x.Write([]byte(s))
		return enc(x.Sum(nil)), nil
	})
}

// unknownFunc stands for a function whose result depends on the clock,
// randomness or the machine (or that tfgate does not implement): its result
// is known only after apply. Extra arguments (bcrypt's cost) are accepted.
func unknownFunc(nargs int, ret cty.Type) function.Function {
	params := make([]function.Parameter, nargs)
	for i := range params {
		params[i] = function.Parameter{Name: fmt.Sprintf("arg%d", i), Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}
	}
	return function.New(&function.Spec{
		Params:   params,
		VarParam: &function.Parameter{Name: "more", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true},
		Type:     function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(ret), nil
		},
	})
}

func unknownStringFunc(nargs int) function.Function { return unknownFunc(nargs, cty.String) }

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})

var sensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0].Mark(plan.SensitiveMark), nil },
})

// nonsensitive removes the mark as Terraform does; tfgate still never
// prints values that were sensitive in a plan, but configuration that says
// nonsensitive() is taken at its word.
var nonsensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, _ := args[0].Unmark()
		return v, nil
	},
})

var isSensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.BoolVal(args[0].HasMark(plan.SensitiveMark)), nil
	},
})

// coalesceFunc is Terraform's coalesce: the first argument that is neither
// null nor an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		// An untyped null (coalesce(null, "x")) does not decide the type.
		var types []cty.Type
		for _, a := range args {
			if a.IsNull() && a.Type() == cty.DynamicPseudoType {
				continue
			}
			types = append(types, a.Type())
		}
		if len(types) == 0 {
			return cty.DynamicPseudoType, nil
		}
		t, _ := convert.UnifyUnsafe(types)
		if t == cty.NilType {
			return cty.NilType, fmt.Errorf("coalesce: all arguments must have the same type")
		}
		return t, nil
	},
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(rt), nil
			}
			if a.IsNull() {
				continue
			}
			v, err := convert.Convert(a, rt)
			if err != nil {
				return cty.NilVal, err
			}
			if u, _ := v.Unmark(); u.Type() == cty.String && u.AsString() == "" {
				continue
			}
			return v, nil
		}
		return cty.NilVal, fmt.Errorf("coalesce: no non-null, non-empty argument")
	},
})

var strPairParams = []function.Parameter{{Name: "str", Type: cty.String}, {Name: "part", Type: cty.String}}

func strPredicate(fn func(a, b string) bool) function.Function {
	return function.New(&function.Spec{
		Params: strPairParams,
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

var (
	startsWithFunc  = strPredicate(strings.HasPrefix)
	endsWithFunc    = strPredicate(strings.HasSuffix)
	strContainsFunc = strPredicate(strings.Contains)
)

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a
// regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		str, sub, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			re, err := regexp.Compile(sub[1 : len(sub)-1])
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(re.ReplaceAllString(str, repl)), nil
		}
		return cty.StringVal(strings.ReplaceAll(str, sub, repl)), nil
	},
})

func boolListFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.List(cty.Bool)}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			result := all
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				if !v.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				if v.IsNull() {
					if all {
						result = false
					}
					continue
				}
				if all && v.False() {
					result = false
				}
				if !all && v.True() {
					result = true
				}
			}
			return cty.BoolVal(result), nil
		},
	})
}

var (
	allTrueFunc = boolListFunc(true)
	anyTrueFunc = boolListFunc(false)
)

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type: func(args []cty.Value) (cty.Type, error) {
		t := args[0].Type()
		switch {
		case t.IsListType() || t.IsSetType():
			return t.ElementType(), nil
		case t.IsTupleType():
			if ts := t.TupleElementTypes(); len(ts) == 1 {
				return ts[0], nil
			}
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, fmt.Errorf("one() takes a list, set or tuple")
	},
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		v := args[0]
		if v.LengthInt() == 0 {
			return cty.NullVal(rt), nil
		}
		if v.LengthInt() > 1 {
			return cty.NilVal, fmt.Errorf("one() needs at most one element, got %d", v.LengthInt())
		}
		it := v.ElementIterator()
		it.Next()
		_, e := it.Element()
		return e, nil
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() || args[0].LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("sum() needs a non-empty list or set of numbers")
		}
		total := cty.Zero
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			n, err := convert.Convert(v, cty.Number)
			if err != nil {
				return cty.NilVal, err
			}
			if !n.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

var matchkeysFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		vals, keys, search := args[0].AsValueSlice(), args[1].AsValueSlice(), args[2].AsValueSlice()
		if len(vals) != len(keys) {
			return cty.NilVal, fmt.Errorf("matchkeys: values and keys must have the same length")
		}
		var out []cty.Value
		for i, k := range keys {
			for _, s := range search {
				if eq := k.Equals(s); eq.IsKnown() && eq.True() {
					out = append(out, vals[i])
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(rt.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

var transposeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "values", Type: cty.Map(cty.List(cty.String))}},
	Type:   function.StaticReturnType(cty.Map(cty.List(cty.String))),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		out := map[string][]cty.Value{}
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			for li := list.ElementIterator(); li.Next(); {
				_, v := li.Element()
				out[v.AsString()] = append(out[v.AsString()], k)
			}
		}
		m := map[string]cty.Value{}
		for k, vs := range out {
			m[k] = cty.ListVal(vs)
		}
		if len(m) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		return cty.MapVal(m), nil
	},
})

// fileHashFunc is filemd5, filesha256 and friends: the digest of a file
// inside the configuration tree.
func (f *fileFuncs) fileHashFunc(h func() hash.Hash, enc func([]byte) string) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			x := h()
			x.Write(data)
			return cty.StringVal(enc(x.Sum(nil))), nil
		},
	})
}

// indexFunc is Terraform's index(list, value): the position of the first
// element equal to value (go-cty's IndexFunc is HCL's index operator,
// element at a key, a different function).
var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType},
		{Name: "value", Type: cty.DynamicPseudoType},
	},
	Type: function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list := args[0]
		if !list.Type().IsListType() && !list.Type().IsTupleType() {
			return cty.NilVal, fmt.Errorf("argument must be a list or tuple")
		}
		if !list.IsKnown() {
			return cty.UnknownVal(cty.Number), nil
		}
		if list.LengthInt() == 0 {
			return cty.NilVal, fmt.Errorf("cannot search an empty list")
		}
		for it := list.ElementIterator(); it.Next(); {
			i, v := it.Element()
			eq, err := stdlib.Equal(v, args[1])
			if err != nil {
				return cty.NilVal, err
			}
			if !eq.IsKnown() {
				return cty.UnknownVal(cty.Number), nil
			}
			if eq.True() {
				return i, nil
			}
		}
		return cty.NilVal, fmt.Errorf("item not found")
	},
})

// lookupFunc is Terraform's lookup(map, key[, default]): without a default a
// missing key is an error.
var lookupFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowMarked: true},
		{Name: "key", Type: cty.String, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		switch len(args) {
		case 3:
			return stdlib.LookupFunc.ReturnTypeForValues(args)
		case 2:
			m, _ := args[0].Unmark()
			k, _ := args[1].Unmark()
			switch {
			case m.Type().IsMapType():
				return m.Type().ElementType(), nil
			case m.Type().IsObjectType() && k.IsKnown():
				if m.Type().HasAttribute(k.AsString()) {
					return m.Type().AttributeType(k.AsString()), nil
				}
				return cty.NilType, fmt.Errorf("lookup failed to find key %q", k.AsString())
			case m.Type().IsObjectType():
				return cty.DynamicPseudoType, nil
			}
			return cty.NilType, fmt.Errorf("lookup needs a map or an object, not %s", m.Type().FriendlyName())
		}
		return cty.NilType, fmt.Errorf("lookup takes two or three arguments")
	},
	Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
		if len(args) == 3 {
			return stdlib.LookupFunc.Call(args)
		}
		m, mm := args[0].Unmark()
		k, km := args[1].Unmark()
		if !m.IsKnown() || !k.IsKnown() {
			return cty.UnknownVal(rt).WithMarks(mm, km), nil
		}
		if m.Type().IsObjectType() {
			return m.GetAttr(k.AsString()).WithMarks(mm, km), nil
		}
		if !m.IsWhollyKnown() {
			return cty.UnknownVal(rt).WithMarks(mm, km), nil
		}
		if !m.HasIndex(k).True() {
			return cty.UnknownVal(rt), fmt.Errorf("lookup failed to find key %q", k.AsString())
		}
		return m.Index(k).WithMarks(mm, km), nil
	},
})

// lengthFunc is Terraform's length: the number of elements of a
// collection, of attributes of an object, or of characters of a string.
var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, marks := args[0].Unmark()
		switch {
		case v.Type() == cty.String:
			return stdlib.StrlenFunc.Call(args)
		case v.Type().IsObjectType():
			// Objects (for example the result of a { for ... } expression)
			// count their attributes, as in Terraform.
			return cty.NumberIntVal(int64(len(v.Type().AttributeTypes()))).WithMarks(marks), nil
		}
		return stdlib.LengthFunc.Call(args)
	},
})

// guarded wraps a go-cty function that panics on arguments of a type known
// only later (setunion(DynamicVal)) or on values outside its domain: such
// arguments give an unknown result, check (when set) rejects values with an
// error before the function sees them.
func guarded(fn function.Function, check func(args []cty.Value) error) function.Function {
	spec := &function.Spec{
		Params:   fn.Params(),
		VarParam: fn.VarParam(),
		Type: func(args []cty.Value) (cty.Type, error) {
			for _, a := range args {
				if a.Type() == cty.DynamicPseudoType {
					return cty.DynamicPseudoType, nil
				}
			}
			return fn.ReturnTypeForValues(args)
		},
		Impl: func(args []cty.Value, rt cty.Type) (cty.Value, error) {
			for _, a := range args {
				if a.Type() == cty.DynamicPseudoType {
					return cty.UnknownVal(rt), nil
				}
			}
			if check != nil {
				if err := check(args); err != nil {
					return cty.UnknownVal(rt), err
				}
			}
			return fn.Call(args)
		},
	}
	return function.New(spec)
}

// checkLogArgs rejects log(num, base) arguments whose logarithm is not a
// real number.
func checkLogArgs(args []cty.Value) error {
	for _, a := range args {
		v, _ := a.Unmark()
		if !v.IsKnown() || v.IsNull() {
			continue
		}
		f, _ := v.AsBigFloat().Float64()
		if f <= 0 || math.IsNaN(f) {
			return fmt.Errorf("log is defined only for positive numbers and bases")
		}
	}
	if len(args) == 2 {
		b, _ := args[1].Unmark()
		if b.IsKnown() && !b.IsNull() && b.RawEquals(cty.NumberIntVal(1)) {
			return fmt.Errorf("log base must not be 1")
		}
	}
	return nil
}
