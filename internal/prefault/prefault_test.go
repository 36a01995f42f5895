package prefault

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestReadOnlyImage: the executable's read-only mappings, and nothing
// writable, anonymous or of another file.
func TestReadOnlyImage(t *testing.T) {
	maps := `00400000-00fac000 r-xp 00000000 fe:00 9978657                            /tmp/tfgate
00fac000-02158000 r--p 00bac000 fe:00 9978657                            /tmp/tfgate
02158000-023c2000 rw-p 01d58000 fe:00 9978657                            /tmp/tfgate
023c2000-04404000 rw-p 00000000 00:00 0
c000000000-c004000000 rw-p 00000000 00:00 0
7f0000000000-7f0000001000 r--p 00000000 fe:00 1234                       /usr/lib/locale/x
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]
7ffd000f0000-7ffd000f2000 r-xp 00000000 00:00 0                          [vdso]
`
	got := readOnlyImage(maps)
	want := []region{{0x400000, 0xfac000}, {0xfac000, 0x2158000}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("regions %x, want %x", got, want)
	}
	if r := readOnlyImage("garbage\n\n00zz-11 r-xp 0 fe:00 1 /x\n"); len(r) != 0 {
		t.Errorf("garbage gave %x", r)
	}
}

// TestPopulate: on Linux, the test binary's text is among the regions,
// and once the kernel has taken the advice every page of the text mapping
// is resident in this process (its Rss in /proc/self/smaps is its Size;
// before 5.14 the kernel refuses the advice as unknown); elsewhere nothing
// is done.
func TestPopulate(t *testing.T) {
	regions, err := populateImage()
	if runtime.GOOS != "linux" {
		if _, statErr := os.Stat("/proc/self/maps"); statErr != nil && err == nil {
			t.Fatal("no /proc/self/maps, and no error")
		}
		return
	}
	if len(regions) == 0 {
		t.Fatal("no region of the executable found")
	}
	pc, _, _, _ := runtime.Caller(0)
	var text region
	for _, r := range regions {
		if uintptr(pc) >= r.Start && uintptr(pc) < r.End {
			text = r
		}
	}
	if text == (region{}) {
		t.Fatalf("this function's code (%#x) is in no region %x", pc, regions)
	}
	if errors.Is(err, syscall.EINVAL) {
		t.Skip("kernel without MADV_POPULATE_READ: nothing populated")
	}
	if err != nil {
		t.Fatalf("madvise: %v", err)
	}
	size, rss := smapsKB(t, text)
	if size == 0 || rss != size {
		t.Errorf("text mapping %x: Rss %d kB of Size %d kB after populating", text, rss, size)
	}
}

// smapsKB returns the Size and Rss of the mapping that starts at r.Start,
// from /proc/self/smaps.
func smapsKB(t *testing.T, r region) (size, rss int) {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if strings.Contains(f[0], "-") && len(f) >= 5 {
			lo, _, _ := strings.Cut(f[0], "-")
			start, _ := strconv.ParseUint(lo, 16, 64)
			in = uintptr(start) == r.Start
			continue
		}
		if in && len(f) >= 2 {
			n, _ := strconv.Atoi(f[1])
			switch f[0] {
			case "Size:":
				size = n
			case "Rss:":
				rss = n
			}
		}
	}
	return size, rss
}

// TestLargeFile: a run given a regular file of 8 MiB or more does not
// populate; flags, small files and other paths do not count.
func TestLargeFile(t *testing.T) {
	args := splitArgs([]byte("/usr/bin/tfgate\x00check\x00--format\x00sarif\x00plan.json\x00"))
	if want := []string{"check", "--format", "sarif", "plan.json"}; !slices.Equal(args, want) {
		t.Fatalf("args %q, want %q", args, want)
	}
	sizes := map[string]int64{"plan.json": LargeFile, "small.json": LargeFile - 1, "-big": LargeFile}
	size := func(p string) (int64, bool) { n, ok := sizes[p]; return n, ok }
	for _, c := range []struct {
		args []string
		want bool
	}{
		{args, true},
		{[]string{"check", "small.json", "dir"}, false},
		{[]string{"check", "-big"}, false},
		{nil, false},
	} {
		if got := hasLargeFile(c.args, size); got != c.want {
			t.Errorf("%q: %v, want %v", c.args, got, c.want)
		}
	}
	if runtime.GOOS == "linux" {
		f, err := os.CreateTemp(t.TempDir(), "plan")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(LargeFile); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if n, ok := fileSize(f.Name()); !ok || n != LargeFile {
			t.Errorf("fileSize = %d, %v", n, ok)
		}
		if _, ok := fileSize(t.TempDir()); ok {
			t.Error("a directory has a file size")
		}
	}
}
