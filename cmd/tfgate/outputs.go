package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/report"
)

// output is one rendering of a check's report: a format, and the file it
// goes to ("" is standard output).
type output struct {
	format string
	file   string
	// appendTo: add to the end of the file instead of replacing it (the
	// GitHub job summary, which every step of a job appends to).
	appendTo bool
}

func (o output) String() string {
	if o.file == "" {
		return o.format
	}
	return o.format + "=" + o.file
}

// parseOutputs reads the repeatable --format FORMAT[=FILE] and --output
// FILE. Without --format the report is text on standard output. At most one
// output may go to standard output. --output names the file of the one
// format given without a file (`--format json --output r.json` is the same
// as `--format json=r.json`). A file that is the GitHub job summary
// ($GITHUB_STEP_SUMMARY) is appended to; every other file is replaced.
func parseOutputs(formats []string, outputFlag, stepSummary string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	var outs []output
	for _, f := range formats {
		name, file, hasFile := strings.Cut(f, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		if !slices.Contains(report.Formats(), name) {
			return nil, usageError("unknown format %q (valid: %s); write one to a file with --format FORMAT=FILE", name, strings.Join(report.Formats(), ", "))
		}
		if hasFile && file == "" {
			return nil, usageError("--format %s=: the file name is empty (give FORMAT=FILE, or FORMAT alone for standard output)", name)
		}
		if file == "-" {
			file = ""
		}
		outs = append(outs, output{format: name, file: file})
	}
	if outputFlag != "" && outputFlag != "-" {
		var toStdout []int
		for i, o := range outs {
			if o.file == "" {
				toStdout = append(toStdout, i)
			}
		}
		switch {
		case len(toStdout) == 1:
			outs[toStdout[0]].file = outputFlag
		case len(outs) == 1:
			return nil, usageError("--output %s and --format %s both name a file: give one", outputFlag, outs[0])
		case len(toStdout) == 0:
			return nil, usageError("--output %s: every --format already names its file; --output is the file of the one format given without one", outputFlag)
		}
		// Several formats without a file: reported below.
	}
	var stdout []string
	files := map[string]string{}
	for i, o := range outs {
		if o.file == "" {
			stdout = append(stdout, o.format)
			continue
		}
		key := filepath.Clean(o.file)
		if abs, err := filepath.Abs(o.file); err == nil {
			key = abs
		}
		if prev, ok := files[key]; ok {
			return nil, usageError("--format %s and --format %s both write %s: give each its own file", prev, o, o.file)
		}
		files[key] = o.String()
		outs[i].appendTo = stepSummary != "" && sameFile(o.file, stepSummary)
	}
	if len(stdout) > 1 {
		return nil, usageError("--format %s: %d formats write to standard output; at most one may, give the others a file (--format FORMAT=FILE)", strings.Join(stdout, ", --format "), len(stdout))
	}
	return outs, nil
}

// sameFile reports whether two paths name the same file (it may not exist
// yet).
func sameFile(a, b string) bool {
	if ia, err := os.Stat(a); err == nil {
		if ib, err := os.Stat(b); err == nil {
			return os.SameFile(ia, ib)
		}
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}

// writeOutputs renders the one report in every requested format. Each
// rendering is made in memory first, so a format that fails to render
// leaves no half-written file; a file that cannot be written is exit 2
// naming it.
func (c *CLI) writeOutputs(outs []output, rep *report.Report, color bool) error {
	for _, o := range outs {
		r := *rep
		r.Color = o.format == "text" && o.file == "" && color
		// Rendered whole before the first byte is written (report.Prepare).
		write, err := report.Prepare(o.format, &r)
		if err != nil {
			return &exitStatus{code: exitError, err: fmt.Errorf("write %s report: %w", o.format, err)}
		}
		if o.file == "" {
			if err := write(c.Stdout); err != nil {
				return &exitStatus{code: exitError, err: fmt.Errorf("write %s report to standard output: %w", o.format, err)}
			}
			continue
		}
		if err := writeFile(o.file, write, o.appendTo); err != nil {
			return &exitStatus{code: exitError, err: fmt.Errorf("write %s report to %s: %w", o.format, o.file, describeWriteError(err))}
		}
	}
	return nil
}

func writeFile(name string, write func(io.Writer) error, appendTo bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appendTo {
		flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if err != nil {
		return err
	}
	werr := write(f)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}

// describeWriteError keeps the reason of a file-system error without
// repeating the path.
func describeWriteError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
