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
	iofs "io/fs"
	"math"
	"math/big"
	"net/netip"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/tfgate/tfgate/plan"
)

// Table is the function table configuration is evaluated
// with: go-cty's standard library plus the Terraform-specific functions
// configurations use. Every function is pure: file functions read only
// inside the configuration tree (see fileRoot), functions that depend on the
// clock or randomness (timestamp, uuid, bcrypt) return unknown values, and
// no function reaches the network or the environment.
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
		"base64encode": stringFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": stringFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			return string(b), err
		}),
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
		"urlencode":    stringFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"md5":          hashFunc(md5.New, hex.EncodeToString),
		"sha1":         hashFunc(sha1.New, hex.EncodeToString),
		"sha256":       hashFunc(sha256.New, hex.EncodeToString),
		"sha512":       hashFunc(sha512.New, hex.EncodeToString),
		"base64sha256": hashFunc(sha256.New, base64.StdEncoding.EncodeToString),
		"base64sha512": hashFunc(sha512.New, base64.StdEncoding.EncodeToString),
		"uuid":         unknownStringFunc(0), "timestamp": unknownStringFunc(0), "bcrypt": unknownStringFunc(1),
		"plantimestamp": unknownStringFunc(0), "uuidv5": unknownStringFunc(2),
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc, "cidrnetmask": cidrNetmaskFunc,
		"cidrsubnets": cidrSubnetsFunc,
		"dirname":     stringFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
		"basename":    stringFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"abspath":     unknownStringFunc(1), "pathexpand": unknownStringFunc(1),
		"file": fs.fileFunc(false), "filebase64": fs.fileFunc(true), "fileexists": fs.existsFunc(),
		"sensitive": sensitiveFunc, "nonsensitive": nonsensitiveFunc, "issensitive": isSensitiveFunc,
		"ephemeralasnull": identityFunc,
		"yamlencode":      unknownStringFunc(1), "yamldecode": unknownFunc(1, cty.DynamicPseudoType),
	}
	funcs["fileset"] = fs.filesetFunc()
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
	rel, err := filepath.Rel(f.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside the configuration tree %s; tfgate reads files only inside it", p, f.root)
	}
	return abs, nil
}

func (f *fileFuncs) read(p string) ([]byte, error) {
	abs, err := f.resolve(p)
	if err != nil {
		return nil, err
	}
	// A symbolic link inside the tree must not lead out of it.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		root := f.root
		if r, err := filepath.EvalSymlinks(root); err == nil {
			root = r
		}
		if rel, err := filepath.Rel(root, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s leads outside the configuration tree %s; tfgate reads files only inside it", p, f.root)
		}
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, plan.DescribeFSError(err))
	}
	return data, nil
}

func (f *fileFuncs) fileFunc(b64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			data, err := f.read(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			}
			return cty.StringVal(string(data)), nil
		},
	})
}

func (f *fileFuncs) existsFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			abs, err := f.resolve(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Bool), err
			}
			info, err := os.Stat(abs)
			return cty.BoolVal(err == nil && info.Mode().IsRegular()), nil
		},
	})
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

// CIDR functions, IPv4 and IPv6, as Terraform computes them.

func parsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR %q: %w", s, err)
	}
	return p.Masked(), nil
}

func addrInt(a netip.Addr) *big.Int {
	b := a.AsSlice()
	return new(big.Int).SetBytes(b)
}

func intAddr(n *big.Int, v4 bool) (netip.Addr, error) {
	size := 16
	if v4 {
		size = 4
	}
	b := n.Bytes()
	if len(b) > size || n.Sign() < 0 {
		return netip.Addr{}, fmt.Errorf("address out of range")
	}
	buf := make([]byte, size)
	copy(buf[size-len(b):], b)
	a, _ := netip.AddrFromSlice(buf)
	return a, nil
}

func subnet(prefix string, newbits int, netnum *big.Int) (string, error) {
	p, err := parsePrefix(prefix)
	if err != nil {
		return "", err
	}
	bits := p.Addr().BitLen()
	nb := p.Bits() + newbits
	if newbits < 0 || nb > bits {
		return "", fmt.Errorf("cannot extend prefix /%d by %d bits", p.Bits(), newbits)
	}
	max := new(big.Int).Lsh(big.NewInt(1), uint(newbits))
	if netnum.Sign() < 0 || netnum.Cmp(max) >= 0 {
		return "", fmt.Errorf("prefix extension of %d bits cannot represent network number %s", newbits, netnum)
	}
	base := addrInt(p.Addr())
	base.Add(base, new(big.Int).Lsh(netnum, uint(bits-nb)))
	a, err := intAddr(base, p.Addr().Is4())
	if err != nil {
		return "", err
	}
	return netip.PrefixFrom(a, nb).String(), nil
}

func bigOf(v cty.Value) (*big.Int, error) {
	bf := v.AsBigFloat()
	if !bf.IsInt() {
		return nil, fmt.Errorf("%s is not a whole number", bf.String())
	}
	n, _ := bf.Int(nil)
	return n, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		nb, err := bigOf(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, err := bigOf(args[2])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if !nb.IsInt64() || nb.Int64() > 128 {
			return cty.UnknownVal(cty.String), fmt.Errorf("newbits %s is too large", nb)
		}
		s, err := subnet(args[0].AsString(), int(nb.Int64()), num)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(s), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.List(cty.String)), err
		}
		bits := p.Addr().BitLen()
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		// Allocate consecutive subnets of the requested sizes, aligned.
		cur := addrInt(p.Addr())
		end := new(big.Int).Add(addrInt(p.Addr()), new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits())))
		var out []cty.Value
		for _, a := range args[1:] {
			nbBig, err := bigOf(a)
			if err != nil || !nbBig.IsInt64() {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("invalid newbits")
			}
			nb := p.Bits() + int(nbBig.Int64())
			if nbBig.Int64() < 1 || nb > bits {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("cannot extend prefix /%d by %d bits", p.Bits(), nbBig.Int64())
			}
			size := new(big.Int).Lsh(big.NewInt(1), uint(bits-nb))
			// align cur up to a multiple of size
			rem := new(big.Int).Mod(cur, size)
			if rem.Sign() != 0 {
				cur.Add(cur, new(big.Int).Sub(size, rem))
			}
			next := new(big.Int).Add(cur, size)
			if next.Cmp(end) > 0 {
				return cty.UnknownVal(cty.List(cty.String)), fmt.Errorf("not enough remaining address space for a subnet with a prefix of %d bits", nb)
			}
			addr, err := intAddr(cur, p.Addr().Is4())
			if err != nil {
				return cty.UnknownVal(cty.List(cty.String)), err
			}
			out = append(out, cty.StringVal(netip.PrefixFrom(addr, nb).String()))
			cur = next
		}
		return cty.ListVal(out), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		num, err := bigOf(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		bits := p.Addr().BitLen()
		size := new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits()))
		if num.Sign() < 0 {
			num.Add(num, size)
		}
		if num.Sign() < 0 || num.Cmp(size) >= 0 {
			return cty.UnknownVal(cty.String), fmt.Errorf("prefix of %d bits cannot accommodate host number %s", p.Bits(), args[1].AsBigFloat().String())
		}
		a, err := intAddr(new(big.Int).Add(addrInt(p.Addr()), num), p.Addr().Is4())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(a.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		p, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if !p.Addr().Is4() {
			return cty.UnknownVal(cty.String), fmt.Errorf("cidrnetmask takes an IPv4 prefix")
		}
		mask := uint32(math.MaxUint32) << (32 - uint(p.Bits()))
		if p.Bits() == 0 {
			mask = 0
		}
		return cty.StringVal(fmt.Sprintf("%d.%d.%d.%d", mask>>24, (mask>>16)&0xff, (mask>>8)&0xff, mask&0xff)), nil
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

// filesetFunc is Terraform's fileset(path, pattern): the regular files
// below path (inside the configuration tree) whose slash-separated path
// relative to it matches pattern, where "**" matches any number of
// directories and the other segments use path.Match syntax.
func (f *fileFuncs) filesetFunc() function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "pattern", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Set(cty.String)),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			dir, err := f.resolve(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), err
			}
			pattern := strings.Split(filepath.ToSlash(args[1].AsString()), "/")
			for _, seg := range pattern {
				if _, err := path.Match(seg, ""); err != nil {
					return cty.UnknownVal(cty.Set(cty.String)), fmt.Errorf("fileset pattern %q: %w", args[1].AsString(), err)
				}
			}
			var found []cty.Value
			err = filepath.WalkDir(dir, func(p string, d iofs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.Type().IsRegular() {
					return nil
				}
				rel, err := filepath.Rel(dir, p)
				if err != nil {
					return err
				}
				rel = filepath.ToSlash(rel)
				if globMatch(pattern, strings.Split(rel, "/")) {
					found = append(found, cty.StringVal(rel))
				}
				return nil
			})
			if err != nil {
				return cty.UnknownVal(cty.Set(cty.String)), fmt.Errorf("fileset %s: %w", args[0].AsString(), plan.DescribeFSError(err))
			}
			if len(found) == 0 {
				return cty.SetValEmpty(cty.String), nil
			}
			return cty.SetVal(found), nil
		},
	})
}

// globMatch matches path segments against pattern segments; "**" matches
// zero or more segments.
func globMatch(pattern, segs []string) bool {
	if len(pattern) == 0 {
		return len(segs) == 0
	}
	if pattern[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if globMatch(pattern[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	ok, err := path.Match(pattern[0], segs[0])
	return err == nil && ok && globMatch(pattern[1:], segs[1:])
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
