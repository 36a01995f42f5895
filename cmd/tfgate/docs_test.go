package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

var update = flag.Bool("update", false, "rewrite generated documentation")

// TestRulesDoc keeps the rule documentation equal to the catalogue:
// docs/rules.md (the index) and one page per rule, docs/rules/<ID>.md. A
// page in docs/rules/ for a rule that no longer exists is an error too.
// -update rewrites them all and removes stale pages.
func TestRulesDoc(t *testing.T) {
	e, err := rules.New(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(repoRoot(t), "docs")
	want := map[string][]byte{} // path relative to docs/ -> content
	var buf bytes.Buffer
	if err := report.WriteRulesMarkdown(&buf, e.Rules()); err != nil {
		t.Fatal(err)
	}
	want["rules.md"] = bytes.Clone(buf.Bytes())
	for _, r := range e.Rules() {
		buf.Reset()
		if err := report.WriteRulePage(&buf, r); err != nil {
			t.Fatal(err)
		}
		want[report.RulePagePath(r.ID)] = bytes.Clone(buf.Bytes())
	}

	pagesDir := filepath.Join(docs, "rules")
	entries, err := os.ReadDir(pagesDir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var stale []string
	for _, ent := range entries {
		rel := "rules/" + ent.Name()
		if _, ok := want[rel]; !ok {
			stale = append(stale, rel)
		}
	}
	if *update {
		if err := os.MkdirAll(pagesDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for rel, data := range want {
			if err := os.WriteFile(filepath.Join(docs, filepath.FromSlash(rel)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, rel := range stale {
			if err := os.RemoveAll(filepath.Join(docs, filepath.FromSlash(rel))); err != nil {
				t.Fatal(err)
			}
		}
		stale = nil
	}

	var outdated []string
	for rel, data := range want {
		got, err := os.ReadFile(filepath.Join(docs, filepath.FromSlash(rel)))
		if err != nil || !bytes.Equal(got, data) {
			outdated = append(outdated, "docs/"+rel)
		}
	}
	sort.Strings(outdated)
	if len(outdated) > 0 {
		t.Errorf("out of date or missing: %s\nrun go test ./cmd/tfgate -run TestRulesDoc -update", strings.Join(outdated, ", "))
	}
	if len(stale) > 0 {
		t.Errorf("docs/%s: no rule has these pages (removed or renamed rules; ids are never reused): run go test ./cmd/tfgate -run TestRulesDoc -update to delete them", strings.Join(stale, ", docs/"))
	}
}
