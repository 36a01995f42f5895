package rules

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// RunTests runs Rego unit tests (test_ rules in *_test.rego files) of the
// embedded library (when includeLibrary) and of dirs, with the same
// capabilities as checks (no input schema: tests mock input partially).
// It returns the counts and a readable report listing every failure.
func RunTests(ctx context.Context, dirs []string, includeLibrary bool) (passed, failed int, out string, err error) {
	var pds []PolicyDir
	for _, d := range dirs {
		pds = append(pds, PolicyDir{Path: d})
	}
	return runRegoTests(ctx, pds, includeLibrary)
}

// RunPolicyTests is RunTests over policy directories with their settings:
// each directory is parsed in its Rego version.
func RunPolicyTests(ctx context.Context, dirs []PolicyDir, includeLibrary bool) (passed, failed int, out string, err error) {
	return runRegoTests(ctx, dirs, includeLibrary)
}

func runRegoTests(ctx context.Context, dirs []PolicyDir, includeLibrary bool) (passed, failed int, out string, err error) {
	set, err := loadModules(dirs, true)
	if err != nil {
		return 0, 0, "", err
	}
	modules := set.modules
	if !includeLibrary {
		for name := range modules {
			if strings.HasPrefix(name, libraryPrefix) && !strings.HasPrefix(name, libraryPrefix+"lib/") && !strings.HasPrefix(name, libraryPrefix+"main/") {
				delete(modules, name)
			}
		}
	}
	compiler := ast.NewCompiler().WithCapabilities(capabilities()).WithEnablePrintStatements(true)
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return 0, 0, "", err
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		CapturePrintOutput(true).
		RunTests(ctx, txn)
	if err != nil {
		return 0, 0, "", fmt.Errorf("run policy tests: %s", oneLine(err))
	}
	var failures []string
	for r := range ch {
		if r.Error != nil {
			return 0, 0, "", fmt.Errorf("run policy tests: %s: %s", r.Name, oneLine(r.Error))
		}
		if r.Skip {
			continue
		}
		if r.Pass() {
			passed++
			continue
		}
		failed++
		loc := ""
		if r.Location != nil {
			loc = fmt.Sprintf("%s:%d: ", r.Location.File, r.Location.Row)
		}
		msg := fmt.Sprintf("FAIL %s%s.%s", loc, strings.TrimPrefix(r.Package, "data."), r.Name)
		if len(r.Output) > 0 {
			msg += "\n    " + strings.ReplaceAll(strings.TrimSpace(string(r.Output)), "\n", "\n    ")
		}
		failures = append(failures, msg)
	}
	sort.Strings(failures)
	if len(failures) > 0 {
		out = strings.Join(failures, "\n") + "\n"
	}
	return passed, failed, out, nil
}
