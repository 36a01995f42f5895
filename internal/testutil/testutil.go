// Package testutil holds what the tests of several packages share: the
// shared corpus beside the repository and temporary file trees. Only tests
// import it.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot is the repository's root: the nearest directory holding go.mod
// above the test's working directory.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// CorpusDir is ../shared/corpus beside the repository (real plans and
// module directories); the test is skipped, with a message, when it is
// absent.
func CorpusDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(RepoRoot(tb), "..", "shared", "corpus")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		tb.Skipf("../shared/corpus is absent: corpus test skipped")
	}
	return dir
}

// WriteFiles writes name -> content under dir (names use forward slashes),
// creating directories.
func WriteFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}
