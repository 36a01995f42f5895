package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTuneGC: a run over 8 MiB or more of plan files sets a soft memory
// limit of ten times their size; one under 1 MiB of input (plan files, or
// the Terraform files of directories) does not collect (GOGC off) under
// tinyMemoryLimit; others, and standard input (its size unknown), collect
// less often (GOGC 200); a user's GOMEMLIMIT or GOGC is left as it is.
func TestTuneGC(t *testing.T) {
	dir := t.TempDir()
	sized := func(name string, n int64) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(n); err != nil {
			t.Fatal(err)
		}
		f.Close()
		return p
	}
	big := sized("plan.json", 9<<20)
	medium := sized("medium.json", 2<<20)
	small := filepath.Join(dir, "small.json")
	if err := os.WriteFile(small, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	module := filepath.Join(dir, "module")
	large := filepath.Join(dir, "large")
	for _, d := range []string{module, large} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(module, "main.tf"), []byte("resource \"aws_sqs_queue\" \"q\" {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(large, "main.tf"), make([]byte, 1<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	// Not Terraform files: not counted.
	if err := os.WriteFile(filepath.Join(module, "data.bin"), make([]byte, 2<<20), 0o644); err != nil {
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
		{"plan of 2 MiB", []string{medium}, nil, 0, 200},
		{"tiny plan", []string{small}, nil, tinyMemoryLimit, -1},
		{"directory", []string{module}, nil, tinyMemoryLimit, -1},
		{"directory and a tiny plan", []string{module, small}, nil, tinyMemoryLimit, -1},
		{"directory of 1 MiB of Terraform", []string{large}, nil, 0, 200},
		{"standard input", []string{"-"}, nil, 0, 200},
		{"missing file", []string{filepath.Join(dir, "none.json")}, nil, 0, 200},
		{"user's GOMEMLIMIT", []string{big}, []string{"GOMEMLIMIT=1GiB"}, 0, 0},
		{"user's GOMEMLIMIT, tiny input", []string{small}, []string{"GOMEMLIMIT=1GiB"}, 0, -1},
		{"user's GOGC", []string{small}, []string{"GOGC=50"}, 0, 0},
		{"user's GOGC, plan of 2 MiB", []string{medium}, []string{"GOGC=50"}, 0, 0},
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
