package integration

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// hookManifest is .pre-commit-hooks.yaml.
type hookManifest []struct {
	ID            string   `yaml:"id"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Types         []string `yaml:"types"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	RequireSerial bool     `yaml:"require_serial"`
}

func readHookManifest(t *testing.T) hookManifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m hookManifest
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	return m
}

// The hooks' file patterns select what each hook is for. pre-commit uses
// Python's re.search; these patterns mean the same in Go's regexp.
func TestPreCommitHookPatterns(t *testing.T) {
	hooks := map[string]*regexp.Regexp{}
	for _, h := range readHookManifest(t) {
		if h.Entry != "tfgate check" || h.Language != "golang" || !h.RequireSerial || (h.PassFilenames != nil && !*h.PassFilenames) {
			t.Errorf("hook %s: entry %q language %q require_serial %v: want `tfgate check`, golang, one process with the file names", h.ID, h.Entry, h.Language, h.RequireSerial)
		}
		hooks[h.ID] = regexp.MustCompile(h.Files)
	}
	for _, c := range []struct {
		hook  string
		match []string
		not   []string
	}{
		{"tfgate",
			[]string{"main.tf", "infra/prod/variables.tf", "x.tf.json", "envs/prod.tfvars", "terraform.tfvars.json"},
			[]string{"plan.json", "main.tf.bak", "README.md", "tfplan", "x.tfstate"}},
		{"tfgate-plan",
			[]string{"plan.json", "infra/plan.json", "tfplan.json", "prod.plan.json", "envs/prod.tfplan.json"},
			[]string{"package.json", "explain.json", "main.tf", "plan.json.bak", "x.tf.json"}},
	} {
		re := hooks[c.hook]
		if re == nil {
			t.Errorf("no hook %q in .pre-commit-hooks.yaml", c.hook)
			continue
		}
		for _, f := range c.match {
			if !re.MatchString(f) {
				t.Errorf("hook %s does not select %s", c.hook, f)
			}
		}
		for _, f := range c.not {
			if re.MatchString(f) {
				t.Errorf("hook %s selects %s", c.hook, f)
			}
		}
	}
}

// preCommitEnv is the environment of the pre-commit runs: a private
// PRE_COMMIT_HOME (one hook environment for the package's tests), the
// machine's Go module and build caches so that pre-commit's `go install`
// needs no download (pre-commit points GOPATH at its own directory, which
// would otherwise mean a fresh module cache) and no network at all
// (GOPROXY=off), and a git identity.
var (
	preCommitOnce sync.Once
	preCommitHome string
)

func preCommitEnv(t *testing.T) []string {
	t.Helper()
	preCommitOnce.Do(func() {
		var err error
		if preCommitHome, err = os.MkdirTemp("", "tfgate-pre-commit-home-"); err != nil {
			t.Fatal(err)
		}
	})
	env := []string{
		"PRE_COMMIT_HOME=" + preCommitHome,
		"GIT_AUTHOR_NAME=tfgate test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=tfgate test", "GIT_COMMITTER_EMAIL=test@example.com",
		"NO_COLOR=1",
	}
	for _, k := range []string{"GOMODCACHE", "GOCACHE"} {
		if v := goEnv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	// Offline: every module the hook builds is in the shared cache (CI runs
	// go mod download first), so the build must not need the network.
	env = append(env, "GOPROXY=off")
	return envWith(env...)
}

// hookRepo is the checkout's HEAD commit: pre-commit installs hooks from a
// commit, as users get them from a tag. In CI (a clean clone) HEAD is the
// code under test; in a working copy, uncommitted changes are not used.
func hookRepo(t *testing.T) (dir, rev string) {
	t.Helper()
	tool(t, "git", "TFGATE_REQUIRE_PRECOMMIT", "apt-get install git")
	root := repoRoot(t)
	r := run(t, root, nil, time.Minute, "git", "rev-parse", "HEAD")
	if r.code != 0 {
		t.Skipf("%s is not a git checkout (%s): pre-commit installs hooks from a commit", root, strings.TrimSpace(r.stderr))
	}
	rev = strings.TrimSpace(r.stdout)
	if run(t, root, nil, time.Minute, "git", "cat-file", "-e", rev+":.pre-commit-hooks.yaml").code != 0 {
		t.Fatalf("HEAD (%s) has no .pre-commit-hooks.yaml: commit it (pre-commit installs hooks from a commit)", rev)
	}
	if run(t, root, nil, time.Minute, "git", "diff", "--quiet", "HEAD", "--", ".pre-commit-hooks.yaml", "cmd", "plan", "rules", "report", "library", "go.mod", "go.sum").code != 0 {
		t.Logf("note: the working tree differs from HEAD %s; pre-commit uses the commit", rev[:12])
	}
	return root, rev
}

// newGitRepo makes a git repository with a .pre-commit-config.yaml using
// the given hooks of this checkout, and installs pre-commit's git hook.
func newGitRepo(t *testing.T, env []string, hooks string) string {
	t.Helper()
	preCommit := tool(t, "pre-commit", "TFGATE_REQUIRE_PRECOMMIT", "apt-get install pre-commit, or pip install pre-commit")
	root, rev := hookRepo(t)
	dir := t.TempDir()
	mustRun(t, dir, env, "git", "init", "-q")
	mustRun(t, dir, env, "git", "config", "commit.gpgsign", "false")
	writeFiles(t, dir, map[string]string{
		".pre-commit-config.yaml": fmt.Sprintf("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n%s", root, rev, hooks),
	})
	mustRun(t, dir, env, preCommit, "install")
	// Build the hook's environment now, timed apart from the commits.
	start := time.Now()
	r := run(t, dir, env, 15*time.Minute, preCommit, "install-hooks")
	if r.code != 0 {
		t.Fatalf("pre-commit install-hooks: %s", r)
	}
	t.Logf("pre-commit install-hooks: %s", time.Since(start).Round(time.Millisecond))
	return dir
}

// commit stages everything and runs `git commit` (and so the hooks).
func commit(t *testing.T, dir string, env []string, msg string) result {
	t.Helper()
	mustRun(t, dir, env, "git", "add", "-A")
	return run(t, dir, env, 10*time.Minute, "git", "commit", "-q", "-m", msg)
}

func headExists(t *testing.T, dir string, env []string) bool {
	return run(t, dir, env, time.Minute, "git", "rev-parse", "--verify", "-q", "HEAD").code == 0
}

// The hook refuses a commit of a .tf file with a finding, naming the file
// and line, and accepts it once fixed.
func TestPreCommitRefusesFinding(t *testing.T) {
	env := preCommitEnv(t)
	dir := newGitRepo(t, env, "      - id: tfgate\n")
	writeFiles(t, dir, map[string]string{"infra/main.tf": openSecurityGroup})

	r := commit(t, dir, env, "open security group")
	out := r.stdout + r.stderr
	if r.code == 0 || headExists(t, dir, env) {
		t.Fatalf("commit with a finding was accepted:\n%s", r)
	}
	want := fmt.Sprintf("infra/main.tf:%d", openSecurityGroupLine)
	for _, s := range []string{"Failed", "TFG-AWS-EGRESS-001", want} {
		if !strings.Contains(out, s) {
			t.Errorf("refused commit's output lacks %q:\n%s", s, out)
		}
	}

	fixed := strings.Replace(openSecurityGroup, `["0.0.0.0/0"]`, `["10.0.0.0/8"]`, 1)
	writeFiles(t, dir, map[string]string{"infra/main.tf": fixed})
	start := time.Now()
	r = commit(t, dir, env, "private egress")
	if r.code != 0 || !headExists(t, dir, env) {
		t.Fatalf("commit of the fixed file was refused:\n%s", r)
	}
	t.Logf("commit with the hook (environment installed): %s", time.Since(start).Round(time.Millisecond))
}

// A change to three files of one root module checks that module once (one
// tfgate process, one document), and leaves unchanged modules alone.
func TestPreCommitChecksModuleOnce(t *testing.T) {
	env := preCommitEnv(t)
	reportFile := filepath.Join(t.TempDir(), "report.json")
	dir := newGitRepo(t, env, fmt.Sprintf("      - id: tfgate\n        args: [--format, json=%s]\n", reportFile))

	// A module with a finding, committed without the hook: not part of the
	// next change, so not checked by it.
	writeFiles(t, dir, map[string]string{"other/main.tf": openSecurityGroup})
	mustRun(t, dir, env, "git", "add", "-A")
	mustRun(t, dir, env, "git", "commit", "-q", "--no-verify", "-m", "other module")

	sg := strings.SplitAfter(openSecurityGroup, "}\n\n")
	if len(sg) != 3 {
		t.Fatalf("openSecurityGroup has %d blocks, want 3", len(sg))
	}
	writeFiles(t, dir, map[string]string{
		"infra/providers.tf": sg[0],
		"infra/variables.tf": sg[1],
		"infra/security.tf":  sg[2],
	})
	r := commit(t, dir, env, "three files of one module")
	if r.code == 0 {
		t.Fatalf("commit with a finding was accepted:\n%s", r)
	}
	data, err := os.ReadFile(reportFile)
	if err != nil {
		t.Fatalf("the hook wrote no report: %v\n%s", err, r)
	}
	var rep struct {
		Summary struct {
			Resources int `json:"resources"`
		} `json:"summary"`
		Findings []struct {
			RuleID string `json:"rule_id"`
			File   string `json:"file"`
			Range  struct {
				StartLine int `json:"start_line"`
			} `json:"range"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("report: %v\n%s", err, data)
	}
	// Checked once: the module's one resource, its finding once. Checked
	// per file it would be three resources and three findings (or three
	// reports, each replacing the last).
	if rep.Summary.Resources != 1 {
		t.Errorf("resources = %d, want 1 (the module checked once)", rep.Summary.Resources)
	}
	line := strings.Count(sg[2][:strings.Index(sg[2], "cidr_blocks")], "\n") + 1
	var got []string
	for _, f := range rep.Findings {
		got = append(got, fmt.Sprintf("%s %s:%d", f.RuleID, filepath.ToSlash(f.File), f.Range.StartLine))
	}
	want := fmt.Sprintf("TFG-AWS-EGRESS-001 infra/security.tf:%d", line)
	if len(got) != 1 || !(got[0] == want || strings.HasSuffix(got[0], "/"+strings.TrimPrefix(want, "TFG-AWS-EGRESS-001 "))) {
		t.Errorf("findings = %q, want [%q] once (and none from the unchanged module other/)", got, want)
	}
}
