package config

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"

	"github.com/tfgate/tfgate/plan"
)

// corpusDir is the shared real-world corpus (plans, module directories).
func corpusDir(tb testing.TB) string { return testutil.CorpusDir(tb) }

// corpusHCL is the corpus of module directories.
func corpusHCL(tb testing.TB) string {
	return filepath.Join(corpusDir(tb), "hcl")
}

// corpusDirs lists every directory under root holding configuration files
// (hidden directories such as .terraform are skipped).
func corpusDirs(tb testing.TB, root string) []string {
	tb.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		primary, override, err := configFiles(p)
		if err != nil {
			return err
		}
		if len(primary)+len(override) > 0 {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(dirs)
	return dirs
}

// corpusInvalid are corpus directories Terraform itself rejects, with the
// reason; loading them must fail with a clear error, not succeed.
var corpusInvalid = map[string]string{
	"tfsec__testdata_and_examples/_examples":                         "a pile of independent examples: aws_alb_listener.my-alb-listener is declared in both brew-validate.tf and main.tf",
	"tfsec__testdata_and_examples/_examples/cmd_checkgen_test-check": "pass.tf and fail.tf declare the same resources (aws_s3_bucket.demo_bucket1)",
	"tfsec__testdata_and_examples/test/testdata/badhcl":              "deliberately invalid HCL: an unclosed block",
}

// TestLoadConfigCorpus loads every module directory of the corpus as a
// root module: no crash, no error except for the invalid directories, and
// sane documents. It logs resources, unknown values and notices per
// directory.
func TestLoadConfigCorpus(t *testing.T) {
	root := corpusHCL(t)
	dirs := corpusDirs(t, root)
	if len(dirs) < 50 {
		t.Fatalf("found only %d corpus directories", len(dirs))
	}
	var totalRes, totalUnknown int
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		rel = filepath.ToSlash(rel)
		docs, err := Load(dir, plan.Options{})
		if reason, invalid := corpusInvalid[rel]; invalid {
			if err == nil {
				t.Errorf("%s: loaded, but Terraform rejects it (%s)", rel, reason)
			} else {
				t.Logf("%s: rejected as expected (%s): %s", rel, reason, firstLine(err.Error()))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if len(docs) != 1 {
			t.Errorf("%s: %d documents", rel, len(docs))
			continue
		}
		doc := docs[0]
		seen := map[string]bool{}
		unknown := 0
		for _, r := range doc.Resources {
			if seen[r.Address] {
				t.Errorf("%s: duplicate address %s", rel, r.Address)
			}
			seen[r.Address] = true
			if r.Location == nil || r.Location.StartLine == 0 {
				t.Errorf("%s: %s has no location", rel, r.Address)
			} else if _, err := os.Stat(r.Location.File); err != nil {
				t.Errorf("%s: %s: location file %s: %v", rel, r.Address, r.Location.File, err)
			}
			if _, ok := r.Unknown.(map[string]any); !ok {
				t.Errorf("%s: %s: unknown is %T, want an object", rel, r.Address, r.Unknown)
			}
			unknown += countUnknown(r.Unknown)
		}
		codes := map[string]int{}
		for _, n := range doc.Notices {
			codes[n.Code]++
			if n.File == "" || n.Line == 0 {
				t.Errorf("%s: notice without file:line: %+v", rel, n)
			}
		}
		totalRes += len(doc.Resources)
		totalUnknown += unknown
		t.Logf("%s: %d resources, %d unknown values, notices %v", rel, len(doc.Resources), unknown, codes)
	}
	t.Logf("total: %d directories, %d resources, %d unknown values", len(dirs), totalRes, totalUnknown)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// countUnknown counts the true leaves of an unknown mirror.
func countUnknown(v any) int {
	switch x := v.(type) {
	case bool:
		if x {
			return 1
		}
	case map[string]any:
		n := 0
		for _, e := range x {
			n += countUnknown(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range x {
			n += countUnknown(e)
		}
		return n
	}
	return 0
}

// largestCorpusDir is the corpus directory whose evaluation yields the
// most resource instances (its local modules included).
func largestCorpusDir(tb testing.TB) string {
	root := corpusHCL(tb)
	best, most := "", -1
	for _, dir := range corpusDirs(tb, root) {
		docs, err := Load(dir, plan.Options{})
		if err != nil {
			continue
		}
		if n := len(docs[0].Resources); n > most {
			best, most = dir, n
		}
	}
	return best
}

func BenchmarkLoadConfigLargest(b *testing.B) {
	dir := largestCorpusDir(b)
	docs, err := Load(dir, plan.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d resources", dir, len(docs[0].Resources))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Load(dir, plan.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
