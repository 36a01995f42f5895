package integration

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func exampleWorkflows(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "examples", "workflows", "*.yml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("examples/workflows: %v %q", err, files)
	}
	return files
}

func actionlint(t *testing.T) string {
	t.Helper()
	return tool(t, "actionlint", "TFGATE_REQUIRE_ACTIONLINT",
		"go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12", goBinDirs()...)
}

var usesTfgate = regexp.MustCompile(`uses: tfgate/tfgate@\S+`)

// actionlint finds nothing in the example workflows, run as published
// (uses: tfgate/tfgate@TAG) and again with the action taken from this
// checkout (uses: ./), where it also checks every `with:` against
// action.yml's inputs and every steps.tfgate.outputs.X against its outputs.
// With shellcheck on PATH it checks the run: scripts too.
func TestExampleWorkflowsLint(t *testing.T) {
	bin := actionlint(t)
	files := exampleWorkflows(t)
	r := run(t, repoRoot(t), nil, 5*time.Minute, bin, append([]string{"-no-color"}, files...)...)
	if r.code != 0 {
		t.Errorf("actionlint examples/workflows:\n%s", r)
	}

	project := localActionProject(t)
	wf := filepath.Join(project, ".github", "workflows")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !usesTfgate.Match(data) {
			t.Errorf("%s does not use tfgate/tfgate@TAG", f)
		}
		local := usesTfgate.ReplaceAll(data, []byte("uses: ./"))
		writeFiles(t, wf, map[string]string{filepath.Base(f): string(local)})
	}
	r = run(t, project, nil, 5*time.Minute, bin, "-no-color")
	if r.code != 0 {
		t.Errorf("actionlint with uses: ./ (inputs and outputs of action.yml):\n%s", r)
	}
}

// The check above is not vacuous: actionlint does read action.yml, and
// refuses an input or output it does not declare.
func TestActionlintReadsActionInputs(t *testing.T) {
	bin := actionlint(t)
	project := localActionProject(t)
	writeFiles(t, project, map[string]string{".github/workflows/bad.yml": `name: bad
on: pull_request
jobs:
  tfgate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: tfgate
        uses: ./
        with:
          fail_on: high
      - run: echo "${{ steps.tfgate.outputs.no-such-output }}"
`})
	r := run(t, project, nil, 5*time.Minute, bin, "-no-color")
	out := r.stdout + r.stderr
	if r.code == 0 || !strings.Contains(out, `"fail_on"`) {
		t.Errorf("actionlint accepted an undeclared input:\n%s", r)
	}
	if !strings.Contains(out, "no-such-output") {
		t.Errorf("actionlint accepted an undeclared output:\n%s", r)
	}
}

// localActionProject is a repository holding this checkout's action.yml at
// its root, as a workflow of tfgate's own repository sees it.
func localActionProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"action.yml": string(data)})
	if err := os.MkdirAll(filepath.Join(dir, ".github", "workflows"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, nil, "git", "init", "-q")
	return dir
}

// The action's scripts parse, and shellcheck finds nothing in them.
func TestActionScriptsShellcheck(t *testing.T) {
	scripts, err := filepath.Glob(filepath.Join(repoRoot(t), "scripts", "action", "*.sh"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("scripts/action: %v", err)
	}
	for _, s := range scripts {
		if r := run(t, "", nil, time.Minute, "bash", "-n", s); r.code != 0 {
			t.Errorf("bash -n %s:\n%s", s, r)
		}
	}
	bin := tool(t, "shellcheck", "TFGATE_REQUIRE_SHELLCHECK", "apt-get install shellcheck")
	if r := run(t, "", nil, time.Minute, bin, append([]string{"--shell=bash", "--severity=style"}, scripts...)...); r.code != 0 {
		t.Errorf("shellcheck:\n%s", r)
	}
}
