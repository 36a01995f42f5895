// Package input reads one command-line input into documents: it picks the
// reader (plan JSON or saved binary plan: planjson; a directory of .tf
// files: config) and applies the document limits to what it read.
package input

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/config"
	"github.com/tfgate/tfgate/plan/planjson"
)

// Load reads one command-line input: "-" (plan JSON on opts.Stdin), a
// directory of .tf files (configuration: one document per root module), a
// saved binary plan, or plan JSON.
func Load(path string, opts plan.Options) ([]*plan.Document, error) {
	opts.Limits = opts.Limits.WithDefaults()
	docs, err := load(path, opts)
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := plan.CheckDocument(d, opts.Limits); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

func load(path string, opts plan.Options) ([]*plan.Document, error) {
	if path == "-" {
		if opts.Stdin == nil {
			return nil, errors.New("standard input is not available")
		}
		data, err := io.ReadAll(io.LimitReader(opts.Stdin, opts.Limits.InputSize+1))
		if err != nil {
			return nil, fmt.Errorf("read standard input: %w", err)
		}
		if int64(len(data)) > opts.Limits.InputSize {
			e := plan.SizeError("standard input", "input-size", int64(len(data)), opts.Limits.InputSize)
			e.What = ""
			return nil, e
		}
		doc, err := planjson.Read(data, "-", opts)
		if err != nil {
			return nil, err
		}
		return []*plan.Document{doc}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, plan.DescribeFSError(err))
	}
	if info.IsDir() {
		return config.Load(path, opts)
	}
	doc, err := planjson.ReadFile(path, opts)
	if err != nil {
		return nil, err
	}
	return []*plan.Document{doc}, nil
}
