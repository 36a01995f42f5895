package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPreload: the directories a check command line names (or whose .tf
// files it names, as pre-commit passes them) are loaded before the
// command line is parsed, and check takes that load when its options
// agree (no input flags, no configuration file's input options), giving
// the report it gives without; with other options (--var) it loads for
// itself, and the report is that of those options.
func TestPreload(t *testing.T) {
	dir := t.TempDir()
	tf := "variable \"owner\" {\n  default = \"a\"\n}\n\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n  tags = { Owner = var.owner }\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + os.Getenv("PATH")}
	run := func(pre *preload, args ...string) (string, int) {
		t.Helper()
		var out, errb bytes.Buffer
		c := &CLI{Stdout: &out, Stderr: &errb, Env: env, preload: pre}
		code := c.Run(append([]string{"tfgate"}, args...))
		return out.String() + errb.String(), code
	}
	for _, c := range []struct {
		name  string
		args  []string
		taken bool
	}{
		{"directory", []string{"check", "--no-config", "--format", "json", "--param", "required_tags=Owner,CostCenter", dir}, true},
		{"its .tf file, as pre-commit passes it", []string{"check", "--no-config", "--format", "json", filepath.Join(dir, "main.tf")}, true},
		{"a configuration file looked for", []string{"check", "--format", "json", dir}, true},
		{"--var", []string{"check", "--no-config", "--format", "json", "--var", "owner=b", dir}, false},
		{"--recursive", []string{"check", "--no-config", "--format", "json", "--recursive", dir}, false},
	} {
		pre := preloadDirs(append([]string{"tfgate"}, c.args...), env)
		if pre == nil || len(pre.entries) != 1 {
			t.Fatalf("%s: preloaded %v", c.name, pre)
		}
		got, code := run(pre, c.args...)
		want, wantCode := run(nil, c.args...)
		if got != want || code != wantCode {
			t.Errorf("%s: with the preload (exit %d):\n%s\nwithout (exit %d):\n%s", c.name, code, got, wantCode, want)
		}
		if taken := len(pre.entries) == 0; taken != c.taken {
			t.Errorf("%s: preload taken %v, want %v", c.name, taken, c.taken)
		}
	}
	for _, args := range [][]string{
		{"tfgate", "rules"},
		{"tfgate", "check", "plan.json"},
		{"tfgate", "check"},
		{"tfgate", "inspect", dir},
	} {
		if pre := preloadDirs(args, env); pre != nil {
			t.Errorf("%q: preloaded %v", args, pre.entries)
		}
	}
}
