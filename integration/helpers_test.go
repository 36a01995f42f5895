// Package integration tests tfgate where its users run it: the pre-commit
// hooks (.pre-commit-hooks.yaml, with the real pre-commit), the GitHub
// Action (action.yml and scripts/action, run locally with a fake runner
// environment), the example workflows (actionlint) and the release build
// (.goreleaser.yaml, with the real GoReleaser).
//
// Tools that are absent make their tests skip with a message, except in CI,
// where .ci/run installs them and sets TFGATE_REQUIRE_<TOOL>=1 so that an
// absent tool fails instead.
package integration

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tfgate/tfgate/internal/testutil"
)

// testVersion is stamped into the tfgate binary these tests build, as the
// release build stamps the tag's version.
const testVersion = "9.8.7"

// repoRoot is the checkout these tests belong to.
func repoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(wd) // this package is <root>/integration
}

// tool finds an executable on PATH (or in the given extra directories).
// When absent it skips the test, or fails it when requireEnv=1 (CI).
func tool(t testing.TB, name, requireEnv, install string, extraDirs ...string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, d := range extraDirs {
		p := filepath.Join(d, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("%s not found and %s=1: install it (%s)", name, requireEnv, install)
	}
	t.Skipf("%s not found: skipping (install it: %s; CI sets %s=1)", name, install, requireEnv)
	return ""
}

// goBinDirs are where `go install` puts tools.
func goBinDirs() []string {
	var dirs []string
	if gobin := goEnv("GOBIN"); gobin != "" {
		dirs = append(dirs, gobin)
	}
	if gopath := goEnv("GOPATH"); gopath != "" {
		for _, p := range filepath.SplitList(gopath) {
			dirs = append(dirs, filepath.Join(p, "bin"))
		}
	}
	return dirs
}

var goEnvCache sync.Map

func goEnv(key string) string {
	if v, ok := goEnvCache.Load(key); ok {
		return v.(string)
	}
	out, err := exec.Command("go", "env", key).Output()
	v := ""
	if err == nil {
		v = strings.TrimSpace(string(out))
	}
	goEnvCache.Store(key, v)
	return v
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// tfgateBinary builds ./cmd/tfgate once for the package, stamped with
// testVersion, for the host (GOOS/GOARCH of the test).
func tfgateBinary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "tfgate-integration-bin-")
		if buildErr != nil {
			return
		}
		exe := "tfgate"
		if runtime.GOOS == "windows" {
			exe += ".exe"
		}
		ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.date=2026-01-02T03:04:05Z", testVersion)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", filepath.Join(buildDir, exe), "./cmd/tfgate")
		cmd.Dir = repoRoot(t)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/tfgate: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	exe := "tfgate"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	return filepath.Join(buildDir, exe)
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{buildDir, preCommitHome} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

// result of a command run by run().
type result struct {
	code   int
	stdout string
	stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// run runs a command in dir with env (nil: the test's environment) and a
// time limit, and returns its exit code and output. A command that cannot
// start or is killed by the limit fails the test.
func run(t testing.TB, dir string, env []string, limit time.Duration, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if ctx.Err() != nil {
		t.Fatalf("%s %s: still running after %s\n%s", name, strings.Join(args, " "), limit, r)
	}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s: %v", name, err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// mustRun is run that fails the test on a non-zero exit.
func mustRun(t testing.TB, dir string, env []string, name string, args ...string) string {
	t.Helper()
	r := run(t, dir, env, 5*time.Minute, name, args...)
	if r.code != 0 {
		t.Fatalf("%s %s: %s", name, strings.Join(args, " "), r)
	}
	return r.stdout
}

// writeFiles writes name -> content under dir, creating directories.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	testutil.WriteFiles(t, dir, files)
}

// envWith is the test's environment with the given KEY=value pairs replacing
// any of the same keys.
func envWith(kv ...string) []string {
	drop := map[string]bool{}
	for _, s := range kv {
		k, _, _ := strings.Cut(s, "=")
		drop[k] = true
	}
	var env []string
	for _, s := range os.Environ() {
		k, _, _ := strings.Cut(s, "=")
		if !drop[k] {
			env = append(env, s)
		}
	}
	return append(env, kv...)
}

// An open security group: TFG-AWS-EGRESS-001 fails on line 18
// (cidr_blocks), and nothing else fails. Fixing it means replacing 0.0.0.0/0
// with a private range. Three blocks, for tests that split it into files.
const openSecurityGroup = `provider "aws" {
  region = "us-east-1"
}

variable "name" {
  type    = string
  default = "web"
}

resource "aws_security_group" "web" {
  name        = var.name
  description = "web servers"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

const openSecurityGroupLine = 18
