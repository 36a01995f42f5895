package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/sensgen"
)

// dumpPolicy is a user policy that writes every resource's values into a
// finding message: whatever the document holds reaches every output
// format, so a value the document failed to redact would show.
const dumpPolicy = `# METADATA
# title: Dump every resource
# custom:
#   id: SENS-DUMP-001
#   severity: high
#   resource_types: ["*"]
package tfgate.rules.aws.tagging.sens_dump

import data.tfgate.lib

deny contains lib.entry(r, sprintf("%s after=%s tags=%s", [r.address, json.marshal(r.after), json.marshal(r.tags)]), "tags") if {
	some r in lib.resources
}
`

// TestSensitiveProperty runs the real CLI in-process on modules that
// compose random expressions around sensitive values (internal/
// sensgen), with the library plus a policy that prints every value into
// its messages, in every output format and inspect: none shows a secret,
// nor a value computed from one.
func TestSensitiveProperty(t *testing.T) {
	policy := t.TempDir()
	if err := os.WriteFile(filepath.Join(policy, "dump.rego"), []byte(dumpPolicy), 0o644); err != nil {
		t.Fatal(err)
	}
	modules := 4
	if testing.Short() {
		modules = 1
	}
	formats := []string{"text", "json", "sarif", "github", "markdown", "junit"}
	var dirs, forbidden []string
	sources := map[string]string{}
	runs := map[string][]string{}
	for seed := int64(1); seed <= int64(modules); seed++ {
		m := sensgen.Generate(1000+seed, 15, 3)
		dir := t.TempDir()
		for name, content := range m.Files {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dirs = append(dirs, dir)
		forbidden = append(forbidden, m.Forbidden...)
		sources[dir] = m.Files["main.tf"]
		runs[fmt.Sprintf("inspect %d", seed)] = []string{"inspect", dir}
	}
	// Expressions whose errors would quote the value: their notices are
	// part of every output.
	errDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(errDir, "main.tf"), []byte(`
variable "secret" {
  sensitive = true
  default   = "`+sensgen.Secret+`"
}
resource "aws_sqs_queue" "q" {
  name = "q"
  tags = { P = parseint(var.secret, 10) }
}
resource "aws_sqs_queue" "r" {
  name = "r"
  tags = { C = cidrsubnet(var.secret, 8, 1) }
}
resource "aws_sqs_queue" "s" {
  name = "s"
  tags = { D = jsonencode({ for s in [var.secret, var.secret] : s => 1 }) }
}
resource "aws_sqs_queue" "t" {
  for_each = toset([var.secret])
  name     = each.key
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, errDir)
	runs["inspect errors"] = []string{"inspect", errDir}
	// Every format once over all the modules (the library compiles once
	// per run).
	for _, f := range formats {
		runs[f] = append([]string{"check", "--format", f, "--policy", policy, "--param", "required_tags=Owner,CostCenter"}, dirs...)
	}
	env := []string{"TF_VAR_secret_env=" + sensgen.Secret}
	for name, args := range runs {
		code, stdout, stderr := runEnv(t, env, "", args...)
		inspect := strings.HasPrefix(name, "inspect")
		if inspect && code != 0 || !inspect && code != 1 {
			t.Fatalf("tfgate %s: exit %d, want findings\n%s", strings.Join(args, " "), code, stderr)
		}
		if !inspect && strings.Count(stdout, "SENS-DUMP-001") < len(dirs) {
			t.Fatalf("%s output has fewer findings of the dump policy than modules:\n%s", name, stdout)
		}
		out := stdout + stderr
		for _, f := range sensgen.Forms(sensgen.Secret) {
			if strings.Contains(out, f) {
				t.Errorf("%s output shows %q", name, f)
			}
		}
		for _, f := range forbidden {
			if strings.Contains(out, f) {
				t.Errorf("%s output shows %q, derived from a sensitive value", name, f)
			}
		}
	}
	if t.Failed() {
		for dir, src := range sources {
			t.Logf("%s/main.tf:\n%s", dir, src)
		}
	}
}
