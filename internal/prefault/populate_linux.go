//go:build linux

package prefault

import "syscall"

// madvPopulateRead is MADV_POPULATE_READ (Linux 5.14): populate the page
// tables of a range, reading it, as if every page had been touched.
const madvPopulateRead = 22

func populate(r region) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, r.Start, r.End-r.Start, madvPopulateRead); errno != 0 {
		return errno
	}
	return nil
}

// fileSize is the size of a regular file, by stat(2).
func fileSize(path string) (int64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return 0, false
	}
	return st.Size, true
}
