package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// normalizeArgs lets flags come before and after paths, as in most command
// line tools: urfave/cli (like Go's flag package) stops at the first
// positional argument, so `tfgate check plan.json --format sarif` would
// take --format for a path. It rewrites a command's arguments to
// FLAGS... -- PATHS..., using the command's own flag definitions to know
// which flags take a value (`--flag value`, `--flag=value`, `-f value`; a
// bool flag takes a value only as `--x=false`). `--` ends the flags: what
// follows is a path even when it starts with `-`; `-` alone (standard
// input) is a path.
//
// A single-value flag given twice (--fail-on low --fail-on high) is a usage
// error rather than a silent override; slice flags (--policy, --param,
// --var, --var-file, --format) are repeatable.
//
// Flags normalizeArgs does not know are passed on unchanged for urfave/cli
// to report.
func normalizeArgs(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	// Global flags (--help, --version) come before the command.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		i++
	}
	if i >= len(args) {
		return args, nil
	}
	cmd := findCommand(app, args[i])
	if cmd == nil {
		return args, nil
	}
	byName := map[string]cli.Flag{}
	for _, f := range append(cmd.Flags, cli.HelpFlag) {
		for _, n := range f.Names() {
			byName[n] = f
		}
	}
	var flags, paths []string
	seen := map[string]string{} // canonical flag name -> first value
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		if a == "--" {
			paths = append(paths, rest[j+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			paths = append(paths, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
		f, ok := byName[name]
		if !ok {
			flags = append(flags, a) // urfave/cli reports it
			continue
		}
		flags = append(flags, a)
		if takesValue(f) && !hasValue {
			if j+1 >= len(rest) {
				break // urfave/cli reports the missing value
			}
			j++
			value = rest[j]
			flags = append(flags, value)
		}
		if repeatable(f) {
			continue
		}
		canonical := f.Names()[0]
		if first, dup := seen[canonical]; dup {
			return nil, usageError("--%s given twice%s: give it once (see tfgate %s --help)", canonical, describeTwice(f, first, value), cmd.Name)
		}
		seen[canonical] = value
	}
	out := append(append([]string{}, args[:i+1]...), flags...)
	if len(paths) > 0 {
		out = append(append(out, "--"), paths...)
	}
	return out, nil
}

func findCommand(app *cli.App, name string) *cli.Command {
	for _, c := range app.Commands {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}

// takesValue reports whether a flag consumes the next argument as its value.
func takesValue(f cli.Flag) bool {
	if dv, ok := f.(cli.DocGenerationFlag); ok {
		return dv.TakesValue()
	}
	return false
}

// repeatable flags collect every occurrence.
func repeatable(f cli.Flag) bool {
	switch f.(type) {
	case *cli.StringSliceFlag, *cli.IntSliceFlag, *cli.Int64SliceFlag, *cli.Float64SliceFlag, *cli.UintSliceFlag, *cli.Uint64SliceFlag:
		return true
	}
	return false
}

func describeTwice(f cli.Flag, first, second string) string {
	if !takesValue(f) {
		return ""
	}
	return " (" + quoteArg(first) + ", then " + quoteArg(second) + ")"
}

func quoteArg(s string) string {
	if s == "" || strings.ContainsAny(s, " \t\"'") {
		return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
	}
	return s
}
