//go:build !linux

package prefault

import "errors"

func populate(Region) error { return errors.ErrUnsupported }
