package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLimitMemory: a run over 8 MiB or more of plan files sets a soft
// memory limit of ten times their size; smaller inputs, directories and a
// user's GOMEMLIMIT leave the runtime's default.
func TestLimitMemory(t *testing.T) {
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
		want   int64
	}{
		{"large plan", []string{big}, nil, 90 << 20},
		{"large plan and a small one", []string{big, small}, nil, 10 * (9<<20 + 2)},
		{"small plan", []string{small}, nil, 0},
		{"directory", []string{dir}, nil, 0},
		{"missing file", []string{filepath.Join(dir, "none.json")}, nil, 0},
		{"user's GOMEMLIMIT", []string{big}, []string{"GOMEMLIMIT=1GiB"}, 0},
	} {
		var got int64
		c2 := &CLI{Env: c.env, SetMemoryLimit: func(n int64) int64 { got = n; return 0 }}
		c2.limitMemory(c.inputs)
		if got != c.want {
			t.Errorf("%s: limit %d, want %d", c.name, got, c.want)
		}
	}
	if memoryLimit(8<<20-1) != 0 || memoryLimit(8<<20) != 80<<20 {
		t.Error("memoryLimit: the threshold is 8 MiB")
	}
	(&CLI{}).limitMemory([]string{big}) // no SetMemoryLimit (tests): nothing
}
