package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTuneGC: a run over 8 MiB or more of plan files sets a soft memory
// limit of ten times their size, a smaller one (or a directory) collects
// less often (GOGC 200); a user's GOMEMLIMIT or GOGC is left as it is.
func TestTuneGC(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "plan.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(9 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		inputs []string
		env    []string
		limit  int64
		gogc   int
	}{
		{"large plan", []string{big}, nil, 90 << 20, 0},
		{"large plan and a small one", []string{big, small}, nil, 10 * (9<<20 + 2), 0},
		{"small plan", []string{small}, nil, 0, 200},
		{"directory", []string{dir}, nil, 0, 200},
		{"missing file", []string{filepath.Join(dir, "none.json")}, nil, 0, 200},
		{"user's GOMEMLIMIT", []string{big}, []string{"GOMEMLIMIT=1GiB"}, 0, 0},
		{"user's GOGC", []string{small}, []string{"GOGC=50"}, 0, 0},
	} {
		var limit int64
		var gogc int
		c2 := &CLI{Env: c.env,
			SetMemoryLimit: func(n int64) int64 { limit = n; return 0 },
			SetGCPercent:   func(n int) int { gogc = n; return 100 },
		}
		c2.tuneGC(c.inputs)
		if limit != c.limit || gogc != c.gogc {
			t.Errorf("%s: limit %d, GOGC %d; want %d, %d", c.name, limit, gogc, c.limit, c.gogc)
		}
	}
	if memoryLimit(8<<20-1) != 0 || memoryLimit(8<<20) != 80<<20 {
		t.Error("memoryLimit: the threshold is 8 MiB")
	}
	(&CLI{}).tuneGC([]string{big, small}) // no setters (tests): nothing
}
