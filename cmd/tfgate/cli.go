package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/tfgate/tfgate/internal/hugeheap"
	"github.com/tfgate/tfgate/internal/prefault"
	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/plan/planjson"
	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

// defaultTimeout bounds the evaluation of one input (--timeout): the
// benchmark plan of 11,000 resources takes about 2.5 s.
const defaultTimeout = 2 * time.Minute

// Exit codes (DESIGN.md).
const (
	exitOK       = 0 // nothing at or above the failure threshold
	exitFindings = 1 // findings at or above the threshold
	exitError    = 2 // something could not be checked
)

// CLI runs tfgate in-process: tests build one with buffers and call Run;
// only main calls os.Exit.
type CLI struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Env    []string // KEY=value pairs, for TF_VAR_name and NO_COLOR
	IsTTY  bool     // stdout is a terminal (colour in text output)

	// Now is the clock waiver expiry dates compare with (nil: time.Now).
	Now func() time.Time

	// SetMemoryLimit and SetGCPercent are runtime/debug's in the command
	// (nil in tests, which share one process): see tuneGC.
	SetMemoryLimit func(int64) int64
	SetGCPercent   func(int) int

	// preload holds the configuration directories main started loading
	// from the raw command line (preloadDirs); nil in tests.
	preload *preload
}

// exitStatus carries an exit code through urfave/cli's error return.
type exitStatus struct {
	code int
	err  error // printed on stderr when not nil
}

func (e *exitStatus) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitStatus) Unwrap() error { return e.err }

// usageError is a bad flag or argument: exit 2 with advice.
func usageError(format string, args ...any) error {
	return &exitStatus{code: exitError, err: fmt.Errorf(format, args...)}
}

// Run executes the command line (args[0] is the program name) and returns
// the exit code. It never panics: a panic inside is reported as an internal
// error with exit 2.
func (c *CLI) Run(args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(c.Stderr, "tfgate: internal error: %v (please report this with the input that caused it)\n", r)
			code = exitError
		}
	}()
	app := c.app()
	err := error(nil)
	if args, err = normalizeArgs(app, args); err == nil {
		err = app.Run(args)
	}
	if err == nil {
		return exitOK
	}
	var st *exitStatus
	if errors.As(err, &st) {
		if st.err != nil {
			fmt.Fprintf(c.Stderr, "tfgate: %s\n", strings.TrimRight(st.err.Error(), "\n"))
		}
		return st.code
	}
	// Errors from urfave/cli itself: unknown flags, missing values.
	fmt.Fprintf(c.Stderr, "tfgate: %s\n", err)
	return exitError
}

func (c *CLI) getenv(key string) (string, bool) {
	for _, kv := range c.Env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

func (c *CLI) app() *cli.App {
	policyFlags := []cli.Flag{
		&cli.StringSliceFlag{Name: "policy", Aliases: []string{"p"}, Usage: "directory of your own Rego policies (repeatable)"},
		&cli.StringSliceFlag{Name: "param", Usage: "policy parameter `name=value`; value is JSON where it parses, else a comma-separated list (repeatable)"},
		&cli.BoolFlag{Name: "rego-v0", Usage: "parse the --policy directories as Rego v0 (rules without if/contains, as OPA before 1.0 wrote them)"},
		&cli.StringFlag{Name: "policy-input", Value: "document", Usage: "what the --policy directories' policies receive: document (tfgate's), plan-json (the raw terraform show -json, as conftest gives it) or hcp-terraform (input.plan, as HCP Terraform policy sets give it)"},
	}
	inputFlags := []cli.Flag{
		&cli.StringFlag{Name: "config-dir", Usage: "directory of the .tf files a plan was made from (for source locations; default: beside the plan)"},
		&cli.StringFlag{Name: "terraform", Usage: "terraform or tofu executable used to read saved binary plans", Value: defaultTerraform},
		&cli.StringSliceFlag{Name: "var", Usage: "configuration input: set variable `name=value` (repeatable)"},
		&cli.StringSliceFlag{Name: "var-file", Usage: "configuration input: read variables from a .tfvars file (repeatable)"},
		&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "configuration input: check every root module under each directory"},
		&cli.StringSliceFlag{Name: "limit", Usage: "raise an input limit, `NAME=VALUE`: input-size (512MiB), file-size (32MiB), string-size (16MiB), resources (100000), depth (100), instances (100000); see docs/security.md (repeatable)"},
	}
	inputFlags = append(inputFlags, configFlags()...)
	checkFlags := append([]cli.Flag{
		&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "output `FORMAT[=FILE]`: " + strings.Join(report.Formats(), ", ") + "; repeatable, one report per --format from the same run; without =FILE to standard output (at most one); default text"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the one --format given without =FILE to `FILE` instead of standard output"},
		&cli.StringFlag{Name: "fail-on", Value: "low", Usage: "exit 1 when a finding is at or above `SEVERITY`: low, medium, high, critical, never"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the failed findings at or above --fail-on (text output: no indeterminate findings, notices or summary line) and errors"},
		&cli.BoolFlag{Name: "fail-on-new", Usage: "exit 1 only for findings this change introduces: a plan's findings are compared with the state before it; configuration with --baseline (without one, every finding counts as new)"},
		&cli.StringFlag{Name: "baseline", Usage: "a tfgate SARIF or json report `FILE` (from the main branch): findings whose fingerprints are in it count as existing"},
		&cli.BoolFlag{Name: "no-color", Usage: "no colour in text output (also: NO_COLOR set to any non-empty value)"},
		&cli.DurationFlag{Name: "timeout", Value: defaultTimeout, Usage: "stop evaluating one input after `DURATION` (30s, 5m; 0: no limit) with exit 2, naming the policy that was running"},
		&cli.StringFlag{Name: "base-dir", Usage: "directory that SARIF and annotation paths are relative to (default: the git repository root, else the working directory)"},
	}, append(policyFlags, inputFlags...)...)

	return &cli.App{
		Name:  "tfgate",
		Usage: "check Terraform changes before they are applied",
		Description: examples(
			"tfgate check plan.json",
			"tfgate check . --format sarif=results.sarif --format text",
			"tfgate rules --framework aws-fsbp",
			"tfgate completion bash > ~/.local/share/bash-completion/completions/tfgate",
		) + "\n\nFlags may come before or after paths; -- ends the flags. Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 something could not be checked.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version, commit, build date, Go and OPA versions"},
		},
		Action: func(ctx *cli.Context) error {
			if ctx.Bool("version") {
				return writeVersion(c.Stdout)
			}
			if ctx.NArg() > 0 {
				return usageError("no command %q (commands: check, inspect, rules, test, init, version, completion; see tfgate --help)", ctx.Args().First())
			}
			return cli.ShowAppHelp(ctx)
		},
		Reader:          c.Stdin,
		Writer:          c.Stdout,
		ErrWriter:       c.Stderr,
		HideHelpCommand: true,
		// --param required_tags=Owner,CostCenter: commas belong to the value.
		DisableSliceFlagSeparator: true,
		ExitErrHandler:            func(*cli.Context, error) {}, // exit codes are ours: never os.Exit inside the library
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError("%v (see tfgate --help)", err)
		},
		Commands: []*cli.Command{
			{
				Name:      "check",
				Usage:     "check plans or configuration directories and report findings",
				ArgsUsage: "[PATH ...]  (plan JSON, saved binary plan, directory of .tf files, .tf/.tfvars files (each stands for its directory), or - for stdin; default .)",
				Description: examples(
					"tfgate check plan.json",
					"terraform show -json tfplan | tfgate check -",
					"tfgate check . --fail-on high",
					"tfgate check plan.json --format sarif=results.sarif --format text",
					"tfgate check plan.json --format sarif=results.sarif --format markdown=\"$GITHUB_STEP_SUMMARY\" --format github",
					"tfgate check modules/a/main.tf modules/a/variables.tf   (checks modules/a once)",
					"tfgate check -q --param required_tags=Owner,CostCenter infra/",
				) + "\n\nA markdown, json, ... file named by --format FORMAT=FILE is replaced, except the GitHub job summary ($GITHUB_STEP_SUMMARY), which is appended to. --quiet: " + quietHelp,
				Flags:  checkFlags,
				Action: c.check,
				OnUsageError: func(_ *cli.Context, err error, _ bool) error {
					return usageError("%v (see tfgate check --help)", err)
				},
			},
			{
				Name:      "inspect",
				Usage:     "print the documents that policies receive as input (JSON)",
				ArgsUsage: "PATH",
				Description: examples(
					"tfgate inspect plan.json",
					"tfgate inspect . --var region=eu-west-1",
				),
				Flags:  inputFlags,
				Action: c.inspect,
			},
			{
				Name:      "rules",
				Usage:     "list the rules, or show one rule's documentation",
				ArgsUsage: "[ID]",
				Description: examples(
					"tfgate rules",
					"tfgate rules TFG-AWS-EGRESS-001",
					"tfgate rules --framework nist-800-53:SC-28 --format json",
					"tfgate rules --cloud aws --family encryption",
				),
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: " + strings.Join(report.CatalogueFormats(), ", ") + " (for one rule, markdown is its docs page)"},
					&cli.StringFlag{Name: "framework", Usage: "list only rules mapped to framework `KEY` (nist-800-53, aws-fsbp, ...) or to one of its controls, KEY:CONTROL (aws-fsbp:S3.8, nist-800-53:SC-28)"},
					&cli.StringFlag{Name: "family", Usage: "list only rules of `FAMILY` (encryption, exposure, tagging, ...)"},
					&cli.StringFlag{Name: "cloud", Usage: "list only rules for `CLOUD` (aws, azurerm or azure, google or gcp)"},
				}, append(policyFlags, configFlags()...)...),
				Action: c.rules,
			},
			{
				Name:      "test",
				Usage:     "run Rego policy unit tests (*_test.rego) of the library and of the given directories, and their fixture cases (directories with expect.yaml)",
				ArgsUsage: "[DIR ...]",
				Description: "Loads the policy directories of .tfgate.yaml (with their rego_version and input) and the DIRs (with --rego-v0 and --policy-input), runs their *_test.rego files with the library's, then every fixture case (a directory with expect.yaml) under the DIRs, or under the file's policy directories when no DIR is given.\n\n" + examples(
					"tfgate test",
					"tfgate test policies/",
					"tfgate test --no-config --rego-v0 policies/legacy",
				),
				Flags:  append(policyFlags[1:], configFlags()...),
				Action: c.test,
			},
			c.initCommand(),
			{
				Name:        "version",
				Usage:       "print the version, commit, build date, Go and OPA versions",
				Description: examples("tfgate version", "tfgate --version"),
				Action: func(ctx *cli.Context) error {
					if ctx.NArg() > 0 {
						return usageError("version takes no arguments")
					}
					return writeVersion(c.Stdout)
				},
			},
			{
				Name:      "completion",
				Usage:     "print a shell completion script: bash, zsh or fish",
				ArgsUsage: "bash|zsh|fish",
				Description: examples(
					"source <(tfgate completion bash)",
					"tfgate completion bash > ~/.local/share/bash-completion/completions/tfgate",
					"tfgate completion zsh > \"${fpath[1]}/_tfgate\"",
					"tfgate completion fish > ~/.config/fish/completions/tfgate.fish",
				),
				Action: c.completion,
			},
		},
	}
}

// parseParams reads --param name=value flags. The value is JSON when it
// parses as JSON, otherwise a comma-separated list of strings.
func parseParams(flags []string) (map[string]any, error) {
	params := map[string]any{}
	for _, f := range flags {
		name, raw, ok := strings.Cut(f, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usageError("--param %q: want name=value, for example --param required_tags=Owner,CostCenter", f)
		}
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			var list []any
			for _, item := range strings.Split(raw, ",") {
				if item = strings.TrimSpace(item); item != "" {
					list = append(list, item)
				}
			}
			if list == nil {
				list = []any{}
			}
			v = list
		}
		params[name] = v
	}
	return params, nil
}

func parseVars(flags []string) (map[string]string, error) {
	vars := map[string]string{}
	for _, f := range flags {
		name, value, ok := strings.Cut(f, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, usageError("--var %q: want name=value", f)
		}
		vars[strings.TrimSpace(name)] = value
	}
	return vars, nil
}

// loadOptions reads the input options of the command line and the
// configuration file; with none of them set it must give
// defaultLoadOptions, the options of a preload (TestPreload fails when
// they drift apart: no preload would be taken).
func (c *CLI) loadOptions(ctx *cli.Context) (opts plan.Options, err error) {
	cfg, err := c.config(ctx)
	if err != nil {
		return plan.Options{}, err
	}
	defer func() { cfg.applyInputOptions(ctx, &opts) }()
	vars, err := parseVars(ctx.StringSlice("var"))
	if err != nil {
		return plan.Options{}, err
	}
	var limits plan.Limits
	for _, l := range ctx.StringSlice("limit") {
		if err := limits.Set(l); err != nil {
			return plan.Options{}, usageError("--limit %v", err)
		}
	}
	return plan.Options{
		Limits:       limits,
		Stdin:        c.Stdin,
		TerraformBin: ctx.String("terraform"),
		ConfigDir:    ctx.String("config-dir"),
		Vars:         vars,
		VarFiles:     ctx.StringSlice("var-file"),
		Env:          c.Env,
		Recursive:    ctx.Bool("recursive"),
	}, nil
}

// loadAll reads every input into documents; any failure is exit 2.
func (c *CLI) loadAll(inputs []string, opts plan.Options) ([]*plan.Document, error) {
	var docs []*plan.Document
	stdinUsed := false
	for _, p := range inputs {
		if p == "-" {
			if stdinUsed {
				return nil, usageError("standard input (-) given more than once")
			}
			stdinUsed = true
		}
		ds, err, ok := c.preload.take(p, opts)
		if !ok {
			ds, err = input.Load(p, opts)
		}
		if err != nil {
			return nil, &exitStatus{code: exitError, err: err}
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

type loadResult struct {
	docs []*plan.Document
	err  error
}

// loadAllAsync runs loadAll on its own goroutine; a panic there becomes an
// internal error, as one in Run does.
func (c *CLI) loadAllAsync(inputs []string, opts plan.Options) <-chan loadResult {
	out := make(chan loadResult, 1)
	go func() {
		var res loadResult
		defer func() {
			if r := recover(); r != nil {
				res = loadResult{err: &exitStatus{code: exitError, err: fmt.Errorf("internal error: %v (please report this with the input that caused it)", r)}}
			}
			out <- res
		}()
		res.docs, res.err = c.loadAll(inputs, opts)
	}()
	return out
}

// peekMaxBytes bounds the plan files peekAsync reads ahead of the loader
// (the read is the loader's again): above it the compilation the peek
// would start early is not what a run waits for (docs/benchmarks.md).
const peekMaxBytes = 8 << 20

// peekAsync guesses, concurrently, the resource types of a single plan
// JSON input from its bytes (planjson.PeekFile); nil when there is more
// than one input or the input is not a plan JSON file of at most
// peekMaxBytes.
func peekAsync(inputs []string) <-chan *planjson.Peek {
	out := make(chan *planjson.Peek, 1)
	if len(inputs) != 1 {
		out <- nil
		return out
	}
	go func() {
		defer func() {
			if r := recover(); r != nil {
				out <- nil // only a guess: the loader reports what is wrong
			}
		}()
		if p, ok := planjson.PeekFile(inputs[0], peekMaxBytes); ok {
			out <- &p
			return
		}
		out <- nil
	}()
	return out
}

// memoryLimit is the soft memory limit of a run over plan JSON of n
// bytes in all, 0 for none (inputs under 8 MiB). A plan's document and
// its Rego value live to the end of the run, about six times the JSON;
// evaluation and the reports then double the heap before the collector
// runs again (GOGC=100). Ten times the JSON lets the heap grow 60% above
// what stays live instead: on 11,000 resources (20 MiB of JSON) the peak
// RSS goes from 277 to 222 MB, for 3 to 7% more time (docs/benchmarks.md).
// It is a soft limit: a larger need only makes the collector run more
// often (Go caps it at half the CPU), never fails the run.
func memoryLimit(n int64) int64 {
	if n < largeInput {
		return 0
	}
	return 10 * n
}

// largeInput is the size of plan JSON from which a run limits its memory
// (memoryLimit) rather than collecting less often (smallGCPercent); from
// the same size of input file internal/prefault leaves the binary's pages
// to be faulted in as they are touched.
const largeInput = prefault.LargeFile

// smallGCPercent is the GOGC of a run over less than largeInput of plan
// files (or a configuration directory): its heap is tens of MB, most of
// it compiling and evaluating, and collecting it half as often saves more
// than the little memory it costs: 1,100 resources 254 -> 235 ms, 60 ->
// 65 MB; fixtures/tagging as a directory 91 -> 85 ms (21 alternating runs
// each, docs/benchmarks.md). GOGC 150 and 400 were slower.
const smallGCPercent = 200

// tinyInput is the size of input (plan files, and the Terraform files of
// configuration directories: inputBytes) below which a run does not
// collect at all (tinyMemoryLimit): a pre-commit hook over a few modules
// allocates a few tens of MB, and a collection costs it more than the
// memory: fixtures/tagging as a directory 77.6 -> 70.3 ms and 36 -> 38 MB
// (50 alternating runs, docs/benchmarks.md).
const tinyInput = 1 << 20

// tinyMemoryLimit is the soft memory limit of a tiny run, which does not
// collect under it (GOGC off): the address space hugeheap reserved at
// start-up (free after the first collection, but counted as the
// runtime's until it is returned) and 128 MiB. A tiny input that
// expands to more (count over a large range) is collected as it reaches
// the limit.
const tinyMemoryLimit = hugeheap.Size + 128<<20

// tuneGC sets the collector for the inputs' size: memoryLimit for large
// plan files, no collection under tinyMemoryLimit for tiny inputs,
// smallGCPercent otherwise, unless the user chose (GOMEMLIMIT, GOGC).
func (c *CLI) tuneGC(inputs []string) {
	n, known := inputBytes(inputs)
	if limit := memoryLimit(n); limit > 0 {
		if _, set := c.getenv("GOMEMLIMIT"); !set && c.SetMemoryLimit != nil {
			c.SetMemoryLimit(limit)
		}
		return
	}
	if _, set := c.getenv("GOGC"); set || c.SetGCPercent == nil {
		return
	}
	if known && n < tinyInput {
		c.SetGCPercent(-1)
		if _, set := c.getenv("GOMEMLIMIT"); !set && c.SetMemoryLimit != nil {
			c.SetMemoryLimit(tinyMemoryLimit)
		}
		return
	}
	c.SetGCPercent(smallGCPercent)
}

// inputBytes is the size of the inputs: of each regular file, and of the
// Terraform files directly in each directory (not its subdirectories).
// known is false when an input's size cannot be told (standard input,
// an unreadable path).
func inputBytes(inputs []string) (n int64, known bool) {
	known = true
	for _, in := range inputs {
		fi, err := os.Stat(in)
		switch {
		case err != nil || in == "-":
			known = false
		case fi.Mode().IsRegular():
			n += fi.Size()
		case fi.IsDir():
			entries, err := os.ReadDir(in)
			if err != nil {
				known = false
				continue
			}
			for _, e := range entries {
				if e.IsDir() || !isTerraformFile(e.Name()) {
					continue
				}
				if info, err := e.Info(); err == nil {
					n += info.Size()
				}
			}
		default:
			known = false
		}
	}
	return n, known
}

// examples formats a command's help examples.
func examples(lines ...string) string {
	return "Examples:\n  " + strings.Join(lines, "\n  ")
}

const quietHelp = "print only what makes the run fail. Text output lists the failed findings at or above --fail-on and nothing else: no indeterminate findings, no notices (rules not evaluated, skipped inputs), no summary line, so a passing run prints nothing. Errors still go to standard error and the exit status is unchanged. Other formats (json, sarif, github, markdown, junit) are data and are written in full."

func (c *CLI) engine(ctx *cli.Context) (*rules.Engine, error) {
	params, err := parseParams(ctx.StringSlice("param"))
	if err != nil {
		return nil, err
	}
	cfg, err := c.config(ctx)
	if err != nil {
		return nil, err
	}
	params = cfg.mergeParams(params)
	cfgDirs, err := cfg.policyDirs()
	if err != nil {
		return nil, err
	}
	dirs, err := policyDirs(ctx, ctx.StringSlice("policy"))
	if err != nil {
		return nil, err
	}
	timeout := ctx.Duration("timeout")
	if timeout < 0 {
		return nil, usageError("--timeout %s: give a positive duration (30s, 5m) or 0 for none", timeout)
	}
	// check reads no document's values after evaluating it (locations and
	// addresses only): the engine may release them (ReleaseValues).
	e, err := rules.New(ctx.Context, rules.Options{Policies: append(cfgDirs, dirs...), Params: params, Timeout: timeout, ReleaseValues: true})
	if err != nil {
		return nil, &exitStatus{code: exitError, err: err}
	}
	if err := cfg.checkRuleIDs(e.Rules()); err != nil {
		return nil, &exitStatus{code: exitError, err: err}
	}
	return e, nil
}

// policyDirs gives policy directories the settings of --rego-v0 and
// --policy-input.
func policyDirs(ctx *cli.Context, paths []string) ([]rules.PolicyDir, error) {
	kind, err := rules.ParseInputKind(ctx.String("policy-input"))
	if err != nil {
		return nil, usageError("--policy-input: %v", err)
	}
	var out []rules.PolicyDir
	for _, p := range paths {
		out = append(out, rules.PolicyDir{Path: p, RegoV0: ctx.Bool("rego-v0"), Input: kind})
	}
	return out, nil
}

func (c *CLI) check(ctx *cli.Context) error {
	cfg, err := c.config(ctx)
	if err != nil {
		return err
	}
	stepSummary, _ := c.getenv("GITHUB_STEP_SUMMARY")
	outs, err := parseOutputs(ctx.StringSlice("format"), ctx.String("output"), stepSummary)
	if err != nil {
		return err
	}
	failOn, err := rules.ParseSeverity(ctx.String("fail-on"))
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	if !ctx.IsSet("fail-on") && cfg.FailOn != 0 {
		failOn = cfg.FailOn
	}
	opts, err := c.loadOptions(ctx)
	if err != nil {
		return err
	}
	paths := ctx.Args().Slice()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	inputs, inputNotices := resolveInputs(paths, opts.VarFiles)
	c.tuneGC(inputs)
	// The inputs are read while the policies compile. A broken policy is
	// reported even when an input is also broken.
	loaded := c.loadAllAsync(inputs, opts)
	peeked := peekAsync(inputs)
	eng, err := c.engine(ctx)
	if p := <-peeked; p != nil && err == nil {
		// The rules the plan's types select compile while it is decoded.
		eng.Anticipate(ctx.Context, p.Types, p.Providers, p.Changes)
	}
	ld := <-loaded
	if err != nil {
		return err
	}
	docs, err := ld.docs, ld.err
	if err != nil {
		return err
	}
	if !eng.ReadsPlanJSON() {
		// No policy reads the raw plan: its bytes (often the largest
		// single allocation of a run) need not stay alive while rules run.
		for _, d := range docs {
			d.PlanJSON = nil
		}
	}

	rep := &report.Report{
		ToolVersion: toolVersion(),
		Rules:       eng.Rules(),
		Sources:     inputs,
		FailOn:      failOn,
		Notices:     append(inputNotices, notEvaluatedInScope(eng, docs)...),
		Quiet:       ctx.Bool("quiet"),
		FailOnNew:   ctx.Bool("fail-on-new"),
	}
	var baseline report.Baseline
	if path := ctx.String("baseline"); path != "" {
		if baseline, err = report.ReadBaseline(path); err != nil {
			return &exitStatus{code: exitError, err: fmt.Errorf("--baseline: %w", err)}
		}
	}
	for _, d := range docs {
		// A plan's findings are classified against the state before it.
		res, err := eng.EvaluateChange(ctx.Context, d)
		if err != nil {
			return &exitStatus{code: exitError, err: fmt.Errorf("evaluate %s: %w", d.Source.Path, err)}
		}
		rep.Findings = append(rep.Findings, res.Findings...)
		rep.Fixed = append(rep.Fixed, res.Fixed...)
		rep.Notices = append(rep.Notices, res.Notices...)
		rep.Resources += len(d.Resources)
	}
	if baseline != nil {
		baseline.Apply(rep.Findings)
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	if err := cfg.applyToReport(rep, docs, now()); err != nil {
		return err
	}
	rules.SortFindings(rep.Findings)
	rules.SortFindings(rep.Fixed)
	if rep.FailOnNew && baseline == nil {
		for _, d := range docs {
			if d.Source.Kind == plan.KindConfig {
				rep.Notices = append(rep.Notices, rules.Notice{Code: "no-baseline", Source: d.Source.Path,
					Message: "--fail-on-new: " + d.Source.Path + " is configuration, which has no state before the change: every finding counts as new (give --baseline FILE, a report from the main branch)"})
			}
		}
	}
	if n := sarifCut(outs, rep); n != "" {
		fmt.Fprintf(c.Stderr, "tfgate: %s\n", n)
	}
	if rep.BaseDir, err = baseDir(ctx.String("base-dir")); err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	// NO_COLOR: any non-empty value disables colour (no-color.org).
	noColor, _ := c.getenv("NO_COLOR")
	color := c.IsTTY && noColor == "" && !ctx.Bool("no-color")
	if err := c.writeOutputs(outs, rep, color); err != nil {
		return err
	}
	for _, f := range rep.Findings {
		if rep.Fails(f) {
			return &exitStatus{code: exitFindings}
		}
	}
	return nil
}

// sarifCut adds a notice to the report, and returns it, when a SARIF
// output cannot carry every finding (GitHub's limit of results per run):
// the other outputs of the run then say what the SARIF file left out and
// where the whole report is.
func sarifCut(outs []output, rep *report.Report) string {
	_, dropped := report.SARIFResults(rep.Findings)
	if dropped == 0 {
		return ""
	}
	var sarif, whole []string
	for _, o := range outs {
		name := o.file
		if name == "" {
			name = "standard output"
		}
		if o.format == "sarif" {
			sarif = append(sarif, name)
		} else {
			whole = append(whole, o.format+" ("+name+")")
		}
	}
	if len(sarif) == 0 {
		return ""
	}
	where := "give --format json=FILE for a report of every finding"
	if len(whole) > 0 {
		where = "every finding is in " + strings.Join(whole, ", ")
	}
	msg := fmt.Sprintf("SARIF %s: %d of %d findings left out (GitHub code scanning accepts at most %d results per run; the most severe failures are kept); %s",
		strings.Join(sarif, ", "), dropped, len(rep.Findings), report.MaxSARIFResults, where)
	rep.Notices = append(rep.Notices, rules.Notice{Code: "sarif-results-cut", Message: msg})
	return msg
}

// baseDir is the directory report paths are relative to: the flag, else
// the enclosing git repository's root, else the working directory.
func baseDir(flag string) (string, error) {
	if flag != "" {
		abs, err := filepath.Abs(flag)
		if err != nil {
			return "", fmt.Errorf("--base-dir %s: %w", flag, err)
		}
		return abs, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return wd, nil
		}
	}
}

func (c *CLI) inspect(ctx *cli.Context) error {
	if ctx.NArg() != 1 {
		return usageError("inspect takes exactly one PATH (plan JSON, saved plan, directory or -)")
	}
	opts, err := c.loadOptions(ctx)
	if err != nil {
		return err
	}
	inputs, notices := resolveInputs(ctx.Args().Slice(), opts.VarFiles)
	for _, n := range notices {
		fmt.Fprintf(c.Stderr, "tfgate: notice: %s\n", n.Message)
	}
	docs, err := c.loadAll(inputs, opts)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.Stdout)
	enc.SetIndent("", "  ")
	var v any = docs
	if len(docs) == 1 {
		v = docs[0]
	}
	if err := enc.Encode(v); err != nil {
		return &exitStatus{code: exitError, err: fmt.Errorf("write documents: %w", err)}
	}
	return nil
}

func (c *CLI) rules(ctx *cli.Context) error {
	format := ctx.String("format")
	if !slices.Contains(report.CatalogueFormats(), format) {
		return usageError("unknown format %q for rules (valid: %s)", format, strings.Join(report.CatalogueFormats(), ", "))
	}
	if ctx.NArg() > 1 {
		return usageError("rules takes at most one rule ID")
	}
	eng, err := c.engine(ctx)
	if err != nil {
		return err
	}
	if id := ctx.Args().First(); id != "" {
		if ctx.IsSet("framework") || ctx.IsSet("family") || ctx.IsSet("cloud") {
			return usageError("--framework, --family and --cloud select rules to list; give them without a rule ID")
		}
		r, ok := eng.Rule(id)
		if !ok {
			return usageError("no rule %q (list them with tfgate rules)", id)
		}
		switch format {
		case "json":
			enc := json.NewEncoder(c.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		case "markdown":
			return report.WriteRulePage(c.Stdout, r)
		}
		return report.WriteRuleDoc(c.Stdout, r)
	}
	cfg, err := c.config(ctx)
	if err != nil {
		return err
	}
	all, _ := applyRuleSettings(cfg.Rules, eng.Rules(), nil)
	sel, filter, err := ruleSelector(ctx, all)
	if err != nil {
		return err
	}
	opts := report.CatalogueOptions{}
	if !sel.Empty() {
		opts.Total, opts.Filter = len(all), filter
	}
	if sel.Framework != "" {
		opts.Framework = sel.Framework
	}
	return report.WriteCatalogue(c.Stdout, format, rules.Select(all, sel), opts)
}

// ruleSelector reads --framework KEY[:CONTROL], --family and --cloud. A
// framework, family or cloud that no rule of the catalogue has is exit 2
// with the known ones listed (a typo must not look like "no rules"); a
// known framework with an unmapped control is an empty list.
func ruleSelector(ctx *cli.Context, all []rules.Rule) (rules.Selector, string, error) {
	var sel rules.Selector
	var filter []string
	if fw := strings.TrimSpace(ctx.String("framework")); fw != "" {
		key, control, _ := strings.Cut(fw, ":")
		key, control = strings.TrimSpace(key), strings.TrimSpace(control)
		known := rules.FrameworkKeys(all)
		i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, key) })
		if i < 0 {
			return sel, "", usageError("--framework %q: no rule maps to framework %q (known: %s); add :CONTROL for one control, e.g. nist-800-53:SC-28", fw, key, listOrNone(known))
		}
		sel.Framework, sel.Control = known[i], control
		f := "framework " + known[i]
		if control != "" {
			f += ":" + control
		}
		filter = append(filter, f)
	} else if ctx.IsSet("framework") {
		return sel, "", usageError("--framework needs a framework key (known: %s)", listOrNone(rules.FrameworkKeys(all)))
	}
	if ctx.IsSet("family") {
		fam := strings.TrimSpace(ctx.String("family"))
		known := rules.Families(all)
		i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, fam) })
		if i < 0 {
			return sel, "", usageError("--family %q: no rule has that family (known: %s)", fam, listOrNone(known))
		}
		sel.Family = known[i]
		filter = append(filter, "family "+known[i])
	}
	if ctx.IsSet("cloud") {
		cloud := rules.CloudName(ctx.String("cloud"))
		known := rules.Clouds(all)
		if !slices.Contains(known, cloud) {
			return sel, "", usageError("--cloud %q: no rule is for that cloud (known: %s)", ctx.String("cloud"), listOrNone(known))
		}
		sel.Cloud = cloud
		filter = append(filter, "cloud "+cloud)
	}
	return sel, strings.Join(filter, ", "), nil
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}

// testDirs are the policy directories tfgate test loads: those of the
// configuration file with their settings, then each DIR not already among
// or inside them, with the flags' settings. Cases are looked for under the
// DIRs, or under the file's policy directories when no DIR is given.
func (c *CLI) testDirs(ctx *cli.Context, params map[string]any) ([]rules.PolicyDir, []string, map[string]any, error) {
	cfg, err := c.config(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	dirs, err := cfg.policyDirs()
	if err != nil {
		return nil, nil, nil, err
	}
	args, err := policyDirs(ctx, ctx.Args().Slice())
	if err != nil {
		return nil, nil, nil, err
	}
	covered := func(p string) bool {
		abs, _ := filepath.Abs(p)
		for _, d := range dirs {
			root, _ := filepath.Abs(d.Path)
			if rel, err := filepath.Rel(root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return true
			}
		}
		return false
	}
	roots := ctx.Args().Slice()
	if len(roots) == 0 {
		for _, d := range dirs {
			roots = append(roots, d.Path)
		}
	}
	for _, a := range args {
		if !covered(a.Path) {
			dirs = append(dirs, a)
		}
	}
	return dirs, roots, cfg.mergeParams(params), nil
}

func (c *CLI) test(ctx *cli.Context) error {
	params, err := parseParams(ctx.StringSlice("param"))
	if err != nil {
		return err
	}
	dirs, caseRoots, params, err := c.testDirs(ctx, params)
	if err != nil {
		return err
	}
	// A broken expect.yaml is reported before the Rego tests run.
	caseDirs, err := rules.FindCases(caseRoots)
	if err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	for _, d := range caseDirs {
		if _, err := rules.ReadCase(d); err != nil {
			return &exitStatus{code: exitError, err: err}
		}
	}
	passed, failed, out, err := rules.RunPolicyTests(ctx.Context, dirs, true)
	if err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	fmt.Fprint(c.Stdout, out)
	results, err := rules.RunCases(ctx.Context, caseDirs, rules.CaseOptions{
		Policies: dirs, Params: params, Load: plan.Options{TerraformBin: defaultTerraform, Env: c.Env},
	})
	if err != nil {
		return &exitStatus{code: exitError, err: err}
	}
	casesFailed := 0
	for _, r := range results {
		if r.Passed() {
			fmt.Fprintf(c.Stdout, "PASS case %s\n", r.Dir)
			continue
		}
		casesFailed++
		fmt.Fprintf(c.Stdout, "FAIL case %s\n", r.Dir)
		for _, p := range r.Problems {
			fmt.Fprintf(c.Stdout, "    %s\n", p)
		}
	}
	fmt.Fprintf(c.Stdout, "PASS: %d/%d Rego tests, %d/%d fixture cases\n", passed, passed+failed, len(results)-casesFailed, len(results))
	if failed+casesFailed > 0 {
		return &exitStatus{code: exitFindings, err: fmt.Errorf("%d Rego test(s) and %d fixture case(s) failed", failed, casesFailed)}
	}
	return nil
}

// notEvaluatedInScope is the engine's notices without those of built-in
// rules for a cloud none of the documents has a resource of: an AWS plan
// is not told that the Azure and Google rules lack a parameter.
func notEvaluatedInScope(eng *rules.Engine, docs []*plan.Document) []rules.Notice {
	clouds := map[string]bool{}
	cloud := func(name string) string {
		switch name = rules.CloudName(name); name {
		case "azapi":
			return "azurerm" // the Azure rules cover azapi resources
		case "google-beta":
			return "google"
		}
		return name
	}
	for _, d := range docs {
		for _, r := range d.Resources {
			clouds[cloud(r.Provider.Name)] = true
			if p, _, ok := strings.Cut(r.Type, "_"); ok {
				clouds[cloud(p)] = true
			}
		}
	}
	builtinCloud := map[string]bool{"aws": true, "azurerm": true, "google": true}
	var out []rules.Notice
	for _, n := range eng.Notices() {
		if n.Code == "rule-not-evaluated" && n.RuleID != "" {
			if r, ok := eng.Rule(n.RuleID); ok && r.Builtin && builtinCloud[r.Provider] && !clouds[r.Provider] {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}
