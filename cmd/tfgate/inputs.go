package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tfgate/tfgate/rules"
)

// resolveInputs turns the paths given to check into the inputs to load,
// as a pre-commit hook or `git diff --name-only | xargs tfgate check`
// passes them:
//
//   - a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json) stands for its
//     directory's root module: Terraform evaluates a module as a whole, so
//     each directory is checked once however many of its files are given;
//   - a .tfvars file that Terraform does not load by itself (only
//     terraform.tfvars and *.auto.tfvars are) is not applied: its directory
//     is checked with the auto-loaded files, and a notice says to pass it
//     with --var-file (unless it is given there);
//   - a Terraform file that no longer exists, or a directory left without
//     .tf files (a deleted module), is skipped with a notice, not an error;
//   - anything else (plan JSON, saved plan, directory, - for stdin) is
//     checked as given, once.
func resolveInputs(paths, varFiles []string) ([]string, []rules.Notice) {
	var inputs []string
	var notices []rules.Notice
	seen := map[string]bool{}
	add := func(p string) {
		key := filepath.Clean(p)
		if p == "-" {
			key = p
		}
		if !seen[key] {
			seen[key] = true
			inputs = append(inputs, p)
		}
	}
	skipped := map[string]bool{}
	skip := func(p, msg string) {
		if !skipped[p+msg] {
			skipped[p+msg] = true
			notices = append(notices, rules.Notice{Code: "input-skipped", Message: msg, File: p})
		}
	}
	for _, p := range paths {
		if p == "-" || !isTerraformFile(p) {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err == nil && info.IsDir() {
			add(p)
			continue
		}
		dir := filepath.Dir(p)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				add(p) // unreadable: loading it reports why
				continue
			}
			if hasTerraformFiles(dir) {
				add(dir)
				continue
			}
			skip(p, fmt.Sprintf("%s does not exist (deleted?) and %s has no .tf files: nothing to check there", p, dir))
			continue
		}
		if !hasTerraformFiles(dir) {
			skip(p, fmt.Sprintf("%s is skipped: %s has no .tf or .tf.json files, so it is not a module", p, dir))
			continue
		}
		if isVarFile(p) && !autoLoaded(p) && !givenAsVarFile(p, varFiles) {
			notices = append(notices, rules.Notice{
				Code:    "var-file-not-applied",
				Message: fmt.Sprintf("%s is not loaded automatically by Terraform (only terraform.tfvars and *.auto.tfvars are): %s is checked without it; pass --var-file %s to apply its values", p, dir, p),
				File:    p,
			})
		}
		add(dir)
	}
	return inputs, notices
}

func isTerraformFile(p string) bool {
	return strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json") || isVarFile(p)
}

func isVarFile(p string) bool {
	return strings.HasSuffix(p, ".tfvars") || strings.HasSuffix(p, ".tfvars.json")
}

// autoLoaded: the variable files Terraform reads without -var-file.
func autoLoaded(p string) bool {
	base := filepath.Base(p)
	return base == "terraform.tfvars" || base == "terraform.tfvars.json" ||
		strings.HasSuffix(base, ".auto.tfvars") || strings.HasSuffix(base, ".auto.tfvars.json")
}

func givenAsVarFile(p string, varFiles []string) bool {
	return slices.ContainsFunc(varFiles, func(v string) bool { return sameFile(v, p) })
}

// hasTerraformFiles reports whether dir holds configuration files.
func hasTerraformFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasSuffix(n, ".tf") || strings.HasSuffix(n, ".tf.json")) {
			return true
		}
	}
	return false
}
