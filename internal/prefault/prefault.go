// Package prefault maps tfgate's own code and read-only data into its
// page tables in the background, from the start of the process, so that
// the run does not stop at each page of them it touches first.
//
// tfgate is a 44 MB static binary, most of it the OPA engine; a run over
// a small directory executes code and reads tables spread over several MB
// of it once each. Every first touch of a page not yet mapped is a page
// fault, and on virtual machines (CI runners, cloud hosts) a fault costs
// about 10 µs (internal/hugeheap has the figures): that time is spent on
// the one thread that runs, since Go initialises packages and starts main
// on one thread. Importing this package starts, during package
// initialisation, a goroutine that asks Linux to map the executable's
// text and read-only data all at once (madvise MADV_POPULATE_READ, Linux
// 5.14 and later; the file is in the page cache after the first run) on
// another CPU: 30 MB in about 2 ms. fixtures/tagging as a directory, in
// three comparisons of 50 rotating runs: 2.0 to 3.7 ms less (of about
// 65; docs/benchmarks.md). It must initialise early to gain: imported
// with os, strings and strconv, it ran 75th of 188 packages instead of
// 17th, and gained nothing. Writable data is left alone (mapping it
// read-only first was slower: each page is copied at its first write
// anyway).
//
// The mapped pages count in the process's resident memory (they are the
// page cache's, shared, but peak RSS counts them): about 9 MB. A run
// given a file of 8 MiB or more (a large plan, where the faults are a
// few ms of a second) does not populate, so that its peak memory is its
// own.
//
// Elsewhere than on Linux, on older kernels, and with TFGATE_PREFAULT=0,
// nothing is done.
package prefault

import "syscall"

func init() {
	// syscall, not os: this package then initialises among the first.
	if v, _ := syscall.Getenv("TFGATE_PREFAULT"); v == "0" {
		return
	}
	go func() {
		defer func() { _ = recover() }() // only a hint
		if cmdline, err := readFile("/proc/self/cmdline"); err == nil && hasLargeFile(splitArgs(cmdline), fileSize) {
			return
		}
		populateImage()
	}()
}

// LargeFile is the size of an input file from which a run does not
// populate: a plan whose run takes a second, where the faults are a few
// ms and the mapped pages would count in its peak memory. tfgate limits
// the memory of a run from the same size of plan JSON (largeInput in
// cmd/tfgate).
const LargeFile = 8 << 20

// hasLargeFile reports whether an argument (not a flag) names a regular
// file of at least LargeFile bytes.
func hasLargeFile(args []string, size func(string) (int64, bool)) bool {
	for _, a := range args {
		if a == "" || a[0] == '-' {
			continue
		}
		if n, ok := size(a); ok && n >= LargeFile {
			return true
		}
	}
	return false
}

// splitArgs splits /proc/self/cmdline (NUL-terminated arguments) and
// drops the program name.
func splitArgs(cmdline []byte) []string {
	var out []string
	start := 0
	for i, c := range cmdline {
		if c == 0 {
			out = append(out, string(cmdline[start:i]))
			start = i + 1
		}
	}
	if len(out) > 0 {
		out = out[1:]
	}
	return out
}

// region is a range of the process's address space.
type region struct {
	Start, End uintptr
}

// populateImage maps the executable's text and read-only data (its read-only
// file mappings in /proc/self/maps) and returns them, with the first
// error madvise gave (nil when it took every region).
func populateImage() ([]region, error) {
	maps, err := readFile("/proc/self/maps")
	if err != nil {
		return nil, err
	}
	regions := readOnlyImage(string(maps))
	var first error
	for _, r := range regions {
		if err := populate(r); err != nil && first == nil {
			first = err
		}
	}
	return regions, first
}

// readFile reads a whole file with syscall (os is initialised later).
func readFile(path string) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var out []byte
	buf := make([]byte, 16<<10)
	for {
		n, err := syscall.Read(fd, buf)
		if n > 0 {
			out = append(out, buf[:n]...)
		}
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return out, nil
		}
	}
}
