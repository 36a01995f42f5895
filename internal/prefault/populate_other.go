//go:build !linux

package prefault

import "errors"

func populate(region) error { return errors.ErrUnsupported }

func fileSize(string) (int64, bool) { return 0, false }
