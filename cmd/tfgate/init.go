package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"
)

// starterConfig is what `tfgate init` writes: every key, the common ones
// set to their defaults, the rest commented out with an example.
const starterConfig = `# yaml-language-server: $schema=https://raw.githubusercontent.com/tfgate/tfgate/main/library/schema/config.json
#
# tfgate configuration. tfgate finds this file by walking up from the path
# it checks (or takes --config FILE); command-line flags override it.
# Every key: https://github.com/tfgate/tfgate/blob/main/docs/configuration.md

# Exit 1 when a failed finding is at or above this severity:
# low, medium, high, critical, or never.
fail_on: low

# Policy parameters (data.tfgate.params). Rules that need a parameter are
# reported "not evaluated" until it is set. List them: tfgate rules
params:
  # required_tags: [Owner, CostCenter]
  # allowed_regions: [eu-west-1]
  # allowed_egress_cidrs: [10.0.0.0/8]

# Per-rule settings: off, or a severity override.
rules:
  # TFG-AWS-ENC-003: {severity: low}
  # TFG-AWS-TAG-001: off

# Your own Rego policies, relative to this file.
policies:
  # - path: policies/ours            # tfgate or per-resource style, Rego v1
  # - path: policies/legacy
  #   rego_version: v0               # Rego written before OPA 1.0
  # - path: policies/conftest
  #   input: plan-json               # conftest policies over terraform show -json
  # - path: policies/hcp
  #   input: hcp-terraform           # HCP Terraform policy sets (input.plan)

# Reviewed, time-limited exceptions. A waived finding is still reported, as
# suppressed, and does not fail the run. Inline, above a resource block or
# attribute in a .tf file:
#   # tfgate:ignore TFG-AWS-EGRESS-001 expires=2027-03-31 egress proxy, SEC-142
waivers:
  # - rule: TFG-AWS-EGRESS-001
  #   resource: "module.edge.aws_security_group.*"
  #   reason: "egress proxy, reviewed in SEC-142"
  #   expires: 2027-03-31
  #   owner: platform-team           # optional
  #   ticket: SEC-142                # optional

# Configuration input (directories of .tf files rather than plans).
var_files:
  # - env/prod.tfvars
recursive: false                     # check every root module below the path
`

// initConfig writes a starter .tfgate.yaml into the directory given (or
// the working directory); it refuses to replace an existing file without
// --force.
func (c *CLI) initConfig(ctx *cli.Context) error {
	if ctx.NArg() > 1 {
		return usageError("init takes at most one DIR")
	}
	dir := ctx.Args().First()
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageError("init: %s is not a directory", dir)
	}
	// An existing .tfgate.yml is the file to replace (never a second one).
	path := filepath.Join(dir, configNames[0])
	for _, name := range configNames {
		other := filepath.Join(dir, name)
		if _, err := os.Stat(other); err == nil {
			if !ctx.Bool("force") {
				return &exitStatus{code: exitError, err: fmt.Errorf("%s already exists: edit it, or replace it with tfgate init --force", other)}
			}
			path = other
			break
		}
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if ctx.Bool("force") {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &exitStatus{code: exitError, err: fmt.Errorf("%s already exists: edit it, or replace it with tfgate init --force", path)}
		}
		return &exitStatus{code: exitError, err: fmt.Errorf("write %s: %w", path, err)}
	}
	if _, err := f.WriteString(starterConfig); err != nil {
		f.Close()
		return &exitStatus{code: exitError, err: fmt.Errorf("write %s: %w", path, err)}
	}
	if err := f.Close(); err != nil {
		return &exitStatus{code: exitError, err: fmt.Errorf("write %s: %w", path, err)}
	}
	fmt.Fprintf(c.Stdout, "wrote %s: set params and policies, then run tfgate check\n", path)
	return nil
}

// initCommand is `tfgate init`.
func (c *CLI) initCommand() *cli.Command {
	return &cli.Command{
		Name:      "init",
		Usage:     "write a commented starter .tfgate.yaml",
		ArgsUsage: "[DIR]  (default: the working directory)",
		Description: examples(
			"tfgate init",
			"tfgate init infra/ --force",
		),
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "force", Usage: "replace an existing .tfgate.yaml"},
		},
		Action: c.initConfig,
	}
}
