// Command tfgate checks Terraform changes before they are applied.
//
// It reads a plan (`terraform show -json` output or a saved binary plan) or
// a directory of .tf files, evaluates tfgate's Rego library and the user's
// own policies, and reports findings as text, JSON, SARIF, GitHub workflow
// commands, Markdown or JUnit. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"golang.org/x/term"

	"github.com/tfgate/tfgate/internal/hugeheap"
	// Maps the binary's code and read-only data on another CPU from
	// package initialisation on (internal/prefault).
	_ "github.com/tfgate/tfgate/internal/prefault"
	"github.com/tfgate/tfgate/rules"
)

func main() {
	// First, before the heap has freed anything (hugeheap.Reserve).
	hugeheap.Reserve(hugeheap.Size)
	// The library's index and the parse of its shared files, on another
	// CPU while the command line is read.
	rules.Prewarm()
	// Configuration directories start loading while the command line is
	// parsed (preloadDirs; check takes them when its options agree).
	env := os.Environ()
	pre := preloadDirs(os.Args, env)
	cli := &CLI{
		preload: pre,
		Stdin:   os.Stdin,
		Stdout:  os.Stdout,
		Stderr:  os.Stderr,
		Env:     env,
		IsTTY:   term.IsTerminal(int(os.Stdout.Fd())),

		SetMemoryLimit: debug.SetMemoryLimit,
		SetGCPercent:   debug.SetGCPercent,
	}
	stop := startProfile(os.Stderr)
	code := cli.Run(os.Args)
	stop()
	os.Exit(code)
}
