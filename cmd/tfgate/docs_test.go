package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tfgate/tfgate/report"
	"github.com/tfgate/tfgate/rules"
)

var update = flag.Bool("update", false, "rewrite generated documentation")

// TestRulesDoc keeps docs/rules.md equal to the catalogue.
func TestRulesDoc(t *testing.T) {
	e, err := rules.New(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteRulesMarkdown(&buf, e.Rules()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(repoRoot(t), "docs", "rules.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Error("docs/rules.md is out of date: run go test ./cmd/tfgate -run TestRulesDoc -update")
	}
}
