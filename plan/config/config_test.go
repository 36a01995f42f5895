package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/planjson"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/config")

// writeModule writes files (path relative to a new temporary directory)
// and returns the directory.
func writeModule(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testutil.WriteFiles(t, dir, files)
	return dir
}

func loadOne(t *testing.T, dir string, opts plan.Options) *plan.Document {
	t.Helper()
	docs, err := Load(dir, opts)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("LoadConfig returned %d documents, want 1", len(docs))
	}
	return docs[0]
}

func resourceByAddr(t *testing.T, doc *plan.Document, addr string) plan.Resource {
	t.Helper()
	for _, r := range doc.Resources {
		if r.Address == addr {
			return r
		}
	}
	t.Fatalf("no resource %s in %v", addr, addresses(doc))
	return plan.Resource{}
}

func addresses(doc *plan.Document) []string {
	out := make([]string, 0, len(doc.Resources))
	for _, r := range doc.Resources {
		out = append(out, r.Address)
	}
	return out
}

// at walks a decoded JSON value by dotted path with numeric list indices
// ("rule.0.apply_server_side_encryption_by_default.0.sse_algorithm").
func at(v any, path string) any {
	if path == "" {
		return v
	}
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				return "<absent>"
			}
		case []any:
			i := 0
			for _, c := range p {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return "<absent>"
			}
			v = x[i]
		default:
			return "<absent>"
		}
	}
	return v
}

func noticeCodes(doc *plan.Document) []string {
	var out []string
	for _, n := range doc.Notices {
		out = append(out, n.Code)
	}
	return out
}

const awsProvider = `
provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { Env = "dev" }
  }
}
`

func TestLoadConfigExpansion(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": awsProvider + `
locals {
  regions = toset(["eu", "us"])
}
resource "aws_s3_bucket" "logs" {
  count  = 2
  bucket = "logs-${count.index}"
}
resource "aws_s3_bucket" "by_region" {
  for_each = local.regions
  bucket   = "b-${each.key}"
}
resource "aws_s3_bucket" "by_map" {
  for_each = { a = "x", b = "y" }
  bucket   = each.value
}
resource "aws_s3_bucket" "none" {
  count  = 0
  bucket = "never"
}
resource "aws_s3_bucket" "off" {
  for_each = {}
}
module "m" {
  source = "./m"
  count  = 2
  name   = "n${count.index}"
}
module "e" {
  source   = "./m"
  for_each = toset(["k"])
  name     = each.key
}
`,
		"m/main.tf": `
variable "name" { type = string }
resource "aws_sqs_queue" "q" {
  name = var.name
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	want := []string{
		`aws_s3_bucket.by_map["a"]`, `aws_s3_bucket.by_map["b"]`,
		`aws_s3_bucket.by_region["eu"]`, `aws_s3_bucket.by_region["us"]`,
		`aws_s3_bucket.logs[0]`, `aws_s3_bucket.logs[1]`,
		`module.e["k"].aws_sqs_queue.q`,
		`module.m[0].aws_sqs_queue.q`, `module.m[1].aws_sqs_queue.q`,
	}
	if diff := cmp.Diff(want, addresses(doc)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	type inst struct {
		Index  any
		Module string
		Name   any
	}
	got := map[string]inst{}
	for _, r := range doc.Resources {
		name := at(r.After, "bucket")
		if r.Type == "aws_sqs_queue" {
			name = at(r.After, "name")
		}
		got[r.Address] = inst{r.Index, r.Module, name}
	}
	wantInst := map[string]inst{
		`aws_s3_bucket.by_map["a"]`:     {"a", "", "x"},
		`aws_s3_bucket.by_map["b"]`:     {"b", "", "y"},
		`aws_s3_bucket.by_region["eu"]`: {"eu", "", "b-eu"},
		`aws_s3_bucket.by_region["us"]`: {"us", "", "b-us"},
		`aws_s3_bucket.logs[0]`:         {0.0, "", "logs-0"},
		`aws_s3_bucket.logs[1]`:         {1.0, "", "logs-1"},
		`module.e["k"].aws_sqs_queue.q`: {nil, `module.e["k"]`, "k"},
		`module.m[0].aws_sqs_queue.q`:   {nil, "module.m[0]", "n0"},
		`module.m[1].aws_sqs_queue.q`:   {nil, "module.m[1]", "n1"},
	}
	if diff := cmp.Diff(wantInst, got); diff != "" {
		t.Errorf("instances (-want +got):\n%s", diff)
	}
	for _, r := range doc.Resources {
		if r.Change.Kind != plan.ChangeCreate || len(r.Change.Actions) != 1 || r.Change.Actions[0] != "create" || r.Before != nil {
			t.Errorf("%s: change %+v before %v, want create and null", r.Address, r.Change, r.Before)
		}
	}
	if len(doc.Notices) != 0 {
		t.Errorf("notices: %+v", doc.Notices)
	}
}

func TestLoadConfigExpressions(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": awsProvider + `
variable "names" {
  type    = list(string)
  default = ["a", "b", "c"]
}
variable "rules" {
  type = list(object({
    port = number
    cidr = optional(string, "10.0.0.0/8")
  }))
  default = [{ port = 443 }, { port = 80, cidr = "0.0.0.0/0" }]
}
locals {
  upper   = [for n in var.names : upper(n)]
  by_name = { for n in var.names : n => length(n) if n != "b" }
  ports   = var.rules[*].port
  banner  = "%{for n in var.names}${n};%{endfor}%{if length(var.names) > 2} many%{else} few%{endif}"
}
resource "aws_security_group" "sg" {
  name        = join("-", local.upper)
  description = local.banner
  tags = {
    Count = length(local.by_name) > 1 ? "two" : "one"
    Ports = jsonencode(local.ports)
  }
  dynamic "egress" {
    for_each = var.rules
    iterator = r
    content {
      from_port   = r.value.port
      to_port     = r.value.port
      protocol    = "tcp"
      cidr_blocks = [r.value.cidr]
    }
  }
  ingress {
    from_port = 22
    to_port   = 22
    protocol  = "tcp"
  }
  ingress {
    from_port = 23
    to_port   = 23
    protocol  = "tcp"
  }
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	r := resourceByAddr(t, doc, "aws_security_group.sg")
	got := map[string]any{}
	for _, p := range []string{
		"name", "description", "tags.Count", "tags.Ports",
		"egress.0.from_port", "egress.0.cidr_blocks", "egress.1.cidr_blocks", "egress.1.description",
		"ingress.0.from_port", "ingress.1.from_port", "revoke_rules_on_delete", "vpc_id",
	} {
		got[p] = at(r.After, p)
	}
	want := map[string]any{
		"name":                   "A-B-C",
		"description":            "a;b;c; many",
		"tags.Count":             "two",
		"tags.Ports":             "[443,80]",
		"egress.0.from_port":     443.0,
		"egress.0.cidr_blocks":   []any{"10.0.0.0/8"},
		"egress.1.cidr_blocks":   []any{"0.0.0.0/0"},
		"egress.1.description":   "",         // not written: the provider default, as in a plan
		"ingress.0.from_port":    22.0,       // repeated blocks in source order
		"ingress.1.from_port":    23.0,       //
		"revoke_rules_on_delete": false,      // provider default from the schema table
		"vpc_id":                 "<absent>", // computed: unknown, so absent from after
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	unknown := r.Unknown.(map[string]any)
	for _, k := range []string{"arn", "id", "vpc_id", "owner_id"} {
		if unknown[k] != true {
			t.Errorf("unknown[%s] = %v, want true", k, unknown[k])
		}
	}
	if _, ok := unknown["name"]; ok {
		t.Errorf("unknown has name, which is configured")
	}
	if diff := cmp.Diff(map[string]any{"Env": "dev", "Count": "two", "Ports": "[443,80]"}, r.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if r.Region != "eu-west-1" {
		t.Errorf("region = %v", r.Region)
	}
	// The location of the dynamic block is keyed by the generated type.
	if _, ok := r.Location.Lookup("egress[0].from_port"); !ok {
		t.Errorf("no location for egress[0].from_port in %v", r.Location.Attributes)
	}
}

func TestLoadConfigVariables(t *testing.T) {
	files := map[string]string{
		"main.tf": `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "n" { type = number }
variable "l" { type = list(string) }
variable "m" {
  type    = map(string)
  default = {}
}
variable "unset" { type = string }
variable "obj" {
  type = object({ name = string, size = optional(number, 5) })
  default = { name = "x" }
}
resource "aws_sqs_queue" "q" {
  tags = {
    a = var.a, b = var.b, c = var.c, d = var.d, e = var.e, f = var.f
    n = var.n + 1
    l = join(",", var.l)
    m = join(",", keys(var.m))
    unset = var.unset
    size = var.obj.size
  }
}
`,
		"terraform.tfvars":      `b = "tfvars"` + "\n" + `c = "tfvars"` + "\n" + `d = "tfvars"`,
		"terraform.tfvars.json": `{"c": "tfvars.json"}`,
		"a.auto.tfvars":         `d = "a.auto"` + "\n" + `e = "a.auto"`,
		"b.auto.tfvars.json":    `{"e": "b.auto"}`,
		"extra.tfvars":          `f = "var-file"` + "\n" + `m = { x = "1" }`,
	}
	dir := writeModule(t, files)
	doc := loadOne(t, dir, plan.Options{
		Env:      []string{"TF_VAR_a=env", "TF_VAR_b=env", "TF_VAR_n=41", "PATH=/bin", "TF_VAR_undeclared=1"},
		VarFiles: []string{filepath.Join(dir, "extra.tfvars")},
		Vars:     map[string]string{"l": `["p", "q"]`, "undeclared": "x"},
	})
	r := resourceByAddr(t, doc, "aws_sqs_queue.q")
	want := map[string]any{
		"a": "env", "b": "tfvars", "c": "tfvars.json", "d": "a.auto", "e": "b.auto", "f": "var-file",
		"n": "42", "l": "p,q", "m": "x", "size": "5",
	}
	got := at(r.After, "tags").(map[string]any)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	if u := at(r.Unknown, "tags.unset"); u != true {
		t.Errorf("unset variable: unknown = %v, want true", u)
	}
	// A tag whose value is unknown is present with a null value.
	if v, ok := r.Tags["unset"]; !ok || v != nil {
		t.Errorf("Tags[unset] = %v, %v; want nil, true", v, ok)
	}

	// --var beats --var-file; a value of the wrong type is an error.
	doc = loadOne(t, dir, plan.Options{VarFiles: []string{filepath.Join(dir, "extra.tfvars")}, Vars: map[string]string{"f": "flag"}})
	if got := at(resourceByAddr(t, doc, "aws_sqs_queue.q").After, "tags.f"); got != "flag" {
		t.Errorf("tags.f = %v, want flag", got)
	}
	_, err := Load(dir, plan.Options{Vars: map[string]string{"n": "many"}})
	if err == nil || !strings.Contains(err.Error(), `variable "n"`) {
		t.Errorf("wrong type: err = %v, want an error naming the variable", err)
	}
}

func TestLoadConfigSensitive(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": awsProvider + `
variable "password" {
  type      = string
  default   = "hunter2"
  sensitive = true
}
locals {
  conn = "user:${var.password}@db"
}
resource "aws_db_instance" "db" {
  instance_class    = "db.t3.micro"
  engine            = "mysql"
  allocated_storage = 10
  username          = "admin"
  password          = var.password
  tags = {
    Conn  = local.conn
    Plain = "visible"
  }
}
module "m" {
  source = "./m"
  secret = var.password
}
`,
		"m/main.tf": `
variable "secret" { type = string }
resource "aws_ssm_parameter" "p" {
  name  = "p"
  type  = "SecureString"
  value = var.secret
  description = upper(var.secret)
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	db := resourceByAddr(t, doc, "aws_db_instance.db")
	got := map[string]any{
		"password":   at(db.After, "password"),
		"tags.Conn":  at(db.After, "tags.Conn"),
		"tags.Plain": at(db.After, "tags.Plain"),
		"username":   at(db.After, "username"),
	}
	want := map[string]any{"password": plan.Redacted, "tags.Conn": plan.Redacted, "tags.Plain": "visible", "username": "admin"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("db (-want +got):\n%s", diff)
	}
	p := resourceByAddr(t, doc, "module.m.aws_ssm_parameter.p")
	if v, d := at(p.After, "value"), at(p.After, "description"); v != plan.Redacted || d != plan.Redacted {
		t.Errorf("module values = %v, %v; want redacted", v, d)
	}
	raw, _ := json.Marshal(doc)
	if strings.Contains(string(raw), "hunter2") || strings.Contains(string(raw), "HUNTER2") {
		t.Errorf("document leaks the sensitive value: %s", raw)
	}
}

func TestLoadConfigReferences(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": awsProvider + `
resource "aws_kms_key" "k" {
  count       = 2
  description = "key ${count.index}"
}
resource "aws_s3_bucket" "b" {
  bucket = "data"
}
locals {
  key = aws_kms_key.k[0].arn
}
resource "aws_s3_bucket_server_side_encryption_configuration" "sse" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = local.key
    }
  }
}
resource "aws_s3_bucket_versioning" "v" {
  for_each = { data = aws_s3_bucket.b.id }
  bucket   = each.value
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.logs.bucket_id
  policy = data.aws_iam_policy_document.d.json
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
  }
}
module "logs" {
  source = "./logs"
  kms    = aws_kms_key.k[1].arn
  name   = aws_s3_bucket.b.bucket
}
`,
		"logs/main.tf": `
variable "kms" { type = string }
variable "name" { type = string }
resource "aws_s3_bucket" "this" {
  bucket = "${var.name}-logs"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms
    }
  }
}
output "bucket_id" { value = aws_s3_bucket.this.id }
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	got := map[string]map[string][]string{}
	for _, r := range doc.Resources {
		if len(r.References) > 0 {
			got[r.Address] = r.References
		}
	}
	want := map[string]map[string][]string{
		"aws_s3_bucket_server_side_encryption_configuration.sse": {
			"bucket": {"aws_s3_bucket.b"},
			"rule.apply_server_side_encryption_by_default.kms_master_key_id": {"aws_kms_key.k[0]"},
		},
		`aws_s3_bucket_versioning.v["data"]`: {"bucket": {"aws_s3_bucket.b"}},
		"aws_s3_bucket_policy.p": {
			"bucket": {"module.logs.aws_s3_bucket.this"},
			"policy": {"data.aws_iam_policy_document.d"},
		},
		"data.aws_iam_policy_document.d": {"statement.resources": {"aws_s3_bucket.b"}},
		"module.logs.aws_s3_bucket.this": {"bucket": {"aws_s3_bucket.b"}},
		"module.logs.aws_s3_bucket_server_side_encryption_configuration.this": {
			"bucket": {"module.logs.aws_s3_bucket.this"},
			"rule.apply_server_side_encryption_by_default.kms_master_key_id": {"aws_kms_key.k[1]"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	// A configured attribute of another resource is known; a computed one
	// is not.
	logs := resourceByAddr(t, doc, "module.logs.aws_s3_bucket.this")
	if b := at(logs.After, "bucket"); b != "data-logs" {
		t.Errorf("bucket = %v, want data-logs (known through the reference)", b)
	}
	sse := resourceByAddr(t, doc, "aws_s3_bucket_server_side_encryption_configuration.sse")
	if u := at(sse.Unknown, "bucket"); u != true {
		t.Errorf("unknown.bucket = %v, want true (aws_s3_bucket.b.id is computed)", u)
	}
	if u := at(sse.Unknown, "rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id"); u != true {
		t.Errorf("unknown kms_master_key_id = %v, want true", u)
	}
	d := resourceByAddr(t, doc, "data.aws_iam_policy_document.d")
	if d.Mode != "data" || d.Change.Kind != plan.ChangeRead {
		t.Errorf("data source: mode %s change %+v", d.Mode, d.Change)
	}
}

func TestLoadConfigProviders(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}
variable "region" { default = "eu-central-1" }
provider "aws" {
  region = var.region
  default_tags {
    tags = { Team = "core", Env = "prod" }
  }
}
provider "aws" {
  alias  = "east"
  region = "us-east-1"
}
resource "aws_s3_bucket" "root" {
  tags = { Env = "dev" }
}
resource "aws_s3_bucket" "east" {
  provider = aws.east
}
resource "aws_s3_bucket_policy" "notags" {
  bucket = "x"
  policy = "{}"
}
module "inherit" {
  source = "./m"
}
module "passed" {
  source    = "./m"
  providers = { aws = aws.east }
}
module "own" {
  source = "./own"
}
`,
		"m/main.tf": `
resource "aws_sqs_queue" "q" {}
`,
		"own/main.tf": `
provider "aws" {
  region = "ap-south-1"
}
resource "aws_sqs_queue" "q" {}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	type prov struct {
		Key, Alias, Source string
		Region             any
		Tags               map[string]any
	}
	got := map[string]prov{}
	for _, r := range doc.Resources {
		got[r.Address] = prov{r.Provider.ConfigKey, r.Provider.Alias, r.Provider.Source, r.Region, r.Tags}
		if r.Provider.Name != "aws" {
			t.Errorf("%s: provider name %q", r.Address, r.Provider.Name)
		}
	}
	src := "registry.terraform.io/hashicorp/aws"
	want := map[string]prov{
		"aws_s3_bucket.root":             {"aws", "", src, "eu-central-1", map[string]any{"Team": "core", "Env": "dev"}},
		"aws_s3_bucket.east":             {"aws.east", "east", src, "us-east-1", map[string]any{}},
		"aws_s3_bucket_policy.notags":    {"aws", "", src, "eu-central-1", nil},
		"module.inherit.aws_sqs_queue.q": {"aws", "", src, "eu-central-1", map[string]any{"Team": "core", "Env": "prod"}},
		"module.passed.aws_sqs_queue.q":  {"aws.east", "east", src, "us-east-1", map[string]any{}},
		"module.own.aws_sqs_queue.q":     {"module.own:aws", "", src, "ap-south-1", map[string]any{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("providers (-want +got):\n%s", diff)
	}
	root := resourceByAddr(t, doc, "aws_s3_bucket.root")
	if diff := cmp.Diff(map[string]any{"Team": "core", "Env": "prod"}, root.Provider.DefaultTags); diff != "" {
		t.Errorf("default_tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"Team": "core", "Env": "dev"}, at(root.After, "tags_all")); diff != "" {
		t.Errorf("tags_all (-want +got):\n%s", diff)
	}
}

func TestLoadConfigNotices(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
resource "aws_s3_bucket" "fn" {
  count  = 2
  bucket = no_such_function("x")
}
resource "aws_s3_bucket" "lazy" {
  count  = length(aws_s3_bucket.fn[0].arn) > 3 ? 1 : 0
  bucket = "lazy"
}
resource "aws_s3_bucket" "broken" {
  bucket = "ok"
  acl    = 1 + "x"
}
module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
}
module "vpc" {
  source = "git::https://example.com/vpc.git"
  count  = 3
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	want := []string{
		"unknown-function", "unknown-expansion", "evaluation-error",
		"remote-module-not-installed", "remote-module-not-installed",
	}
	if diff := cmp.Diff(want, noticeCodes(doc)); diff != "" {
		t.Errorf("notice codes (-want +got):\n%s\n%+v", diff, doc.Notices)
	}
	for _, n := range doc.Notices {
		if n.File != filepath.Join(dir, "main.tf") || n.Line == 0 {
			t.Errorf("notice without file:line: %+v", n)
		}
		if n.Code == "remote-module-not-installed" && !strings.Contains(n.Message, "terraform-aws-modules/s3-bucket/aws") && !strings.Contains(n.Message, "vpc.git") {
			t.Errorf("remote module notice does not name the source: %s", n.Message)
		}
	}
	fn := resourceByAddr(t, doc, "aws_s3_bucket.fn[1]")
	if at(fn.Unknown, "bucket") != true {
		t.Errorf("unknown function result: unknown.bucket = %v", at(fn.Unknown, "bucket"))
	}
	lazy := resourceByAddr(t, doc, "aws_s3_bucket.lazy[*]")
	if lazy.Index != nil || at(lazy.After, "bucket") != "lazy" {
		t.Errorf("unknown count: index %v bucket %v", lazy.Index, at(lazy.After, "bucket"))
	}
	broken := resourceByAddr(t, doc, "aws_s3_bucket.broken")
	if at(broken.After, "bucket") != "ok" || at(broken.Unknown, "acl") != true {
		t.Errorf("evaluation error: after %v unknown %v", broken.After, broken.Unknown)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the error
	}{
		{
			name:  "syntax",
			files: map[string]string{"main.tf": "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n"},
			want:  []string{"main.tf line 2", "Error: "},
		},
		{
			name:  "json syntax",
			files: map[string]string{"main.tf.json": `{"resource": {`},
			want:  []string{"main.tf.json line 1"},
		},
		{
			name: "locals cycle",
			files: map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.c
  c = local.a
}
resource "aws_s3_bucket" "b" { bucket = local.a }
`},
			want: []string{"Cycle", "local.a", "local.b", "local.c"},
		},
		{
			name: "module recursion",
			files: map[string]string{
				"main.tf":   `module "a" { source = "./a" }`,
				"a/main.tf": `module "again" { source = "../a" }`,
			},
			want: []string{"Module recursion", "a/main.tf line 1"},
		},
		{
			name: "module self call",
			files: map[string]string{
				"main.tf": `module "self" { source = "./" }`,
			},
			want: []string{"Module recursion"},
		},
		{
			name: "duplicate resource",
			files: map[string]string{
				"a.tf": `resource "aws_s3_bucket" "b" {}`,
				"b.tf": `resource "aws_s3_bucket" "b" {}`,
			},
			want: []string{"Duplicate resource block", "b.tf line 1"},
		},
		{
			name: "bad tfvars",
			files: map[string]string{
				"main.tf":          `variable "n" { type = number }`,
				"terraform.tfvars": `n = "many"`,
			},
			want: []string{`variable "n"`, "terraform.tfvars line 1"},
		},
		{
			name:  "no configuration",
			files: map[string]string{"README.md": "nothing"},
			want:  []string{"no .tf or .tf.json files"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, tt.files)
			_, err := Load(dir, plan.Options{})
			if err == nil {
				t.Fatalf("LoadConfig succeeded, want an error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			if strings.Contains(err.Error(), "\x1b[") {
				t.Errorf("error contains colour codes: %q", err)
			}
		})
	}
}

func TestLoadConfigRecursive(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"modules/bucket/main.tf":             `resource "aws_s3_bucket" "b" {}`,
		"envs/prod/main.tf":                  `module "b" { source = "../../modules/bucket" }`,
		"envs/dev/main.tf":                   `resource "aws_sqs_queue" "q" {}`,
		"envs/dev/.terraform/x/main.tf":      `resource "aws_sqs_queue" "hidden" {}`,
		".hidden/main.tf":                    `resource "aws_sqs_queue" "hidden" {}`,
		"docs/README.md":                     `no configuration here`,
		"envs/dev/nested/extra/main.tf.json": `{"resource": {"aws_sns_topic": {"t": {"name": "t"}}}}`,
	})
	docs, err := Load(dir, plan.Options{Recursive: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, d := range docs {
		rel, _ := filepath.Rel(dir, d.Source.Path)
		if d.Source.Kind != plan.KindConfig {
			t.Errorf("source kind %q", d.Source.Kind)
		}
		got[filepath.ToSlash(rel)] = addresses(d)
	}
	want := map[string][]string{
		"envs/dev":              {"aws_sqs_queue.q"},
		"envs/dev/nested/extra": {"aws_sns_topic.t"},
		"envs/prod":             {"module.b.aws_s3_bucket.b"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

func TestLoadConfigModulesInstalled(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
  name    = "main"
}
resource "aws_security_group" "sg" {
  vpc_id = module.vpc.vpc_id
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
  {"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"},
  {"Key":"vpc.flow","Source":"./flow","Dir":".terraform/modules/vpc/flow"}]}`,
		".terraform/modules/vpc/main.tf": `
variable "name" {}
resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  tags       = { Name = var.name }
}
module "flow" { source = "./flow" }
output "vpc_id" { value = aws_vpc.this.id }
`,
		".terraform/modules/vpc/flow/main.tf": `resource "aws_flow_log" "f" { traffic_type = "ALL" }`,
	})
	doc := loadOne(t, dir, plan.Options{})
	want := []string{"aws_security_group.sg", "module.vpc.aws_vpc.this", "module.vpc.module.flow.aws_flow_log.f"}
	if diff := cmp.Diff(want, addresses(doc)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	sg := resourceByAddr(t, doc, "aws_security_group.sg")
	if diff := cmp.Diff(map[string][]string{"vpc_id": {"module.vpc.aws_vpc.this"}}, sg.References); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	vpc := resourceByAddr(t, doc, "module.vpc.aws_vpc.this")
	if want := filepath.Join(dir, ".terraform/modules/vpc/main.tf"); vpc.Location == nil || vpc.Location.File != want {
		t.Errorf("location %+v, want file %s", vpc.Location, want)
	}
	if len(doc.Notices) != 0 {
		t.Errorf("notices: %+v", doc.Notices)
	}
}

func TestLoadConfigJSONAndOverride(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf.json": `{
  "variable": {"name": {"default": "from-json"}},
  "resource": {
    "aws_s3_bucket": {"b": {"bucket": "${var.name}", "tags": {"A": "1"}}},
    "aws_instance": {"i": {
      "ami": "ami-1", "instance_type": "t3.micro",
      "root_block_device": {"encrypted": true},
      "ebs_block_device": [{"device_name": "/dev/sdb", "encrypted": false}]
    }}
  }
}`,
		"main.tf": `
resource "aws_sqs_queue" "q" {
  name = "original"
  delay_seconds = 5
}
`,
		"main_override.tf": `
resource "aws_sqs_queue" "q" {
  name = "overridden"
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	got := map[string]any{
		"bucket":                      at(resourceByAddr(t, doc, "aws_s3_bucket.b").After, "bucket"),
		"tags":                        at(resourceByAddr(t, doc, "aws_s3_bucket.b").After, "tags"),
		"root_block_device.encrypted": at(resourceByAddr(t, doc, "aws_instance.i").After, "root_block_device.0.encrypted"),
		"ebs_block_device.encrypted":  at(resourceByAddr(t, doc, "aws_instance.i").After, "ebs_block_device.0.encrypted"),
		"queue name":                  at(resourceByAddr(t, doc, "aws_sqs_queue.q").After, "name"),
		"queue delay":                 at(resourceByAddr(t, doc, "aws_sqs_queue.q").After, "delay_seconds"),
	}
	want := map[string]any{
		"bucket": "from-json", "tags": map[string]any{"A": "1"},
		"root_block_device.encrypted": true, "ebs_block_device.encrypted": false,
		"queue name": "overridden", "queue delay": 5.0,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
	b := resourceByAddr(t, doc, "aws_s3_bucket.b")
	if b.Location == nil || b.Location.File != filepath.Join(dir, "main.tf.json") || b.Location.StartLine == 0 {
		t.Errorf("JSON location %+v", b.Location)
	}
}

func TestLoadConfigNonAWS(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
provider "google" {
  region = "europe-west1"
}
resource "google_storage_bucket" "b" {
  name     = "b"
  location = "EU"
  labels   = { team = "core" }
  versioning { enabled = true }
}
resource "google_compute_network" "n" {
  name = "n"
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	b := resourceByAddr(t, doc, "google_storage_bucket.b")
	if diff := cmp.Diff(map[string]any{"team": "core"}, b.Tags); diff != "" {
		t.Errorf("labels as tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{map[string]any{"enabled": true}}, at(b.After, "versioning")); diff != "" {
		t.Errorf("block as list (-want +got):\n%s", diff)
	}
	if b.Provider.Name != "google" || b.Provider.Source != "registry.terraform.io/hashicorp/google" {
		t.Errorf("provider %+v", b.Provider)
	}
	n := resourceByAddr(t, doc, "google_compute_network.n")
	if n.Tags != nil {
		t.Errorf("untagged non-AWS resource has tags %v", n.Tags)
	}
}

// TestLoadConfigGolden compares whole documents for the cases under
// testdata/config with their golden JSON (go test -run Golden -update).
func TestLoadConfigGolden(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "config", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range cases {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			docs, err := Load(dir, plan.Options{Env: []string{"TF_VAR_env=test"}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(docs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := dir + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./plan -run Golden -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("document differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
	if n == 0 {
		t.Fatal("no cases under testdata/config")
	}
}

// planDifferences are the places where a real plan and tfgate's evaluation
// of the same configuration legitimately disagree, keyed by
// "type.attribute" (a prefix of the difference's path), with the reason.
// Keep this list in sync with the report's table of differences.
var planDifferences = map[string]string{
	"aws_security_group.egress":                                      "inside attribute-as-block objects the provider turns unset lists into [] (configuration: null) and a list with an unknown element into a wholly unknown list",
	"aws_security_group.ingress":                                     "inside attribute-as-block objects the provider turns unset lists into [] (configuration: null) and a list with an unknown element into a wholly unknown list",
	"aws_instance.user_data":                                         "the provider plans the SHA-1 of user_data, configuration has the text",
	"aws_apprunner_service.health_check_configuration":               "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_apprunner_service.instance_configuration":                   "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_apprunner_service.network_configuration":                    "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_autoscaling_group.tag":                                      "a set of blocks: Terraform lists them in its own set order, configuration keeps the order written, so that tag[1] or listener[1] is the second block of the source",
	"aws_autoscaling_group.vpc_zone_identifier":                      "a set with an element known only after apply is wholly unknown in a plan; configuration keeps the list and marks the element unknown",
	"aws_batch_job_definition.deregister_on_new_revision":            "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_batch_job_definition.propagate_tags":                        "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.default_cache_behavior":             "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.http_version":                       "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.is_ipv6_enabled":                    "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.ordered_cache_behavior":             "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.origin":                             "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.price_class":                        "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.retain_on_delete":                   "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.staging":                            "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.viewer_certificate":                 "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_cloudfront_distribution.wait_for_deployment":                "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_default_security_group.egress":                              "inside attribute-as-block objects the provider turns unset lists into [] (configuration: null) and a list with an unknown element into a wholly unknown list",
	"aws_default_security_group.ingress":                             "inside attribute-as-block objects the provider turns unset lists into [] (configuration: null) and a list with an unknown element into a wholly unknown list",
	"aws_dynamodb_table.replica":                                     "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_elb.listener":                                               "a set of blocks: Terraform lists them in its own set order, configuration keeps the order written, so that tag[1] or listener[1] is the second block of the source",
	"aws_kinesis_firehose_delivery_stream.extended_s3_configuration": "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lambda_function_url.invoke_mode":                            "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb.client_keep_alive":                                       "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.desync_mitigation_mode":                                  "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.dns_record_client_routing_policy":                        "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.drop_invalid_header_fields":                              "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.enable_cross_zone_load_balancing":                        "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.enable_http2":                                            "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.enable_tls_version_and_cipher_suite_headers":             "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.enable_waf_fail_open":                                    "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.enable_xff_client_port":                                  "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.idle_timeout":                                            "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.preserve_host_header":                                    "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb.xff_header_processing_mode":                              "the probe learned these defaults from an application load balancer; a network load balancer has none of them (the plan shows null) or other ones",
	"aws_lb_listener.default_action":                                 "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.deregistration_delay":                       "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.health_check":                               "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.lambda_multi_value_headers_enabled":         "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.proxy_protocol_v2":                          "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.slow_start":                                 "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.stickiness":                                 "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.target_failover":                            "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.target_group_health":                        "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.target_health_state":                        "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_lb_target_group.target_type":                                "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_msk_cluster.broker_node_group_info":                         "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_organizations_policy.type":                                  "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_s3_bucket_acl.access_control_policy":                        "defaults the offline schema probe could not learn (the type does not plan with placeholder values): the plan has the provider's default, configuration leaves it null or empty",
	"aws_s3_bucket_policy.policy":                                    "a policy from a data source (aws_iam_policy_document) is read during plan; configuration does not read data sources, so it is unknown there",
}

// TestLoadConfigAgainstTerraform plans testdata/config/plancompare with the
// real terraform and AWS provider (offline) and compares the plan with
// tfgate's evaluation of the same files: same resource instances, and the
// same value wherever both know it.
func TestLoadConfigAgainstTerraform(t *testing.T) {
	if testing.Short() {
		t.Skip("runs terraform; skipped with -short")
	}
	tf, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform not on PATH")
	}
	mirror := os.Getenv("TFGATE_PROVIDER_MIRROR")
	if mirror == "" {
		mirror = "/opt/tf-plugins"
	}
	if _, err := os.Stat(filepath.Join(mirror, "registry.terraform.io", "hashicorp", "aws")); err != nil {
		t.Skipf("no hashicorp/aws provider mirror in %s (set TFGATE_PROVIDER_MIRROR)", mirror)
	}
	src := filepath.Join("testdata", "config", "plancompare")
	work := t.TempDir()
	if err := copyTree(src, work); err != nil {
		t.Fatal(err)
	}
	creds := `access_key = "tfgate"
  secret_key = "tfgate"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true`
	override := "provider \"aws\" {\n  " + creds + "\n}\nprovider \"aws\" {\n  alias = \"us\"\n  " + creds + "\n}\n"
	if err := os.WriteFile(filepath.Join(work, "credentials_override.tf"), []byte(override), 0o644); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(t.TempDir(), "cli.tfrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror)), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) []byte {
		cmd := exec.Command(tf, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("terraform %v: %v\n%s%s", args, err, stdout.String(), stderr.String())
		}
		return stdout.Bytes()
	}
	run("init", "-no-color", "-input=false")
	run("plan", "-refresh=false", "-no-color", "-input=false", "-out=tfplan")
	doc := loadOne(t, src, plan.Options{})
	if len(doc.Notices) > 0 {
		t.Errorf("notices: %+v", doc.Notices)
	}
	comparePlan(t, run("show", "-json", "tfplan"), work, doc)
}

// comparePlan checks a configuration document against the document the
// plan loader makes of the plan Terraform made of the same files: the same
// managed resource instances; per instance the same module, index,
// provider configuration, effective region and tags; the same value
// wherever both know it (planDifferences aside); and every reference the
// plan document has also in the configuration document (which follows
// locals and each.value too, so it may have more). The plan is read with
// its .tf files in dir, as tfgate check reads a plan beside its
// configuration.
func comparePlan(t *testing.T, planJSON []byte, dir string, doc *plan.Document) {
	t.Helper()
	planDoc, err := planjson.Read(planJSON, "plan.json", plan.Options{ConfigDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cfg := map[string]plan.Resource{}
	for _, r := range doc.Resources {
		if r.Mode == "managed" {
			cfg[r.Address] = r
		}
	}
	planRes := map[string]plan.Resource{}
	for _, r := range planDoc.Resources {
		if r.Mode == "managed" {
			planRes[r.Address] = r
		}
	}
	if diff := cmp.Diff(slices.Sorted(maps.Keys(planRes)), slices.Sorted(maps.Keys(cfg))); diff != "" {
		t.Errorf("resource instances (-plan +config):\n%s", diff)
	}
	for _, addr := range slices.Sorted(maps.Keys(planRes)) {
		pr := planRes[addr]
		r, ok := cfg[addr]
		if !ok {
			continue
		}
		type ident struct {
			Module, Type, Name string
			Index              any
			Provider           plan.Provider
			Region             any
			Tags               map[string]any
			Kind               string
		}
		want := ident{pr.Module, pr.Type, pr.Name, pr.Index, pr.Provider, pr.Region, pr.Tags, pr.Change.Kind}
		got := ident{r.Module, r.Type, r.Name, r.Index, r.Provider, r.Region, r.Tags, r.Change.Kind}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-plan +config):\n%s", addr, diff)
		}
		var diffs, less []string
		comparePlanValue(r.Type, "", pr.After, pr.Unknown, r.After, r.Unknown, &diffs, &less)
		for _, d := range less {
			t.Logf("%s: %s (configuration is less precise)", addr, d)
		}
		for _, d := range diffs {
			if reason, ok := allowedDifference(r.Type, d); ok {
				t.Logf("%s: %s (known difference: %s)", addr, d, reason)
				continue
			}
			t.Errorf("%s: %s", addr, d)
		}
		for path, refs := range pr.References {
			for _, ref := range refs {
				// Terraform lists aws_kms_key.k[0] and aws_kms_key.k for
				// aws_kms_key.k[0].arn; the configuration has the precise one.
				if !contains(r.References[path], ref) && !containsInstance(r.References[path], ref) {
					t.Errorf("%s: references[%s] = %v, the plan document has %s", addr, path, r.References[path], ref)
				}
			}
		}
	}
}

func containsInstance(list []string, addr string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, addr+"[") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestConfigMatchesPlanFixtures: for every fixture with both main.tf and
// the plan.json Terraform made of it, the configuration document agrees
// with the plan (see comparePlan).
func TestConfigMatchesPlanFixtures(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*", "plan.json"))
	n := 0
	for _, planPath := range cases {
		dir := filepath.Dir(planPath)
		if _, err := os.Stat(filepath.Join(dir, "main.tf")); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "terraform.tfstate")); err == nil {
			// Planned against a prior state (fixtures/change): updates,
			// no-ops and deletions that configuration alone cannot know.
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data, err := os.ReadFile(planPath)
			if err != nil {
				t.Fatal(err)
			}
			doc := loadOne(t, dir, plan.Options{})
			for _, notice := range doc.Notices {
				t.Logf("notice: %+v", notice)
			}
			comparePlan(t, data, dir, doc)
		})
	}
	if n == 0 {
		t.Skip("no fixtures with main.tf and plan.json under ../fixtures")
	}
}

// allowedDifference looks the attribute path of diff, then each of its
// parents, up in planDifferences, index steps left out.
// instanceKeys are the index steps of a path ("[0]", `["k"]`).
var instanceKeys = regexp.MustCompile(`\[[^\]]*\]`)

func allowedDifference(typ, diff string) (string, bool) {
	p := instanceKeys.ReplaceAllString(strings.SplitN(diff, " ", 2)[0], "")
	for p != "" {
		if reason, ok := planDifferences[typ+"."+p]; ok {
			return reason, true
		}
		i := strings.LastIndex(p, ".")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "", false
}

// comparePlanValue compares a plan's after/after_unknown with the
// configuration's after/unknown and records every disagreement where
// both sides claim to know a value, or where one side knows a value the
// other says is unknown.
func comparePlanValue(typ, path string, pv, pu, cv, cu any, diffs, less *[]string) {
	pUnknown, _ := pu.(bool)
	cUnknown, _ := cu.(bool)
	switch {
	case pUnknown && cUnknown:
		return
	case pUnknown:
		*diffs = append(*diffs, fmt.Sprintf("%s unknown in the plan, configuration has %s", orRoot(path), jsonText(cv)))
		return
	case cUnknown:
		// Less precise, never wrong: the provider resolved a computed
		// value while planning (kms_data_key_reuse_period_seconds = 0).
		*less = append(*less, fmt.Sprintf("%s is %s in the plan, unknown in configuration", orRoot(path), jsonText(pv)))
		return
	}
	if cv == plan.Redacted && pv != plan.Redacted && pv != nil {
		// tfgate redacts everything derived from a sensitive value; the
		// plan marks only what Terraform tracked.
		*less = append(*less, fmt.Sprintf("%s is redacted in configuration only", orRoot(path)))
		return
	}
	switch p := pv.(type) {
	case map[string]any:
		c, ok := cv.(map[string]any)
		if !ok {
			break
		}
		pum, _ := pu.(map[string]any)
		cum, _ := cu.(map[string]any)
		keys := map[string]bool{}
		for k := range p {
			keys[k] = true
		}
		for k := range c {
			keys[k] = true
		}
		for k := range pum {
			keys[k] = true
		}
		for k := range cum {
			keys[k] = true
		}
		for _, k := range slices.Sorted(maps.Keys(keys)) {
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			comparePlanValue(typ, sub, p[k], pum[k], c[k], cum[k], diffs, less)
		}
		return
	case []any:
		c, ok := cv.([]any)
		if !ok || len(c) != len(p) {
			break
		}
		pul, _ := pu.([]any)
		cul, _ := cu.([]any)
		for i := range p {
			comparePlanValue(typ, fmt.Sprintf("%s[%d]", path, i), p[i], index(pul, i), c[i], index(cul, i), diffs, less)
		}
		return
	}
	if !reflect.DeepEqual(pv, cv) {
		*diffs = append(*diffs, fmt.Sprintf("%s is %s in the plan, %s in configuration", orRoot(path), jsonText(pv), jsonText(cv)))
	}
}

func index(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

func orRoot(p string) string {
	if p == "" {
		return "(resource)"
	}
	return p
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:120]) + "..."
	}
	return string(b)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func TestLoadConfigUnknownExpansion(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
variable "n" { type = number }
variable "rules" { type = list(object({ port = number })) }
resource "aws_security_group" "sg" {
  name = "sg"
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port = ingress.value.port
    }
  }
}
module "m" {
  source = "./m"
  count  = var.n
}
resource "aws_sqs_queue" "list" {
  for_each = ["a", "b"]
  name     = each.value
}
`,
		"m/main.tf": `resource "aws_sns_topic" "t" { name = "t" }`,
	})
	doc := loadOne(t, dir, plan.Options{})
	want := []string{"aws_security_group.sg", "aws_sqs_queue.list[*]", "module.m[*].aws_sns_topic.t"}
	if diff := cmp.Diff(want, addresses(doc)); diff != "" {
		t.Errorf("addresses (-want +got):\n%s", diff)
	}
	sg := resourceByAddr(t, doc, "aws_security_group.sg")
	if u := at(sg.Unknown, "ingress"); u != true {
		t.Errorf("dynamic block over an unknown list: unknown.ingress = %v, want true", u)
	}
	topic := resourceByAddr(t, doc, "module.m[*].aws_sns_topic.t")
	if topic.Module != "module.m[*]" || at(topic.After, "name") != "t" {
		t.Errorf("module instance of unknown count: module %q name %v", topic.Module, at(topic.After, "name"))
	}
	if diff := cmp.Diff([]string{"unknown-expansion", "unknown-expansion"}, noticeCodes(doc)); diff != "" {
		t.Errorf("notices (-want +got):\n%s\n%+v", diff, doc.Notices)
	}
}

func TestLoadConfigPathAndFiles(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
module "m" { source = "./mod" }
resource "aws_sqs_queue" "root" {
  name = path.module
  tags = { root = path.root, ws = terraform.workspace }
}
`,
		"mod/main.tf": `
resource "aws_sqs_queue" "child" {
  name = path.module
}
`,
	})
	doc := loadOne(t, dir, plan.Options{})
	got := map[string]any{
		"root":  at(resourceByAddr(t, doc, "aws_sqs_queue.root").After, "name"),
		"child": at(resourceByAddr(t, doc, "module.m.aws_sqs_queue.child").After, "name"),
		"ws":    at(resourceByAddr(t, doc, "aws_sqs_queue.root").After, "tags.ws"),
	}
	want := map[string]any{"root": ".", "child": "mod", "ws": "default"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("path values (-want +got):\n%s", diff)
	}
	child := resourceByAddr(t, doc, "module.m.aws_sqs_queue.child")
	if child.Location == nil || child.Location.File != filepath.Join(dir, "mod", "main.tf") || child.Location.StartLine != 2 {
		t.Errorf("module resource location %+v", child.Location)
	}
	if _, ok := child.Location.Lookup("name"); !ok {
		t.Errorf("no attribute range for name: %+v", child.Location.Attributes)
	}
}

// TestLoadConfigTagsFromYAML: tags read with yamldecode(file(...)) are
// known, as in Terraform's plan, so tag rules check them; a sensitive
// value decoded from YAML stays redacted.
func TestLoadConfigTagsFromYAML(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"tags.yaml": "team:\n  Owner: team-a\n  CostCenter: cc-100\nshared:\n  Owner: platform\n",
		"main.tf": awsProvider + `
variable "secret" {
  type      = string
  sensitive = true
  default   = "Quokka7-Zebra9"
}
locals {
  tags = yamldecode(file("${path.module}/tags.yaml"))
}
resource "aws_sqs_queue" "team" {
  name = "team"
  tags = local.tags.team
}
resource "aws_sqs_queue" "shared" {
  name = "shared"
  tags = local.tags.shared
}
resource "aws_sqs_queue" "secret" {
  name = "secret"
  tags = merge(local.tags.shared, yamldecode("Secret: ${var.secret}"))
}`,
	})
	doc := loadOne(t, dir, plan.Options{})
	want := map[string]map[string]any{
		"aws_sqs_queue.team":   {"Owner": "team-a", "CostCenter": "cc-100", "Env": "dev"},
		"aws_sqs_queue.shared": {"Owner": "platform", "Env": "dev"},
	}
	for addr, tags := range want {
		if d := cmp.Diff(tags, resourceByAddr(t, doc, addr).Tags); d != "" {
			t.Errorf("%s tags (-want +got):\n%s", addr, d)
		}
	}
	// yamldecode of a sensitive string is sensitive as a whole.
	if found := leaks(docJSON(t, doc), "Quokka7-Zebra9"); len(found) > 0 {
		t.Errorf("the document shows %q", found)
	}
	if got := resourceByAddr(t, doc, "aws_sqs_queue.secret").After.(map[string]any)["tags"]; got != plan.Redacted {
		t.Errorf("tags from a sensitive YAML document = %#v, want %q", got, plan.Redacted)
	}
}
