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
	Value     string // the value Terraform computes
	Sensitive bool   // Terraform marks it sensitive
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
}

type gen struct {
	r         *rand.Rand
	sensVals  map[string]bool
	plainVals map[string]bool
}

func (g *gen) note(n node) node {
	if n.sens {
		g.sensVals[n.val] = true
	} else {
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
		return node{"var.secret", Secret, true}
	case 2:
		return node{"var.secret_tfvars", Secret, true}
	case 3:
		return node{"var.secret_env", Secret, true}
	case 4:
		return node{"local.secret_local", Secret, true}
	case 5:
		return node{"var.secret_obj.name", Secret, true}
	case 6:
		return node{`local.smap["a"]`, Secret, true}
	case 7:
		return node{`local.smap["b"]`, "bee", false}
	case 8:
		return node{"var.plain", Plain, false}
	}
	lit := fmt.Sprintf("lit%d", g.r.Intn(100))
	return node{`"` + lit + `"`, lit, false}
}

// expr composes a string-valued expression of at most depth levels.
func (g *gen) expr(depth int) node {
	if depth <= 0 || g.r.Intn(5) == 0 {
		return g.note(g.leaf())
	}
	x := g.expr(depth - 1)
	pick := func() node { return g.expr(depth - 1) }
	var n node
	switch g.r.Intn(26) {
	case 0:
		n = node{"upper(" + x.expr + ")", strings.ToUpper(x.val), x.sens}
	case 1:
		n = node{"lower(" + x.expr + ")", strings.ToLower(x.val), x.sens}
	case 2:
		y := pick()
		n = node{`"${` + x.expr + `}-${` + y.expr + `}"`, x.val + "-" + y.val, x.sens || y.sens}
	case 3:
		n = node{`format("<%s>", ` + x.expr + `)`, "<" + x.val + ">", x.sens}
	case 4:
		y := pick()
		n = node{`join("/", [` + x.expr + `, ` + y.expr + `])`, x.val + "/" + y.val, x.sens || y.sens}
	case 5:
		n = node{`replace(` + x.expr + `, "a", "4")`, strings.ReplaceAll(x.val, "a", "4"), x.sens}
	case 6:
		r := []rune(x.val)
		if len(r) > 5 {
			r = r[:5]
		}
		n = node{"substr(" + x.expr + ", 0, 5)", string(r), x.sens}
	case 7:
		n = node{"base64encode(" + x.expr + ")", base64.StdEncoding.EncodeToString([]byte(x.val)), x.sens}
	case 8:
		s := sha256.Sum256([]byte(x.val))
		n = node{"sha256(" + x.expr + ")", hex.EncodeToString(s[:]), x.sens}
	case 9:
		s := md5.Sum([]byte(x.val))
		n = node{"md5(" + x.expr + ")", hex.EncodeToString(s[:]), x.sens}
	case 10:
		b, _ := json.Marshal(map[string]string{"k": x.val})
		n = node{"jsonencode({ k = " + x.expr + " })", string(b), x.sens}
	case 11:
		y, z := pick(), pick()
		v := z.val
		if x.val == Plain {
			v = y.val
		}
		// HCL marks the result with the marks of the condition and of
		// both branches.
		n = node{"(" + x.expr + ` == "` + Plain + `" ? ` + y.expr + " : " + z.expr + ")", v, x.sens || y.sens || z.sens}
	case 12:
		y := pick()
		i := g.r.Intn(2)
		c := []node{x, y}[i]
		n = node{fmt.Sprintf("[for s in [%s, %s] : upper(s)][%d]", x.expr, y.expr, i), strings.ToUpper(c.val), c.sens}
	case 13:
		y := pick()
		k := []string{"a", "b"}[g.r.Intn(2)]
		c := map[string]node{"a": x, "b": y}[k]
		n = node{fmt.Sprintf(`{ a = %s, b = %s }["%s"]`, x.expr, y.expr, k), c.val, c.sens}
	case 14:
		y := pick()
		k := []string{"a", "b"}[g.r.Intn(2)]
		c := map[string]node{"a": x, "b": y}[k]
		n = node{fmt.Sprintf(`merge({ a = %s }, { b = %s }).%s`, x.expr, y.expr, k), c.val, c.sens}
	case 15:
		n = node{`lookup({ a = ` + x.expr + ` }, "a", "dflt")`, x.val, x.sens}
	case 16:
		n = node{"tomap({ k = " + x.expr + " }).k", x.val, x.sens}
	case 17:
		n = node{`zipmap(["k"], [` + x.expr + `]).k`, x.val, x.sens}
	case 18:
		y := pick()
		i := g.r.Intn(2)
		c := []node{x, y}[i]
		n = node{fmt.Sprintf("flatten([[%s], [%s]])[%d]", x.expr, y.expr, i), c.val, c.sens}
	case 19:
		n = node{`coalesce("", ` + x.expr + `)`, x.val, x.sens}
	case 20:
		n = node{"one([" + x.expr + "])", x.val, x.sens}
	case 21:
		n = node{`try(` + x.expr + `, "fallback")`, x.val, x.sens}
	case 22:
		n = node{"tostring(length(" + x.expr + "))", fmt.Sprint(len([]rune(x.val))), x.sens}
	case 23:
		r := []rune(x.val)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		n = node{"strrev(" + x.expr + ")", string(r), x.sens}
	case 24:
		n = node{`values({ k = ` + x.expr + ` })[0]`, x.val, x.sens}
	default:
		y := pick()
		n = node{`"%{if ` + x.expr + ` != ""}${` + y.expr + `}%{endif}"`, y.val, x.sens || y.sens}
	}
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
		a := Attr{Address: bucket, Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens}
		switch g.r.Intn(9) {
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
			add(Attr{Address: fmt.Sprintf("module.m%d.aws_sqs_queue.q", i), Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens})
		case 5: // a module output declared sensitive
			fmt.Fprintf(&main, "module \"m%d\" {\n  source = \"./secho\"\n  v      = %s\n}\nresource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = module.m%d.out }\n}\n", i, x.expr, name, name, i)
			a.Sensitive = true
			g.sensVals[x.val] = true
			add(a)
		case 6: // a dynamic block's iterator
			fmt.Fprintf(&main, "resource \"aws_launch_template\" %q {\n  name = %q\n  dynamic \"tag_specifications\" {\n    for_each = [%s]\n    content {\n      resource_type = \"instance\"\n      tags          = { V = tag_specifications.value }\n    }\n  }\n}\n", name, name, x.expr)
			a.Address, a.Path = "aws_launch_template."+name, "tag_specifications.0.tags.V"
			add(a)
			add(Attr{Address: a.Address, Path: "tag_specifications.0.resource_type", Expr: `"instance"`, Value: "instance"})
		case 7: // module for_each
			fmt.Fprintf(&main, "module \"m%d\" {\n  source   = \"./echo\"\n  for_each = { k = %s }\n  v        = each.value\n}\n", i, x.expr)
			add(Attr{Address: fmt.Sprintf(`module.m%d["k"].aws_sqs_queue.q`, i), Path: "tags.V", Expr: x.expr, Value: x.val, Sensitive: x.sens})
		default: // templatefile
			fmt.Fprintf(&main, "resource \"aws_s3_bucket\" %q {\n  bucket = %q\n  tags   = { V = templatefile(\"${path.module}/t.tpl\", { s = %s }) }\n}\n", name, name, x.expr)
			a.Value = "<" + x.val + ">"
			add(a)
			g.note(node{val: a.Value, sens: x.sens})
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
