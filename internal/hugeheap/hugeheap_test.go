package hugeheap

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// The tests run Reserve in a child process (this test binary again, with
// HUGEHEAP_CHILD set), first thing, as main does: the parent's heap has
// run the test framework.
func TestMain(m *testing.M) {
	if os.Getenv("HUGEHEAP_CHILD") == "1" {
		child()
		return
	}
	os.Exit(m.Run())
}

// child prints: whether Reserve took, the resident set growth it caused
// (KiB), and the minor page faults that touching 64 MiB of fresh heap then
// costs. HUGEHEAP_GC_FIRST runs a collection before.
func child() {
	if os.Getenv("HUGEHEAP_GC_FIRST") == "1" {
		runtime.GC()
	}
	before := rssKiB()
	ok := Reserve(Size)
	after := rssKiB()
	var keep [][]byte
	faults := minorFaults()
	for range 64 {
		b := make([]byte, 1<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		keep = append(keep, b)
	}
	faults = minorFaults() - faults
	runtime.KeepAlive(keep)
	fmt.Println(ok, after-before, faults)
}

func rssKiB() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// minorFaults is field 10 of /proc/self/stat.
func minorFaults() int {
	data, _ := os.ReadFile("/proc/self/stat")
	s := string(data)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		if f := strings.Fields(s[i+1:]); len(f) > 7 {
			n, _ := strconv.Atoi(f[7])
			return n
		}
	}
	return 0
}

func runChild(t *testing.T, env ...string) (ok bool, rssGrowthKiB, faults int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"HUGEHEAP_CHILD=1"}, env...)...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	if _, err := fmt.Sscan(string(out), &ok, &rssGrowthKiB, &faults); err != nil {
		t.Fatalf("child printed %q: %v", out, err)
	}
	return ok, rssGrowthKiB, faults
}

// thpMode is the kernel's transparent huge page mode ("always",
// "madvise", "never"), "" when it has none (or this is not Linux).
func thpMode() string {
	data, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil {
		return ""
	}
	s := string(data)
	if i, j := strings.IndexByte(s, '['), strings.IndexByte(s, ']'); i >= 0 && j > i {
		return s[i+1 : j]
	}
	return ""
}

// TestReserve: Reserve never makes its (never touched) object resident,
// and, where the kernel gives huge pages to madvised memory, touching fresh
// heap afterwards costs a fraction of the faults of 4 KiB pages (64 MiB:
// 16,384 of them).
func TestReserve(t *testing.T) {
	ok, growth, faults := runChild(t)
	if growth > 16<<10 {
		t.Fatalf("Reserve made %d KiB resident: the reserved object was written", growth)
	}
	mode := thpMode()
	t.Logf("THP %q: advice taken %v, RSS growth %d KiB, %d faults touching 64 MiB", mode, ok, growth, faults)
	if runtime.GOOS != "linux" || (runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64") {
		if ok {
			t.Fatal("Reserve took effect outside linux/amd64, linux/arm64")
		}
		return
	}
	if mode != "madvise" && mode != "always" {
		t.Skipf("transparent huge pages are %q here: nothing to measure", mode)
	}
	if !ok {
		t.Fatal("the kernel offers huge pages but Reserve's advice was refused")
	}
	if faults > 4096 {
		t.Errorf("touching 64 MiB after Reserve cost %d faults: not huge pages", faults)
	}
}

// TestReserveOff: TFGATE_HUGEPAGES=0 and GODEBUG=disablethp=1 turn it off,
// and it does nothing after a collection has run; where the kernel gives huge pages only to madvised memory, faults are
// then those of 4 KiB pages again.
func TestReserveOff(t *testing.T) {
	for _, env := range []string{"TFGATE_HUGEPAGES=0", "GODEBUG=disablethp=1", "HUGEHEAP_GC_FIRST=1"} {
		ok, _, faults := runChild(t, env)
		if ok {
			t.Errorf("%s: Reserve took effect", env)
		}
		if thpMode() == "madvise" && faults < 8192 {
			t.Errorf("%s: %d faults touching 64 MiB: huge pages without the advice", env, faults)
		}
	}
}
