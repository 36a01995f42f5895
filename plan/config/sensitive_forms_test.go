package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/sensgen"
	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/planjson"
)

// The secret of the sensitivity tests: its parts stay recognisable through
// the transformations an expression may apply (upper, base64, hashes...).
const testSecret = sensgen.Secret

// leaks returns the forms of secret found in text (case-sensitive: the
// case-changed forms are listed themselves).
func leaks(text, secret string) []string {
	var found []string
	for _, f := range sensgen.Forms(secret) {
		if strings.Contains(text, f) {
			found = append(found, f)
		}
	}
	return found
}

// docJSON is a document as inspect prints it.
func docJSON(t testing.TB, docs ...*plan.Document) string {
	t.Helper()
	data, err := json.MarshalIndent(docs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// valueAt follows a dotted path ("tags.Owner", "ingress.0.description")
// in a decoded document value.
func valueAt(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[step]; !ok {
				return nil, false
			}
		case []any:
			var i int
			if _, err := fmt.Sscan(step, &i); err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// redactedPaths lists the paths of v that hold Redacted.
func redactedPaths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case string:
		if x == plan.Redacted {
			out[prefix] = true
		}
	case map[string]any:
		for k, e := range x {
			redactedPaths(e, join(prefix, k), out)
		}
	case []any:
		for i, e := range x {
			redactedPaths(e, join(prefix, fmt.Sprint(i)), out)
		}
	}
}

func join(prefix, step string) string {
	if prefix == "" {
		return step
	}
	return prefix + "." + step
}

// secretPreamble declares the sensitive variable every case uses.
const secretPreamble = `
variable "secret" {
  type      = string
  sensitive = true
  default   = "` + testSecret + `"
}
variable "plain" {
  type    = string
  default = "visible"
}
`

// TestSensitiveForms: a value derived from a sensitive variable is
// redacted through every expression form, in resource values, effective
// tags and notices, while values next to it that Terraform does not mark
// stay visible.
func TestSensitiveForms(t *testing.T) {
	type want struct {
		addr, path string
		value      any // Redacted, a visible value, or nil: absent
	}
	cases := []struct {
		name    string
		files   map[string]string
		opts    plan.Options
		want    []want
		addrs   []string // the resources the document must hold, when set
		notices []string // substrings, one notice each
	}{
		{
			name: "local map, for_each, each.value, merge and lookup",
			files: map[string]string{"main.tf": secretPreamble + `
locals {
  tagmap = { a = { Owner = var.secret }, b = { Owner = "x" } }
}
resource "aws_s3_bucket" "b" {
  for_each = local.tagmap
  bucket   = "b-${each.key}"
  tags     = merge(each.value, { Extra = lookup(each.value, "Owner", "none"), Key = each.key })
}`},
			want: []want{
				{`aws_s3_bucket.b["a"]`, "tags.Owner", plan.Redacted},
				{`aws_s3_bucket.b["a"]`, "tags.Extra", plan.Redacted},
				{`aws_s3_bucket.b["a"]`, "tags.Key", "a"},
				{`aws_s3_bucket.b["a"]`, "tags_all.Owner", plan.Redacted},
				{`aws_s3_bucket.b["b"]`, "tags.Owner", "x"},
				{`aws_s3_bucket.b["b"]`, "tags.Extra", "x"},
			},
		},
		{
			name: "a for_each sensitive as a whole is refused as Terraform does",
			files: map[string]string{"main.tf": secretPreamble + `
variable "names" {
  type      = map(string)
  sensitive = true
  default   = { "Quokka7-Zebra9" = "v" }
}
resource "aws_s3_bucket" "m" {
  for_each = var.names
  bucket   = each.key
}
resource "aws_s3_bucket" "s" {
  for_each = toset([var.secret])
  bucket   = each.value
}
module "c" {
  source   = "./c"
  for_each = var.names
  v        = each.value
}`, "c/main.tf": `
variable "v" {}
resource "aws_sqs_queue" "q" { name = var.v }`},
			addrs:   []string{`aws_s3_bucket.m[*]`, `aws_s3_bucket.s[*]`, `module.c[*].aws_sqs_queue.q`},
			notices: []string{"for_each of aws_s3_bucket.m is sensitive", "for_each of aws_s3_bucket.s is sensitive", "for_each of module.c is sensitive"},
		},
		{
			name: "module for_each with sensitive elements: each.value in the child",
			files: map[string]string{"main.tf": secretPreamble + `
module "c" {
  source   = "./c"
  for_each = { one = var.secret, two = var.plain }
  v        = each.value
}`, "c/main.tf": `
variable "v" {}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { V = var.v }
}`},
			want: []want{
				{`module.c["one"].aws_sqs_queue.q`, "tags.V", plan.Redacted},
				{`module.c["two"].aws_sqs_queue.q`, "tags.V", "visible"},
			},
		},
		{
			name: "count from a sensitive value",
			files: map[string]string{"main.tf": secretPreamble + `
resource "aws_s3_bucket" "c" {
  count  = length(var.secret) > 3 ? 2 : 1
  bucket = "c-${count.index}"
  tags   = { I = tostring(count.index), S = "${var.secret}-${count.index}" }
}`},
			want: []want{
				{`aws_s3_bucket.c[1]`, "tags.I", "1"},
				{`aws_s3_bucket.c[1]`, "tags.S", plan.Redacted},
			},
		},
		{
			name: "for expressions, conditionals and templates",
			files: map[string]string{"main.tf": secretPreamble + `
resource "aws_s3_bucket" "e" {
  bucket = "e"
  tags = {
    ForElem   = [for s in [var.secret, "x"] : upper(s)][0]
    ForOther  = [for s in [var.secret, "x"] : upper(s)][1]
    ForCond   = join(",", [for s in ["a", "b"] : s if s != var.secret])
    ForKey    = jsonencode({ for s in [var.secret] : s => 1 })
    Cond      = var.secret == "" ? "empty" : "set"
    Branch    = false ? "n" : var.secret
    Heredoc   = <<-EOT
      x ${var.secret}
    EOT
    Directive = "%{for s in [var.secret]}${s}%{endfor}"
    Plain     = "${var.plain}-x"
  }
}`},
			want: []want{
				{"aws_s3_bucket.e", "tags.ForElem", plan.Redacted},
				{"aws_s3_bucket.e", "tags.ForOther", "X"},
				{"aws_s3_bucket.e", "tags.ForCond", plan.Redacted},
				{"aws_s3_bucket.e", "tags.ForKey", plan.Redacted},
				{"aws_s3_bucket.e", "tags.Cond", plan.Redacted},
				{"aws_s3_bucket.e", "tags.Branch", plan.Redacted},
				{"aws_s3_bucket.e", "tags.Heredoc", plan.Redacted},
				{"aws_s3_bucket.e", "tags.Directive", plan.Redacted},
				{"aws_s3_bucket.e", "tags.Plain", "visible-x"},
			},
		},
		{
			name: "functions",
			files: map[string]string{"main.tf": secretPreamble + `
resource "aws_s3_bucket" "f" {
  bucket = "f"
  tags = {
    Upper     = upper(var.secret)
    Lower     = lower(var.secret)
    Title     = title(var.secret)
    Format    = format("<%s>", var.secret)
    FormatL   = formatlist("%s", [var.secret])[0]
    Join      = join("/", [var.secret, "x"])
    Split     = split("-", var.secret)[1]
    Replace   = replace(var.secret, "/[0-9]/", "_")
    Substr    = substr(var.secret, 0, 6)
    Strrev    = strrev(var.secret)
    Trim      = trimspace(" ${var.secret} ")
    B64       = base64encode(var.secret)
    B64Gz     = base64gzip(var.secret)
    Md5       = md5(var.secret)
    Sha1      = sha1(var.secret)
    Sha256    = sha256(var.secret)
    Sha512    = sha512(var.secret)
    B64Sha    = base64sha256(var.secret)
    Url       = urlencode(var.secret)
    B64Dec    = base64decode(base64encode(var.secret))
    Yaml      = yamlencode({ a = var.secret })
    YamlDec   = yamldecode("a: ${var.secret}").a
    Uuid5     = uuidv5("dns", var.secret)
    Json      = jsonencode([var.secret])
    JsonDec   = jsondecode(jsonencode({ a = var.secret })).a
    Csv       = csvdecode("a\n${var.secret}")[0].a
    Merge     = merge({ a = var.secret }, { b = "x" }).a
    MergePl   = merge({ a = var.secret }, { b = "x" }).b
    Lookup    = lookup({ a = var.secret }, "a")
    Lookup3   = lookup({ a = "x" }, var.secret, "default")
    Tomap     = tomap({ a = var.secret }).a
    Zipmap    = zipmap(["a"], [var.secret]).a
    ZipKeys   = join(",", keys(zipmap([var.secret], ["v"])))
    Keys      = join(",", keys({ (var.secret) = 1 }))
    Values    = values({ a = var.secret })[0]
    Flatten   = flatten([[var.secret], ["y"]])[0]
    FlatPl    = flatten([[var.secret], ["y"]])[1]
    Concat    = concat([var.secret], ["y"])[0]
    Element   = element([var.secret, "y"], 0)
    Index     = tostring(index([var.secret, "y"], "y"))
    Slice     = slice([var.secret, "y"], 0, 1)[0]
    Sort      = sort([var.secret, "a"])[1]
    Reverse   = reverse([var.secret, "y"])[1]
    Distinct  = distinct([var.secret, var.secret])[0]
    Compact   = compact([var.secret, ""])[0]
    Coalesce  = coalesce("", var.secret)
    CoalesceL = coalescelist([], [var.secret])[0]
    Contains  = tostring(contains([var.secret], "x"))
    Toset     = tolist(toset([var.secret]))[0]
    Setunion  = tolist(setunion([var.secret], ["y"]))[0]
    One       = one([var.secret])
    Try       = try(var.secret, "fallback")
    Can       = tostring(can(var.secret))
    Length    = tostring(length(var.secret))
    Chunk     = chunklist([var.secret], 1)[0][0]
    Regex     = regex("[A-Z][a-z]+", var.secret)
    Regexall  = regexall("[0-9]", var.secret)[0]
    Trimpre   = trimprefix(var.secret, "Q")
    Startsw   = tostring(startswith(var.secret, "Q"))
    Tostring  = tostring(var.secret)
    Transpose = transpose({ k = [var.secret] })[var.secret][0]
    Matchkeys = matchkeys([var.secret], ["k"], ["k"])[0]
    Sensitive = sensitive("Platypus5-Emu4")
    IsSens    = tostring(issensitive(var.secret))
    Plain     = upper(var.plain)
  }
}`},
			want: func() []want {
				var w []want
				for _, k := range []string{"Upper", "Lower", "Title", "Format", "FormatL", "Join", "Split", "Replace",
					"Substr", "Strrev", "Trim", "B64", "B64Gz", "Md5", "Sha1", "Sha256", "Sha512", "B64Sha", "Url",
					"Json", "JsonDec", "Csv", "Merge", "Lookup", "Lookup3", "Tomap", "Zipmap", "ZipKeys", "Keys", "Values",
					"Flatten", "Concat", "Element", "Slice", "Sort", "Reverse", "Distinct", "Compact", "Coalesce",
					"CoalesceL", "Contains", "Toset", "Setunion", "One", "Try", "Length", "Chunk", "Regex", "Regexall",
					"Trimpre", "Startsw", "Tostring", "Transpose", "Matchkeys", "Sensitive", "Index",
					"B64Dec", "Yaml", "YamlDec", "Uuid5"} {
					w = append(w, want{"aws_s3_bucket.f", "tags." + k, plan.Redacted})
				}
				return append(w,
					want{"aws_s3_bucket.f", "tags.MergePl", "x"},
					want{"aws_s3_bucket.f", "tags.FlatPl", "y"},
					want{"aws_s3_bucket.f", "tags.Can", "true"},
					want{"aws_s3_bucket.f", "tags.IsSens", "true"},
					want{"aws_s3_bucket.f", "tags.Plain", "VISIBLE"})
			}(),
		},
		{
			name: "templatefile",
			files: map[string]string{"main.tf": secretPreamble + `
resource "aws_s3_bucket" "t" {
  bucket = "t"
  tags = {
    T     = templatefile("${path.module}/t.tpl", { s = var.secret, p = "x" })
    Plain = templatefile("${path.module}/p.tpl", { p = "x" })
  }
}`, "t.tpl": "<${s}>", "p.tpl": "<${p}>"},
			want: []want{
				{"aws_s3_bucket.t", "tags.T", plan.Redacted},
				{"aws_s3_bucket.t", "tags.Plain", "<x>"},
			},
		},
		{
			name: "module inputs, sensitive child variables and outputs",
			files: map[string]string{"main.tf": secretPreamble + `
module "c" {
  source = "./c"
  in     = var.secret
  sin    = "Wombat3-Kiwi8"
}
resource "aws_s3_bucket" "r" {
  bucket = "r"
  tags = {
    Echo    = module.c.echo
    SensOut = module.c.sens_out
    SinEcho = module.c.sin_echo
    Plain   = module.c.plain
  }
}`, "c/main.tf": `
variable "in" {}
variable "sin" {
  sensitive = true
}
output "echo" { value = var.in }
output "sens_out" {
  value     = "Quokka7-Zebra9-out"
  sensitive = true
}
output "sin_echo" { value = var.sin }
output "plain" { value = "p" }
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { In = var.in, Sin = var.sin }
}`},
			want: []want{
				{"aws_s3_bucket.r", "tags.Echo", plan.Redacted},
				{"aws_s3_bucket.r", "tags.SensOut", plan.Redacted},
				{"aws_s3_bucket.r", "tags.SinEcho", plan.Redacted},
				{"aws_s3_bucket.r", "tags.Plain", "p"},
				{"module.c.aws_sqs_queue.q", "tags.In", plan.Redacted},
				{"module.c.aws_sqs_queue.q", "tags.Sin", plan.Redacted},
			},
		},
		{
			name: "dynamic blocks: the iterator value, and a whole sensitive for_each",
			files: map[string]string{"main.tf": secretPreamble + `
variable "ports" {
  type      = list(number)
  sensitive = true
  default   = [443]
}
resource "aws_security_group" "elem" {
  name = "elem"
  dynamic "ingress" {
    for_each = [var.secret]
    content {
      description = ingress.value
      from_port   = 1
      to_port     = 1
      protocol    = "tcp"
    }
  }
}
resource "aws_security_group" "whole" {
  name = "whole"
  dynamic "egress" {
    for_each = var.ports
    iterator = p
    content {
      from_port = 1
      to_port   = 1
      protocol  = "tcp"
    }
  }
}
resource "aws_launch_template" "lt" {
  name = "lt"
  dynamic "tag_specifications" {
    for_each = [var.secret]
    content {
      resource_type = "instance"
      tags          = { Owner = tag_specifications.value, Plain = "p" }
    }
  }
}`},
			want: []want{
				// ingress is a set: Terraform marks the whole set.
				{"aws_security_group.elem", "ingress", plan.Redacted},
				{"aws_security_group.whole", "egress", plan.Redacted},
				// tag_specifications is a list of blocks: marks stay per value.
				{"aws_launch_template.lt", "tag_specifications.0.tags.Owner", plan.Redacted},
				{"aws_launch_template.lt", "tag_specifications.0.tags.Plain", "p"},
				{"aws_launch_template.lt", "tag_specifications.0.resource_type", "instance"},
			},
		},
		{
			name: "values from tfvars, --var-file, --var and TF_VAR_",
			files: map[string]string{"main.tf": `
variable "a" { sensitive = true }
variable "b" { sensitive = true }
variable "c" { sensitive = true }
variable "d" {
  type      = map(string)
  sensitive = true
}
variable "e" { sensitive = true }
resource "aws_s3_bucket" "v" {
  bucket = "v"
  tags   = { A = var.a, B = var.b, C = var.c, E = var.e, D = var.d["k"] }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = var.d
}`,
				"terraform.tfvars":   `a = "Quokka7-Zebra9-tfvars"`,
				"x.auto.tfvars.json": `{"b": "Quokka7-Zebra9-auto"}`,
				"extra.tfvars":       `c = "Quokka7-Zebra9-varfile"`,
			},
			opts: plan.Options{
				Env:  []string{"TF_VAR_d={k = \"Quokka7-Zebra9-env\"}"},
				Vars: map[string]string{"e": "Quokka7-Zebra9-var"},
			},
			want: []want{
				{"aws_s3_bucket.v", "tags.A", plan.Redacted},
				{"aws_s3_bucket.v", "tags.B", plan.Redacted},
				{"aws_s3_bucket.v", "tags.C", plan.Redacted},
				{"aws_s3_bucket.v", "tags.D", plan.Redacted},
				{"aws_s3_bucket.v", "tags.E", plan.Redacted},
				{"aws_sqs_queue.q", "tags", plan.Redacted},
			},
		},
		{
			name: "JSON configuration",
			files: map[string]string{"main.tf.json": `{
  "variable": {"secret": {"sensitive": true, "default": "Quokka7-Zebra9"}},
  "locals": {"m": {"a": "${var.secret}", "b": "plain"}},
  "resource": {"aws_sqs_queue": {
    "q": {
      "for_each": "${local.m}",
      "name": "q-${each.key}",
      "tags": {"V": "${upper(each.value)}"}
    },
    "e": {"name": "e", "tags": {"P": "${parseint(var.secret, 10)}"}}
  }}
}`},
			want: []want{
				{`aws_sqs_queue.q["a"]`, "tags.V", plan.Redacted},
				{`aws_sqs_queue.q["b"]`, "tags.V", "PLAIN"},
				{`aws_sqs_queue.q["b"]`, "name", "q-b"},
			},
			notices: []string{"details of the error are not shown"},
		},
		{
			name: "provider default_tags",
			files: map[string]string{"main.tf": secretPreamble + `
provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { DT = var.secret, Team = "t" }
  }
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { Own = "o" }
}`},
			want: []want{
				{"aws_sqs_queue.q", "tags_all.DT", plan.Redacted},
				{"aws_sqs_queue.q", "tags_all.Team", "t"},
				{"aws_sqs_queue.q", "tags_all.Own", "o"},
			},
		},
		{
			// Terraform 1.11 plans tags = {(var.secret) = <unknown>} as
			// unknown and sensitive as a whole (after_unknown.tags: true).
			name: "a map with a sensitive key: sensitive as a whole, unknown as a whole with an unknown value",
			files: map[string]string{"main.tf": secretPreamble + `
variable "dt" {
  type      = map(string)
  sensitive = true
  default   = { "Quokka7-Zebra9-dt" = "v" }
}
provider "aws" {
  alias = "dt"
  default_tags {
    tags = var.dt
  }
}
resource "aws_s3_bucket" "o" { bucket = "o" }
resource "aws_sqs_queue" "k" {
  name = "k"
  tags = { (var.secret) = "v" }
}
resource "aws_sqs_queue" "u" {
  name = "u"
  tags = { (var.secret) = aws_s3_bucket.o.arn, other = "x" }
}
resource "aws_sqs_queue" "d" {
  provider = aws.dt
  name     = "d"
  tags     = { Own = "o" }
}`},
			want: []want{
				{"aws_sqs_queue.k", "tags", plan.Redacted},
				{"aws_sqs_queue.k", "tags_all", plan.Redacted},
				{"aws_sqs_queue.u", "tags", nil},
				{"aws_sqs_queue.u", "tags_all", nil},
				{"aws_sqs_queue.d", "tags", map[string]any{"Own": "o"}},
				{"aws_sqs_queue.d", "tags_all", plan.Redacted},
			},
		},
		{
			name: "a sensitive attribute of another resource",
			files: map[string]string{"main.tf": `
resource "aws_db_instance" "d" {
  count    = 1
  password = "Quokka7-Zebra9-db"
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { P = aws_db_instance.d[0].password, S = (aws_db_instance.d[*].password)[0] }
}`},
			want: []want{
				{"aws_db_instance.d[0]", "password", plan.Redacted},
				{"aws_sqs_queue.q", "tags.P", plan.Redacted},
				{"aws_sqs_queue.q", "tags.S", plan.Redacted},
			},
		},
		{
			name: "nonsensitive() is taken at its word, as Terraform does",
			files: map[string]string{"main.tf": `
variable "s" {
  sensitive = true
  default   = "declassified-value"
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { N = nonsensitive(var.s) }
}`},
			want: []want{{"aws_sqs_queue.q", "tags.N", "declassified-value"}},
		},
		{
			name: "error messages that would quote the value",
			files: map[string]string{"main.tf": secretPreamble + `
variable "num" {
  type    = number
  default = 1
}
module "c" {
  source = "./c"
  n      = var.secret
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = {
    Parse  = parseint(var.secret, 10)
    Cidr   = cidrsubnet(var.secret, 8, 1)
    Lookup = lookup({ a = "x" }, var.secret)
    Dup    = jsonencode({ for s in [var.secret, var.secret] : s => 1 })
    Num    = tonumber(var.secret)
    Index  = { a = 1 }[var.secret]
    File   = file(var.secret)
    Ok     = "ok"
  }
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["x"])
  bucket   = aws_s3_bucket.b2[var.secret].bucket
}
resource "aws_s3_bucket" "b2" {
  for_each = toset(["x"])
  bucket   = "b2"
}`, "c/main.tf": `
variable "n" { type = number }
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { N = tostring(var.n) }
}`},
			notices: []string{"details of the error are not shown", `variable "n" of module "c": the value is sensitive`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, tc.files)
			opts := tc.opts
			if _, ok := tc.files["extra.tfvars"]; ok {
				opts.VarFiles = []string{filepath.Join(dir, "extra.tfvars")}
			}
			doc := loadOne(t, dir, opts)
			text := docJSON(t, doc)
			for _, secret := range []string{testSecret, "Wombat3-Kiwi8", "Platypus5-Emu4"} {
				if found := leaks(text, secret); len(found) > 0 {
					t.Errorf("the document shows %q (from %q):\n%s", found, secret, text)
				}
			}
			var data []map[string]any
			if err := json.Unmarshal([]byte(text), &data); err != nil {
				t.Fatal(err)
			}
			byAddr := map[string]map[string]any{}
			for _, r := range data[0]["resources"].([]any) {
				m := r.(map[string]any)
				byAddr[m["address"].(string)] = m
			}
			for _, w := range tc.want {
				r, ok := byAddr[w.addr]
				if !ok {
					t.Errorf("no resource %s in %v", w.addr, addresses(doc))
					continue
				}
				got, _ := valueAt(r["after"], w.path)
				if diff := cmp.Diff(w.value, got); diff != "" {
					t.Errorf("%s %s (-want +got):\n%s", w.addr, w.path, diff)
				}
			}
			if t.Failed() {
				t.Logf("notices: %+v", doc.Notices)
			}
			if tc.addrs != nil {
				if diff := cmp.Diff(tc.addrs, addresses(doc)); diff != "" {
					t.Errorf("addresses (-want +got):\n%s", diff)
				}
			}
			for _, n := range tc.notices {
				found := false
				for _, got := range doc.Notices {
					if strings.Contains(got.Message, n) {
						found = true
					}
				}
				if !found {
					t.Errorf("no notice with %q in %+v", n, doc.Notices)
				}
			}
		})
	}
}

// TestSensitiveRootVariableError: a value of a sensitive root variable
// that does not fit its type is an error that names the variable and the
// file, and neither quotes the value nor shows its source line.
func TestSensitiveRootVariableError(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
variable "port" {
  type      = number
  sensitive = true
}
resource "aws_sqs_queue" "q" { name = "q" }`,
		"terraform.tfvars": `port = "Quokka7-Zebra9"`,
	})
	_, err := Load(dir, plan.Options{Env: []string{"TF_VAR_port=Quokka7-Zebra9-env"}})
	if err == nil {
		t.Fatal("no error for a string given to a number variable")
	}
	msg := err.Error()
	if found := leaks(msg, testSecret); len(found) > 0 {
		t.Errorf("the error shows %q:\n%s", found, msg)
	}
	for _, want := range []string{`"port"`, "terraform.tfvars"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not name %s:\n%s", want, msg)
		}
	}
}

// TestSensitiveFormsEqualTerraform: the configuration document of
// testdata/sensitive/forms redacts exactly the values Terraform 1.11
// marks sensitive in the plan it made of the same directory (plan.json,
// made by testdata/sensitive/regen.sh), and neither shows the secrets.
func TestSensitiveFormsEqualTerraform(t *testing.T) {
	dir := filepath.Join("testdata", "sensitive", "forms")
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	planDoc, err := planjson.Read(data, filepath.Join(dir, "plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfgDoc := loadOne(t, dir, plan.Options{Env: []string{"TF_VAR_env_secret=Quokka7-Zebra9-env"}})
	for name, doc := range map[string]*plan.Document{"plan": planDoc, "configuration": cfgDoc} {
		text := docJSON(t, doc)
		if found := leaks(text, testSecret); len(found) > 0 {
			t.Errorf("the %s document shows %q", name, found)
		}
		if strings.Contains(text, "sensitive-in-the-child") {
			t.Errorf("the %s document shows the child's sensitive variable", name)
		}
	}
	paths := func(doc *plan.Document) map[string][]string {
		out := map[string][]string{}
		for _, r := range doc.Resources {
			set := map[string]bool{}
			redactedPaths(r.After, "", set)
			list := make([]string, 0, len(set))
			for p := range set {
				list = append(list, p)
			}
			sort.Strings(list)
			out[r.Address] = list
		}
		return out
	}
	want, got := paths(planDoc), paths(cfgDoc)
	// tags_all is computed by the provider, which Terraform does not tell
	// about sensitivity: the plan reader redacts its copies of sensitive
	// strings by value (not those under 3 characters, such as a length);
	// the configuration keeps the marks. Where the tag itself is
	// redacted, a redacted tags_all copy is as Terraform would have it.
	for addr, list := range got {
		redacted := map[string]bool{}
		for _, p := range want[addr] {
			redacted[p] = true
		}
		for _, p := range list {
			if k, ok := strings.CutPrefix(p, "tags_all."); ok && !redacted[p] && redacted["tags."+k] {
				want[addr] = append(want[addr], p)
			}
		}
		sort.Strings(want[addr])
	}
	if len(want["aws_s3_bucket.exprs"]) < 40 {
		t.Fatalf("the plan redacts only %v in aws_s3_bucket.exprs: regenerate plan.json", want["aws_s3_bucket.exprs"])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redacted paths, plan by Terraform (-) vs configuration (+):\n%s", diff)
	}
	// The visible values next to them are the same too.
	for _, r := range planDoc.Resources {
		c := resourceByAddr(t, cfgDoc, r.Address)
		if diff := cmp.Diff(r.After.(map[string]any)["tags"], c.After.(map[string]any)["tags"]); diff != "" {
			t.Errorf("%s tags, plan (-) vs configuration (+):\n%s", r.Address, diff)
		}
	}
}
