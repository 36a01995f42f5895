package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/plan"
)

// FuzzLoadConfig writes the input as main.tf of a module and loads it: the
// loader may reject it with an error, but must never panic, hang or report
// an internal error.
func FuzzLoadConfig(f *testing.F) {
	seeds := []string{
		``,
		`resource "aws_s3_bucket" "b" { bucket = "x" }`,
		`resource "aws_s3_bucket" "b" {
  count  = 3
  bucket = "b-${count.index}"
  tags   = { for i in range(3) : "k${i}" => i }
}`,
		`variable "m" {
  type    = map(object({ a = optional(number, 1) }))
  default = { x = {} }
}
resource "aws_sqs_queue" "q" {
  for_each = var.m
  name     = "${each.key}-${each.value.a}"
}`,
		`locals {
  a = [for x in ["a", "b"] : upper(x) if x != "b"]
  b = { for k, v in { x = 1 } : k => v... }
  c = local.a[*]
}
resource "aws_security_group" "sg" {
  dynamic "egress" {
    for_each = local.a
    content {
      from_port   = 0
      cidr_blocks = [egress.value]
    }
  }
}`,
		`module "m" {
  source = "./"
}`,
		`locals {
  a = local.b
  b = local.a
}`,
		`resource "aws_s3_bucket" "b" {
  bucket = unknown_fn(aws_s3_bucket.c.arn)
}
resource "aws_s3_bucket" "c" {
  bucket = aws_s3_bucket.b.bucket
}`,
		`resource "aws_instance" "i" {
  count = -1
  ami   = "%{ if true }x%{ endif }"
  root_block_device { encrypted = true }
}`,
		`variable "s" {
  sensitive = true
  default   = "secret"
}
output "o" { value = var.s }
resource "aws_db_instance" "d" {
  password = var.s
  tags     = { (var.s) = 1 }
}`,
		`resource "aws_s3_bucket" "b" {
  for_each = toset([null])
}
data "x" "y" { count = 1e10 }`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	if cases, err := filepath.Glob(filepath.Join("testdata", "config", "*", "*.tf")); err == nil {
		for _, c := range cases {
			if data, err := os.ReadFile(c); err == nil {
				f.Add(string(data))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		docs, err := Load(dir, plan.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") || strings.Contains(err.Error(), "Internal error") {
				t.Fatalf("internal error for input %q:\n%v", src, err)
			}
			return
		}
		if len(docs) != 1 {
			t.Fatalf("%d documents", len(docs))
		}
	})
}

// FuzzLoadConfigVars fuzzes a module and its terraform.tfvars together,
// with a sensitive variable set from the environment (so that no file the
// module could read holds it): besides never panicking or reporting an
// internal error, the document and any error must never show the secret
// or a transformed form of it, unless the input itself writes it or
// declassifies it with nonsensitive().
func FuzzLoadConfigVars(f *testing.F) {
	seeds := [][2]string{
		{`resource "aws_s3_bucket" "b" { tags = { S = var.fuzz_secret } }`, ``},
		{`variable "v" {}
resource "aws_s3_bucket" "b" {
  for_each = { a = var.fuzz_secret, b = var.v }
  tags     = merge({ X = each.value }, { K = each.key })
}`, `v = "x"`},
		{`variable "m" { type = map(string) }
locals { l = { for k, v in var.m : k => "${v}-${var.fuzz_secret}" } }
resource "aws_sqs_queue" "q" {
  count = length(local.l)
  name  = upper(local.l["a"])
  tags  = { J = jsonencode(local.l), B = base64encode(var.fuzz_secret) }
}`, `m = { a = "1", b = "2" }`},
		{`module "c" {
  source = "./"
  x      = var.fuzz_secret
}
resource "aws_security_group" "g" {
  dynamic "ingress" {
    for_each = toset([var.fuzz_secret])
    content { description = ingress.value }
  }
}`, `fuzz_secret = 3`},
		{`resource "aws_s3_bucket" "b" { bucket = parseint(var.fuzz_secret, 10) }`, `x = [1, 2`},
		{`resource "aws_s3_bucket" "b" { bucket = { for s in [var.fuzz_secret, var.fuzz_secret] : s => 1 } }`, ``},
		{`variable "n" { type = number }`, `n = "abc"`},
		// Leaks found by TestSensitiveProperty: the keys of a map whose
		// key is sensitive, through the unknown mirror and tags_all.
		{`resource "aws_s3_bucket" "o" {}
resource "aws_sqs_queue" "q" { tags = { (var.fuzz_secret) = aws_s3_bucket.o.arn } }
resource "aws_sqs_queue" "r" { tags = { (var.fuzz_secret) = "v" } }`, ``},
		{`variable "m" {
  type      = map(string)
  sensitive = true
}
provider "aws" {
  default_tags { tags = var.m }
}
resource "aws_sqs_queue" "q" {}`, `m = { k = "v" }`},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	const secret = "Quokka7-Zebra9"
	f.Fuzz(func(t *testing.T, src, tfvars string) {
		dir := t.TempDir()
		files := map[string]string{
			"main.tf":          src,
			"terraform.tfvars": tfvars,
			"fuzz_secret.tf":   "variable \"fuzz_secret\" {\n  sensitive = true\n}\n",
		}
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		docs, err := Load(dir, plan.Options{Env: []string{"TF_VAR_fuzz_secret=" + secret}})
		var text string
		if err != nil {
			text = err.Error()
			if strings.Contains(text, "internal error") || strings.Contains(text, "Internal error") {
				t.Fatalf("internal error for input %q / %q:\n%v", src, tfvars, err)
			}
		} else {
			if len(docs) != 1 {
				t.Fatalf("%d documents", len(docs))
			}
			text = docJSON(t, docs...)
		}
		in := strings.ToLower(src + tfvars)
		if strings.Contains(in, "quokka") || strings.Contains(in, "zebra") || strings.Contains(in, "nonsensitive") {
			return
		}
		if found := leaks(text, secret); len(found) > 0 {
			t.Fatalf("input %q / %q shows %q:\n%s", src, tfvars, found, text)
		}
	})
}
