package plan

import (
	"errors"
	"io/fs"
)

// DescribeFSError keeps the reason of a file-system error without repeating
// the path.
func DescribeFSError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return errors.New("no such file or directory")
		case errors.Is(err, fs.ErrPermission):
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}
