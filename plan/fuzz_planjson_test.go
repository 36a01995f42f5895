package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzReadPlanJSON(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "fixtures", "*", "plan.json"))
	more, _ := filepath.Glob(filepath.Join("testdata", "plans", "*.json"))
	seeds = append(seeds, more...)
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version":"0.1","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"after":{"x":1},"after_sensitive":{"x":true}}}]}`))
	f.Add([]byte(`{"format_version":"1.2","configuration":{"root_module":{"module_calls":{"m":{"source":"./m","expressions":{"v":{"references":["var.v"]}},"module":{"resources":[{"address":"a.b","expressions":{"x":{"references":["var.v","module.m.o"]}}}]}}}}},"resource_changes":[{"address":"module.m[\"k\"].a.b","module_address":"module.m[\"k\"]","mode":"managed","type":"a","name":"b","change":{"actions":["delete","create"]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ReadPlanJSON(data, "fuzz.json")
		if err == nil && d == nil {
			t.Fatal("nil document without error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error: %q", err)
		}
	})
}

// BenchmarkReadPlanJSON reads a small testdata plan, and the plan named by
// TFGATE_BENCH_PLAN when set (e.g. /work/bench/plan-2000.json).
func BenchmarkReadPlanJSON(b *testing.B) {
	files := map[string]string{"small": filepath.Join("testdata", "plans", "modules_refs.json")}
	if p := os.Getenv("TFGATE_BENCH_PLAN"); p != "" {
		files["env"] = p
	}
	for name, path := range files {
		b.Run(name, func(b *testing.B) {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Skipf("bench plan: %v", err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadPlanJSON(data, path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
