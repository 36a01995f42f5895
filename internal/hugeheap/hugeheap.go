// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages (2 MiB) instead of 4 KiB pages.
//
// A run of tfgate touches its heap once: it decodes the plan, converts it
// and evaluates it, each step into fresh memory, then exits. Every fresh
// 4 KiB page is a page fault, and on virtual machines (CI runners, cloud
// hosts) a fault costs about 10 µs: on 11,000 resources 53,000 faults,
// a third of the run's CPU time. Linux's default transparent huge page
// mode on many distributions (Ubuntu's among them) is "madvise": only
// memory a process marks with madvise(MADV_HUGEPAGE) gets huge pages, and
// the Go runtime does not mark its heap (Go 1.21.1 stopped doing so, for
// long-running servers whose memory it could then not return). A
// short-lived command gains from it: one fault per 2 MiB.
//
// Reserve marks the address space the heap grows into at start-up: it
// allocates one large object, which the runtime maps fresh from the
// operating system (zero, so never written, never resident), marks its
// range, and frees it; the heap's later spans reuse those addresses, and
// their first touch faults in huge pages. Where huge pages are off
// ("never"), not built into the kernel, or not Linux, nothing changes.
package hugeheap

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strings"
)

// Size is the address space Reserve marks: the heap of a run over 11,000
// resources (about 220 MB under its memory limit) stays under it; a larger
// heap grows past it with ordinary pages. 512 MiB was no faster there and
// 7 ms slower on a small directory (the runtime's records of each 64 MiB
// it maps are themselves touched); docs/benchmarks.md.
const Size = 256 << 20

// Reserve marks size bytes of the heap's address space for huge pages; it
// runs first thing in main. It does nothing once a collection has run: the
// heap may then have freed memory, and a large object put where memory
// was used before would be zeroed by the runtime, made resident. It
// reports whether the kernel took the advice. GODEBUG=disablethp=1, Go's
// switch against huge pages, turns it off, as does TFGATE_HUGEPAGES=0.
func Reserve(size int) bool {
	if os.Getenv("TFGATE_HUGEPAGES") == "0" || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") {
		return false
	}
	cycles := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	if metrics.Read(cycles); cycles[0].Value.Kind() != metrics.KindUint64 || cycles[0].Value.Uint64() != 0 {
		return false
	}
	// No collection while the object exists (allocating it would start
	// one, which could find it still referenced and then set its goal
	// after it): the first collection, at the next allocation, frees it.
	// Collecting here instead (runtime.GC) cost 5 ms.
	gcPercent := debug.SetGCPercent(-1)
	ok := advise(size)
	debug.SetGCPercent(gcPercent)
	return ok
}
