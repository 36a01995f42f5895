package main

import (
	"os"
	"reflect"
	"sync"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
)

// A preload is the load of configuration directories started from the
// raw command line, before it is parsed: `tfgate check DIR` (or the .tf
// files a pre-commit hook passes) spends several milliseconds evaluating
// the directory, and until now that began only once the command line,
// the configuration file and the engine were ready. preloadDirs guesses
// the inputs (every argument that names a directory or a Terraform file,
// through resolveInputs) and loads each with the options a check without
// input flags or configuration would use; check uses a preloaded result
// only for an input of the same name loaded with equal options
// (sameLoadOptions), and loads for itself otherwise. A wrong guess (a
// flag's value that names a directory, options that differ) costs only
// the CPU of a load.
type preload struct {
	opts    plan.Options
	mu      sync.Mutex
	entries map[string]*preloaded
}

type preloaded struct {
	done chan struct{}
	docs []*plan.Document
	err  error
	ok   bool // false: the load panicked; load again
}

// preloadDirs starts loading, in the background, the configuration
// directories args (os.Args) would check when the command is check. It
// returns nil when there is nothing to preload.
func preloadDirs(args, env []string) *preload {
	if len(args) < 3 || args[1] != "check" {
		return nil
	}
	// Every argument that is not a flag, as check resolves its paths; a
	// flag's value among them is dropped below unless it is a directory.
	var paths []string
	for _, a := range args[2:] {
		if a != "" && a[0] != '-' {
			paths = append(paths, a)
		}
	}
	inputs, _ := resolveInputs(paths, nil)
	p := &preload{opts: defaultLoadOptions(env), entries: map[string]*preloaded{}}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
			continue
		}
		e := &preloaded{done: make(chan struct{})}
		p.entries[in] = e
		go func() {
			defer close(e.done)
			defer func() {
				if r := recover(); r != nil {
					e.ok = false
				}
			}()
			e.docs, e.err = input.Load(in, p.opts)
			e.ok = true
		}()
	}
	if len(p.entries) == 0 {
		return nil
	}
	return p
}

// defaultLoadOptions is loadOptions of a check without input flags and
// without a configuration file's input options.
func defaultLoadOptions(env []string) plan.Options {
	return plan.Options{Env: env, TerraformBin: defaultTerraform}
}

// defaultTerraform is --terraform's default.
const defaultTerraform = "terraform"

// take returns the preloaded documents of input loaded with opts, waiting
// for the load to finish; ok is false when there is none (another input,
// other options, or a load that panicked). Each is taken once.
func (p *preload) take(in string, opts plan.Options) (docs []*plan.Document, err error, ok bool) {
	if p == nil || !sameLoadOptions(p.opts, opts) {
		return nil, nil, false
	}
	p.mu.Lock()
	e := p.entries[in]
	delete(p.entries, in)
	p.mu.Unlock()
	if e == nil {
		return nil, nil, false
	}
	<-e.done
	return e.docs, e.err, e.ok
}

// sameLoadOptions: a and b load a configuration directory alike (Stdin is
// read only for "-", which is never preloaded).
func sameLoadOptions(a, b plan.Options) bool {
	a.Stdin, b.Stdin = nil, nil
	// nil and empty alike.
	if len(a.Vars) == 0 && len(b.Vars) == 0 {
		a.Vars, b.Vars = nil, nil
	}
	if len(a.VarFiles) == 0 && len(b.VarFiles) == 0 {
		a.VarFiles, b.VarFiles = nil, nil
	}
	return reflect.DeepEqual(a, b)
}
