package plan

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Load reads one command-line input: "-" (plan JSON on opts.Stdin), a
// directory of .tf files (configuration: one document per root module), a
// saved binary plan, or plan JSON.
func Load(path string, opts Options) ([]*Document, error) {
	opts.Limits = opts.Limits.withDefaults()
	docs, err := load(path, opts)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := checkDocument(d, opts.Limits); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

func load(path string, opts Options) ([]*Document, error) {
	if path == "-" {
		if opts.Stdin == nil {
			return nil, errors.New("standard input is not available")
		}
		data, err := io.ReadAll(io.LimitReader(opts.Stdin, opts.Limits.InputSize+1))
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		if int64(len(data)) > opts.Limits.InputSize {
			e := sizeError("standard input", "input-size", int64(len(data)), opts.Limits.InputSize)
			e.What = ""
			return nil, e
		}
		doc, err := readPlanData(data, "-", opts)
		if err != nil {
			return nil, err
		}
		return []*Document{doc}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, describeFSError(err))
	}
	if info.IsDir() {
		return LoadConfig(path, opts)
	}
	if err := checkSize(path, "input-size", info.Size(), opts.Limits.InputSize); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, describeFSError(err))
	}
	doc, err := readPlanData(data, path, opts)
	if err != nil {
		return nil, err
	}
	locatePlan(doc, path, opts.ConfigDir)
	return []*Document{doc}, nil
}

func readPlanData(data []byte, path string, opts Options) (*Document, error) {
	if isBinaryPlan(data) {
		if path == "-" {
			return nil, errors.New("standard input holds a saved binary plan: pass the file path instead, or pipe `terraform show -json PLANFILE`")
		}
		shown, err := showBinaryPlan(path, opts.TerraformBin)
		if err != nil {
			return nil, err
		}
		if err := checkSize(fmt.Sprintf("the output of `terraform show -json %s`", path), "input-size", int64(len(shown)), opts.Limits.InputSize); err != nil {
			return nil, err
		}
		data = shown
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		data = data[3:] // a UTF-8 byte order mark (Windows PowerShell redirection)
	}
	return ReadPlanJSON(data, path)
}

// describeFSError keeps the reason of a file-system error without repeating
// the path.
func describeFSError(err error) error {
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

// absOr returns the absolute form of p, or p.
func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
