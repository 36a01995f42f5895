package rules

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/plan"
)

// writePolicy writes one policy file p.rego into a new directory.
func writePolicy(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// ruleHeader is a tfgate rule package; the call under test is on line 9.
const ruleHeader = `# METADATA
# title: Tries to leave the sandbox
# custom:
#   id: ACME-AWS-SANDBOX-001
#   severity: low
package tfgate.rules.acme.sandbox.escape

deny contains {"resource": "x", "message": sprintf("%v", [v])} if {
`

// Every attempt to reach the network, the environment, files, the clock or
// randomness is refused when the policy compiles, naming file:line, the
// builtin and why, in each policy style.
func TestSandboxRefusesBuiltins(t *testing.T) {
	cases := []struct {
		call, reason string
	}{
		{`v := http.send({"method": "get", "url": "https://example.com/leak"})`, "they may not reach the network"},
		{`v := net.lookup_ip_addr("example.com")`, "they may not reach the network (DNS)"},
		{`v := opa.runtime().env`, "they may not read the environment or tfgate's own configuration"},
		{`v := json.match_schema({}, {"$ref": "file:///etc/hostname"})`, "they may not read files, and a schema's $ref can name a file (file://...)"},
		{`v := json.verify_schema({"$ref": "file:///etc/hostname"})`, "they may not read files, and a schema's $ref can name a file (file://...)"},
		{`v := time.now_ns()`, "their verdict may not depend on the clock (compare with a date given as a parameter instead)"},
		{`v := rand.intn("x", 10)`, "their verdict may not be random"},
		{`v := uuid.rfc4122("x")`, "their verdict may not be random"},
		{`v := io.jwt.decode_verify("a.b.c", {"secret": "s"})`, "their verdict may not depend on the clock (it checks tokens against the current time; io.jwt.decode and io.jwt.verify_* are available)"},
		{`v := providers.aws.sign_req({}, {}, 0)`, "they may not reach the network or the clock (it signs requests for http.send with the current time)"},
		{`v := crypto.x509.parse_and_verify_certificates("x")`, "their verdict may not depend on the clock (it checks validity against the current time; crypto.x509.parse_certificates is available)"},
	}
	for _, c := range cases {
		name := strings.TrimPrefix(strings.SplitN(c.call, "(", 2)[0], "v := ")
		t.Run(name, func(t *testing.T) {
			styles := map[string]struct {
				src   string
				input InputKind
				line  int
			}{
				"rule":         {ruleHeader + "\t" + c.call + "\n}\n", InputDocument, 9},
				"per-resource": {"package acme.escape\n\nresource_types := {\"aws_s3_bucket\"}\n\ndefault allow := true\n\nallow := false if {\n\t" + c.call + "\n\tv\n}\n", InputDocument, 8},
				"plan-json":    {"package main\n\ndeny contains msg if {\n\t" + c.call + "\n\tmsg := sprintf(\"%v\", [v])\n}\n", InputPlanJSON, 4},
			}
			for style, s := range styles {
				// Each style is compiled on its own path: the three kinds of
				// attempt (network, environment, files) in every style, the
				// others as rules.
				if style != "rule" && !strings.HasPrefix(name, "http.") && !strings.HasPrefix(name, "opa.") && name != "json.match_schema" {
					continue
				}
				dir := writePolicy(t, s.src)
				_, err := New(context.Background(), Options{Policies: []PolicyDir{{Path: dir, Input: s.input}}})
				want := filepath.Join(dir, "p.rego") + ":" + strconv.Itoa(s.line) + ": " + name + " is not allowed in tfgate policies: " + c.reason
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s: err = %v\nwant it to contain %q", style, err, want)
				}
			}
		})
	}
}

// Every builtin OPA itself calls non-deterministic (network, clock,
// randomness, runtime) is denied, so an OPA upgrade that adds one cannot
// open the sandbox unnoticed.
func TestSandboxCoversNondeterministicBuiltins(t *testing.T) {
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if b.Nondeterministic && !deniedBuiltins[b.Name] {
			t.Errorf("builtin %s is non-deterministic and available to policies: add it to sandboxDenied", b.Name)
		}
	}
	caps := capabilities()
	for _, b := range caps.Builtins {
		if deniedBuiltins[b.Name] {
			t.Errorf("capabilities() still offer %s", b.Name)
		}
	}
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %v, want no host", caps.AllowNet)
	}
}

// print() writes nothing: a policy cannot print the input to the terminal.
func TestSandboxPrintIsSilent(t *testing.T) {
	dir := writePolicy(t, strings.Replace(ruleHeader, "if {\n", "if {\n\tprint(\"PRINTED\", input)\n", 1)+"\tv := 1\n}\n")
	e, err := New(context.Background(), Options{PolicyDirs: []string{dir}, Params: fullParams})
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	_, evalErr := e.Evaluate(context.Background(), doc(resource("aws_s3_bucket", "b", map[string]any{"bucket": "secret-bucket"})))
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	out, _ := io.ReadAll(r)
	if evalErr != nil {
		t.Fatal(evalErr)
	}
	if len(out) != 0 {
		t.Errorf("evaluation printed %q", out)
	}
}

// A policy that writes every string of its input into its messages shows
// only redacted values: the document of fixtures/sensitive (a password and
// a sensitive tag value), whole, to a document-style rule; the whole raw
// plan, walked from its root, to a conftest policy (which also sees
// provider credentials that the AWS provider does not mark sensitive as
// redacted).
func TestSandboxMessagesNeverShowSensitiveValues(t *testing.T) {
	secrets := []string{"Fixture-S3cr3t-Pa55word", "secret-owner-alice", "fixture-secret-key-not-real"}
	d := loadFixture(t, "sensitive")
	for _, s := range secrets {
		if !strings.Contains(string(d.PlanJSON), s) {
			t.Fatalf("fixtures/sensitive/plan.json no longer holds %q", s)
		}
	}
	styles := map[string]PolicyDir{
		"rule": {Path: writePolicy(t, `# METADATA
# title: Echo
# custom:
#   id: ACME-AWS-ECHO-001
#   severity: low
package tfgate.rules.acme.echo.all

deny contains {"resource": r.address, "message": sprintf("%v", [s])} if {
	some r in input.resources
	walk(r, [_, s])
	is_string(s)
}

deny contains {"resource": "x", "message": json.marshal(input)} if true
`)},
		"per-resource": {Path: writePolicy(t, `package acme.echo

resource_types := {"*"}

default allow := true

allow := false if input.address

message := json.marshal(input)
`)},
		"plan-json": {Path: writePolicy(t, `package main

deny contains sprintf("%v: %s", [p, s]) if {
	walk(input, [p, s])
	is_string(s)
}

deny contains json.marshal(input) if true
`), Input: InputPlanJSON},
		"hcp-terraform": {Path: writePolicy(t, `package hcp

deny contains json.marshal(input.plan) if true
`), Input: InputHCP},
	}
	for style, dir := range styles {
		t.Run(style, func(t *testing.T) {
			e, err := New(context.Background(), Options{Policies: []PolicyDir{dir}, Params: fullParams})
			if err != nil {
				t.Fatal(err)
			}
			res, err := e.Evaluate(context.Background(), d)
			if err != nil {
				t.Fatal(err)
			}
			shown, redacted := 0, 0
			for _, f := range res.Findings {
				if f.RuleID == "" || strings.HasPrefix(f.RuleID, "TFG-") {
					continue
				}
				shown++
				for _, s := range secrets {
					if strings.Contains(f.Message, s) {
						t.Errorf("finding %s shows the sensitive value %q", f.RuleID, s)
					}
				}
				if strings.Contains(f.Message, plan.Redacted) {
					redacted++
				}
			}
			if shown == 0 || redacted == 0 {
				t.Errorf("%d findings of the policy, %d with a redacted value: the policy did not see the values", shown, redacted)
			}
		})
	}
}

// Credentials in a provider configuration are redacted from the raw plan;
// the other provider arguments (region, nested blocks) are kept.
func TestRedactProviderCredentials(t *testing.T) {
	p := map[string]any{"configuration": map[string]any{"provider_config": map[string]any{
		"aws": map[string]any{"name": "aws", "expressions": map[string]any{
			"region":     map[string]any{"constant_value": "eu-west-1"},
			"secret_key": map[string]any{"constant_value": "k"},
			"token":      map[string]any{"references": []any{"var.token"}},
			"assume_role": []any{map[string]any{
				"role_arn": map[string]any{"constant_value": "arn"},
				"password": map[string]any{"constant_value": "p"},
			}},
		}},
	}}}
	redactProviderCredentials(p)
	want := map[string]any{"configuration": map[string]any{"provider_config": map[string]any{
		"aws": map[string]any{"name": "aws", "expressions": map[string]any{
			"region":     map[string]any{"constant_value": "eu-west-1"},
			"secret_key": map[string]any{"constant_value": plan.Redacted},
			"token":      map[string]any{"references": []any{"var.token"}},
			"assume_role": []any{map[string]any{
				"role_arn": map[string]any{"constant_value": "arn"},
				"password": map[string]any{"constant_value": plan.Redacted},
			}},
		}},
	}}}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
