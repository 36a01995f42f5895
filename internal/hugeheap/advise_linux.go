//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"syscall"
	"unsafe"
)

const hugePage = 2 << 20

func advise(size int) bool {
	b := make([]byte, size)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(size)) &^ (hugePage - 1)
	if start >= end {
		return false
	}
	return syscall.Madvise(b[start-p:end-p], syscall.MADV_HUGEPAGE) == nil
}
