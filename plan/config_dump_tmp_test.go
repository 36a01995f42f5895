package plan

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		t.Skip()
	}
	docs, err := LoadConfig(dir, Options{Recursive: os.Getenv("DUMP_REC") != ""})
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.Encode(docs)
}

func TestCorpusTmp(t *testing.T) {
	root := os.Getenv("CORPUS_DIR")
	if root == "" {
		t.Skip()
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			return nil
		}
		pr, ov, _ := configFiles(p)
		if len(pr)+len(ov) == 0 {
			return nil
		}
		docs, err := LoadConfig(p, Options{})
		if err != nil {
			t.Logf("ERR %s: %v", p, err)
			return nil
		}
		unk := 0
		for _, r := range docs[0].Resources {
			unk += countTrue(r.Unknown)
		}
		t.Logf("%s: %d resources, %d unknown, %d notices", p, len(docs[0].Resources), unk, len(docs[0].Notices))
		for _, n := range docs[0].Notices {
			if os.Getenv("SHOWN") != "" {
				t.Logf("   %s %s:%d %s", n.Code, n.File, n.Line, n.Message)
			}
		}
		return nil
	})
}

func countTrue(v any) int {
	switch x := v.(type) {
	case bool:
		if x {
			return 1
		}
	case map[string]any:
		n := 0
		for _, e := range x {
			n += countTrue(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range x {
			n += countTrue(e)
		}
		return n
	}
	return 0
}

func BenchmarkTmp(b *testing.B) {
	dir := os.Getenv("DUMP_DIR")
	for i := 0; i < b.N; i++ {
		if _, err := LoadConfig(dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
