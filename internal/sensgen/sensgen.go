// Package sensgen composes random Terraform configurations around
// sensitive values, for the sensitivity property tests of the plan and
// cmd/tfgate packages. Every expression is built together with the value
// Terraform computes for it and whether Terraform marks it sensitive, so
// a test can check both that a sensitive value (or anything derived from
// it: upper-cased, base64, hashed...) never shows, and that values
// Terraform does not mark stay visible.
package sensgen

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
	"strings"
)

// Secret is the value of every sensitive variable of a generated module
// (given as a default, in terraform.tfvars and as TF_VAR_secret_env).
const Secret = "Quokka7-Zebra9"

// Plain is the value of var.plain, which is not sensitive.
const Plain = "visible"

// Attr is one attribute a generated module sets: where it lands in the
// document, the value Terraform computes and whether it is sensitive.
type Attr struct {
	Address   string // resource instance address
	Path      string // dotted path in the resource's after value
	Expr      string // the expression, for failure messages
	Value     string // the value Terraform computes (when known)
	Sensitive bool   // Terraform marks it sensitive
	Unknown   bool   // known only after apply
	// KeyExpr, when set, is the key of a one-element map { (KeyExpr) =
	// Expr } at Path, with its value Key and its sensitivity and
	// knowledge.
	KeyExpr                  string
	Key                      string
	KeySensitive, KeyUnknown bool
}

// Want is what the document holds at the attribute's path, with redacted
// the document's redaction marker: nothing for an unknown value (the
// document omits it), redacted for a sensitive one. A map whose key is
// sensitive is sensitive as a whole (and unknown as a whole when its value
// is unknown).
func (a Attr) Want(redacted string) any {
	value := func() any {
		switch {
		case a.Unknown:
			return nil
		case a.Sensitive:
			return redacted
		}
		return a.Value
	}
	if a.KeyExpr == "" {
		return value()
	}
	switch {
	case a.KeyUnknown:
		return nil
	case a.KeySensitive && a.Unknown:
		return nil
	case a.KeySensitive:
		return redacted
	case a.Unknown:
		return map[string]any{}
	}
	return map[string]any{a.Key: value()}
}

// Module is a generated root module.
type Module struct {
	Files map[string]string // path (slash-separated) -> content
	Env   []string          // TF_VAR_ environment
	Attrs []Attr
	// Forbidden are the values of sensitive subexpressions that no output
	// may show (those that do not also occur as visible values).
	Forbidden []string
}

type node struct {
	expr string
	val  string
	sens bool
	unk  bool // known only after apply (val is meaningless)
}

type gen struct {
	r         *rand.Rand
	sensVals  map[string]bool
	plainVals map[string]bool
}

func (g *gen) note(n node) node {
	switch {
	case n.unk:
	case n.sens:
		g.sensVals[n.val] = true
	default:
		g.plainVals[n.val] = true
	}
	return n
}

// leaf is a value from a variable (sensitive from its declaration, from
// terraform.tfvars, from the environment, or through an object, a map
// element or a local) or a literal.
func (g *gen) leaf() node {
	switch g.r.Intn(10) {
	case 0, 1:
		return node{"var.secret", Secret, true, false}
	case 2:
		return node{"var.secret_tfvars", Secret, true, false}
	case 3:
		return node{"var.secret_env", Secret, true, false}
	case 4:
		return node{"local.secret_local", Secret, true, false}
	case 5:
		return node{"var.secret_obj.name", Secret, true, false}
	case 6:
		return node{`local.smap["a"]`, Secret, true, false}
	case 7:
		return node{`local.smap["b"]`, "bee", false, false}
	case 8:
		if g.r.Intn(3) == 0 {
			return node{expr: "aws_s3_bucket.o.arn", unk: true}
		}
		return node{"var.plain", Plain, false, false}
	}
	lit := fmt.Sprintf("lit%d", g.r.Intn(100))
	return node{`"` + lit + `"`, lit, false, false}
}

// expr composes a string-valued expression of at most depth levels.
func (g *gen) expr(depth int) node {
	if depth <= 0 || g.r.Intn(5) == 0 {
		return g.note(g.leaf())
	}
	x := g.expr(depth - 1)
	pick := func() node { return g.expr(depth - 1) }
	var n node
	unk := x.unk // most forms: unknown when their argument is
	switch g.r.Intn(26) {
	case 0:
		n = node{expr: "upper(" + x.expr + ")", val: strings.ToUpper(x.val), sens: x.sens}
	case 1:
		n = node{expr: "lower(" + x.expr + ")", val: strings.ToLower(x.val), sens: x.sens}
	case 2:
		y := pick()
		n = node{expr: `"${` + x.expr + `}-${` + y.expr + `}"`, val: x.val + "-" + y.val, sens: x.sens || y.sens}
		unk = x.unk || y.unk
	case 3:
		n = node{expr: `format("<%s>", ` + x.expr + `)`, val: "<" + x.val + ">", sens: x.sens}
	case 4:
		y := pick()
		n = node{expr: `join("/", [` + x.expr + `, ` + y.expr + `])`, val: x.val + "/" + y.val, sens: x.sens || y.sens}
		unk = x.unk || y.unk
	case 5:
		n = node{expr: `replace(` + x.expr + `, "a", "4")`, val: strings.ReplaceAll(x.val, "a", "4"), sens: x.sens}
	case 6:
		r := []rune(x.val)
		if len(r) > 5 {
			r = r[:5]
		}
		n = node{expr: "substr(" + x.expr + ", 0, 5)", val: string(r), sens: x.sens}
	case 7:
		n = node{expr: "base64encode(" + x.expr + ")", val: base64.StdEncoding.EncodeToString([]byte(x.val)), sens: x.sens}
	case 8:
		s := sha256.Sum256([]byte(x.val))
		n = node{expr: "sha256(" + x.expr + ")", val: hex.EncodeToString(s[:]), sens: x.sens}
	case 9:
		s := md5.Sum([]byte(x.val))
		n = node{expr: "md5(" + x.expr + ")", val: hex.EncodeToString(s[:]), sens: x.sens}
	case 10:
		b, _ := json.Marshal(map[string]string{"k": x.val})
		n = node{expr: "jsonencode({ k = " + x.expr + " })", val: string(b), sens: x.sens}
	case 11:
		y, z := pick(), pick()
		v, c := z.val, z
		if x.val == Plain {
			v, c = y.val, y
		}
		unk = x.unk || c.unk
		// HCL marks the result with the marks of the condition and of
		// both branches.
		n = node{expr: "(" + x.expr + ` == "` + Plain + `" ? ` + y.expr + " : " + z.expr + ")", val: v, sens: x.sens || y.sens || z.sens}
	case 12:
		y := pick()
		i := g.r.Intn(2)
		c := []node{x, y}[i]
		n = node{expr: fmt.Sprintf("[for s in [%s, %s] : upper(s)][%d]", x.expr, y.expr, i), val: strings.ToUpper(c.val), sens: c.sens}
		unk = c.unk
	case 13:
		y := pick()
		k := []string{"a", "b"}[g.r.Intn(2)]
		c := map[string]node{"a": x, "b": y}[k]
		n = node{expr: fmt.Sprintf(`{ a = %s, b = %s }["%s"]`, x.expr, y.expr, k), val: c.val, sens: c.sens}
		unk = c.unk
	case 14:
		y := pick()
		k := []string{"a", "b"}[g.r.Intn(2)]
		c := map[string]node{"a": x, "b": y}[k]
		n = node{expr: fmt.Sprintf(`merge({ a = %s }, { b = %s }).%s`, x.expr, y.expr, k), val: c.val, sens: c.sens}
		unk = c.unk
	case 15:
		n = node{expr: `lookup({ a = ` + x.expr + ` }, "a", "dflt")`, val: x.val, sens: x.sens}
	case 16:
		n = node{expr: "tomap({ k = " + x.expr + " }).k", val: x.val, sens: x.sens}
	case 17:
		n = node{expr: `zipmap(["k"], [` + x.expr + `]).k`, val: x.val, sens: x.sens}
	case 18:
		y := pick()
		i := g.r.Intn(2)
		c := []node{x, y}[i]
		n = node{expr: fmt.Sprintf("flatten([[%s], [%s]])[%d]", x.expr, y.expr, i), val: c.val, sens: c.sens}
		unk = x.unk || y.unk // flatten needs every element known
	case 19:
		n = node{expr: `coalesce("", ` + x.expr + `)`, val: x.val, sens: x.sens}
	case 20:
		n = node{expr: "one([" + x.expr + "])", val: x.val, sens: x.sens}
	case 21:
		n = node{expr: `try(` + x.expr + `, "fallback")`, val: x.val, sens: x.sens}
	case 22:
		n = node{expr: "tostring(length(" + x.expr + "))", val: fmt.Sprint(len([]rune(x.val))), sens: x.sens}
	case 23:
		r := []rune(x.val)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		n = node{expr: "strrev(" + x.expr + ")", val: string(r), sens: x.sens}
	case 24:
		n = node{expr: `values({ k = ` + x.expr + ` })[0]`, val: x.val, sens: x.sens}
	default:
		y := pick()
		n = node{expr: `"%{if ` + x.expr + ` != ""}${` + y.expr + `}%{endif}"`, val: y.val, sens: x.sens || y.sens}
		unk = x.unk || y.unk
	}
	n.unk = unk
	return g.note(n)
}

// Generate composes a root module with n attributes built from random
// expressions of depth at most depth, each placed in a random container
// (a resource argument, a local, for_each/each.value, count, a module
// input and output, a module with a sensitive output, a dynamic block, a
// module for_each, templatefile).
func Generate(seed int64, n, depth int) Module {
	g := &gen{r: rand.New(rand.NewSource(seed)), sensVals: map[string]bool{}, plainVals: map[string]bool{}}
	var main strings.Builder
	main.WriteString(`variable "secret" {
  type      = string
  sensitive = true
  default   = "` + Secret + `"
}
variable "secret_tfvars" {
  type      = string
  sensitive = true
}
variable "secret_env" {
  type      = string
  sensitive = true
}
variable "secret_obj" {
  type      = object({ name = string })
  sensitive = true
  default   = { name = "` + Secret + `" }
}
variable "plain" {
  type    = string
  default = "` + Plain + `"
}
locals {
  secret_local = var.secret
  smap         = { a = var.secret_tfvars, b = "bee" }
}
resource "aws_s3_bucket" "o" {
  bucket = "o"
}
`)
	m := Module{
		Files: map[string]string{
			"terraform.tfvars": `secret_tfvars = "` + Secret + `"` + "\n",
			"t.tpl":            "<${s}>",
			"echo/main.tf": `variable "v" {
  type = string
}
output "out" {
  value = var.v
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { V = var.v }
}
`,
			"secho/main.tf": `variable "v" {
  type = string
}
output "out" {
  value     = var.v
  sensitive = true
}
`,
		},
		Env: []string{"TF_VAR_secret_env=" + Secret},
	}
	add := func(a Attr) { m.Attrs = append(m.Attrs, a) }
	for i := 0; i < n; i++ {
		x := g.expr(depth)
		name := fmt.Sprintf("r%d", i)
		bucket := fmt.Sprintf("aws_s3_bucket.%s", name)
		a := Attr{Address: bucket, Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens, Unknown: x.unk}
		switch g.r.Intn(10) {
		case 0: // a resource argument
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = %s }\n}\n", name, name, x.expr)
			add(a)
		case 1: // a local
			fmt.Fprintf(&main, "locals {\n  l%d = %s\n}\nresource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = local.l%d }\n}\n", i, x.expr, name, name, i)
			add(a)
		case 2: // for_each over a map with the value as one element
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  for_each = { k = %s, o = \"other\" }\n  bucket   = each.key\n  tags     = { V = each.value, K = each.key }\n}\n", name, x.expr)
			a.Address = bucket + `["k"]`
			add(a)
			add(Attr{Address: bucket + `["o"]`, Path: "tags.V", Expr: "each.value", Value: "other"})
			add(Attr{Address: bucket + `["k"]`, Path: "tags.K", Expr: "each.key", Value: "k"})
		case 3: // count
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  count  = 1\n  bucket = %q\n  tags   = { V = %s, I = tostring(count.index) }\n}\n", name, name, x.expr)
			a.Address = bucket + "[0]"
			add(a)
			add(Attr{Address: bucket + "[0]", Path: "tags.I", Expr: "count.index", Value: "0"})
		case 4: // a module input and output
			fmt.Fprintf(&main, "module \"m%d\" {\n  source = \"./echo\"\n  v      = %s\n}\nresource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = module.m%d.out }\n}\n", i, x.expr, name, name, i)
			add(a)
			add(Attr{Address: fmt.Sprintf("module.m%d.aws_sqs_queue.q", i), Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens, Unknown: x.unk})
		case 5: // a module output declared sensitive
			fmt.Fprintf(&main, "module \"m%d\" {\n  source = \"./secho\"\n  v      = %s\n}\nresource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = module.m%d.out }\n}\n", i, x.expr, name, name, i)
			a.Sensitive = true
			if !x.unk {
				g.sensVals[x.val] = true
			}
			add(a)
		case 6: // a dynamic block's iterator
			fmt.Fprintf(&main, "resource \"aws_launch_template\" %q {\n  name = %q\n  dynamic \"tag_specifications\" {\n    for_each = [%s]\n    content {\n      resource_type = \"instance\"\n      tags          = { V = tag_specifications.value }\n    }\n  }\n}\n", name, name, x.expr)
			a.Address, a.Path = "aws_launch_template."+name, "tag_specifications.0.tags.V"
			add(a)
			add(Attr{Address: a.Address, Path: "tag_specifications.0.resource_type", Expr: `"instance"`, Value: "instance"})
		case 7: // module for_each
			fmt.Fprintf(&main, "module \"m%d\" {\n  source   = \"./echo\"\n  for_each = { k = %s }\n  v        = each.value\n}\n", i, x.expr)
			add(Attr{Address: fmt.Sprintf(`module.m%d["k"].aws_sqs_queue.q`, i), Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens, Unknown: x.unk})
		case 8: // a map key
			k := g.expr(depth - 1)
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { (%s) = %s }\n}\n", name, name, k.expr, x.expr)
			a.Path, a.KeyExpr, a.Key, a.KeySensitive, a.KeyUnknown = "tags", k.expr, k.val, k.sens, k.unk
			add(a)
			if k.sens && !k.unk && !x.unk {
				g.sensVals[x.val] = true // the whole map is sensitive
			}
		default: // templatefile
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = templatefile(\"${path.module}/t.tpl\", { s = %s }) }\n}\n", name, name, x.expr)
			a.Value = "<" + x.val + ">"
			add(a)
			g.note(node{val: a.Value, sens: x.sens, unk: x.unk})
		}
	}
	m.Files["main.tf"] = main.String()
	for v := range g.sensVals {
		if len(v) < 8 || g.plainVals[v] {
			continue
		}
		visible := false
		for p := range g.plainVals {
			if strings.Contains(p, v) {
				visible = true
				break
			}
		}
		if !visible {
			m.Forbidden = append(m.Forbidden, v)
		}
	}
	sort.Strings(m.Forbidden)
	return m
}

// Forms lists the strings that would show secret (or a value derived
// from it) in an output: the secret, its parts, their upper- and
// lower-case forms, its reversal, base64, URL and hash forms.
func Forms(secret string) []string {
	forms := map[string]bool{secret: true}
	add := func(s string) {
		if len(s) >= 5 {
			forms[s] = true
		}
	}
	for _, part := range strings.FieldsFunc(secret, func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		add(part)
		add(strings.ToUpper(part))
		add(strings.ToLower(part))
	}
	add(strings.ToUpper(secret))
	add(strings.ToLower(secret))
	r := []rune(secret)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	add(string(r))
	b64 := base64.StdEncoding.EncodeToString([]byte(secret))
	add(strings.TrimRight(b64, "="))
	add(b64[:len(b64)*3/4]) // base64 of a prefix (secret-suffix)
	m, s1, s2 := md5.Sum([]byte(secret)), sha1.Sum([]byte(secret)), sha256.Sum256([]byte(secret))
	add(hex.EncodeToString(m[:]))
	add(hex.EncodeToString(s1[:]))
	add(hex.EncodeToString(s2[:]))
	add(base64.StdEncoding.EncodeToString(s2[:]))
	out := make([]string, 0, len(forms))
	for f := range forms {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
