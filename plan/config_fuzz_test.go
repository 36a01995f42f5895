package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		docs, err := LoadConfig(dir, Options{})
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
