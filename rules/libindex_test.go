package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/plan"

	"github.com/tfgate/tfgate/library"
)

var update = flag.Bool("update", false, "rewrite library/index.json")

// TestLibraryIndex: library/index.json is what parsing the embedded
// library gives (its catalogue, files and support files) with the digest
// of the current files; regenerate it with
//
//	go test ./rules -run TestLibraryIndex -update
func TestLibraryIndex(t *testing.T) {
	set, err := loadModules(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	files, err := libFiles()
	if err != nil {
		t.Fatal(err)
	}
	want, err := buildLibIndex(set.modules, libraryDigest(files))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	raw = append(raw, '\n')
	if *update {
		if err := os.WriteFile("../library/index.json", raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := library.FS.ReadFile(libIndexFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, raw) {
		t.Fatal("library/index.json is stale: run go test ./rules -run TestLibraryIndex -update")
	}
	// Read back, it is the same index (no field lost to JSON).
	var back libIndex
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, want) {
		t.Fatal("library/index.json does not read back as the index it was written from")
	}
	st, err := embeddedIndex()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(st.index, want) {
		t.Fatal("the engine does not use the embedded index")
	}
}

// TestStaleLibraryIndex: an index that does not match the library (edited
// without regenerating index.json) is not used: the library is parsed and
// gives the same index as a fresh one.
func TestStaleLibraryIndex(t *testing.T) {
	files, err := libFiles()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := embeddedIndex()
	if err != nil {
		t.Fatal(err)
	}
	stale := *fresh.index
	stale.Rules = stale.Rules[:1]
	stale.Digest = "0000"
	raw, _ := json.Marshal(stale)
	for _, index := range [][]byte{raw, nil, []byte("{")} {
		st, err := newLibState(index, constFiles(files))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(st.index, fresh.index) {
			t.Fatalf("index %.40q: the stale index was used", index)
		}
	}
	// A library edited after the index was written: another digest.
	edited := map[string][]byte{}
	for k, v := range files {
		edited[k] = v
	}
	edited["lib/lib.rego"] = append(append([]byte(nil), files["lib/lib.rego"]...), []byte("\n_edited := true\n")...)
	good, _ := json.Marshal(fresh.index)
	st, err := newLibState(good, constFiles(edited))
	if err != nil {
		t.Fatal(err)
	}
	if st.index.Digest == fresh.index.Digest || st.index.Digest != libraryDigest(edited) {
		t.Fatal("an index of another library was used")
	}
}

// TestSelectionCompilesOnlyWhatApplies: on an AWS-only document the engine
// compiles no Azure or Google file, and only the rules whose types the
// document holds (and the AWS rules for every type).
func TestSelectionCompilesOnlyWhatApplies(t *testing.T) {
	e := newEngine(t, nil, fullParams)
	doc := &plan.Document{Resources: []plan.Resource{
		resource("aws_sqs_queue", "q", map[string]any{}),
	}}
	selected := e.selectRules(doc)
	var ids []string
	for _, r := range selected {
		ids = append(ids, r.ID)
		if r.Provider != "aws" {
			t.Errorf("%s (%s) selected for an AWS document", r.ID, r.Provider)
		}
		if len(r.ResourceTypes) > 0 && !slices.Contains(r.ResourceTypes, "*") && !slices.Contains(r.ResourceTypes, "aws_sqs_queue") {
			t.Errorf("%s selected: its types are %v", r.ID, r.ResourceTypes)
		}
	}
	for _, want := range []string{"TFG-AWS-TAG-001", "TFG-AWS-REG-001"} {
		if !slices.Contains(ids, want) {
			t.Errorf("%s not selected (selected: %v)", want, ids)
		}
	}
	for _, f := range e.libraryFiles(selected) {
		if strings.Contains(f, "azurerm") || strings.Contains(f, "google") {
			t.Errorf("compiles %s for an AWS document", f)
		}
	}
	if len(selected) >= len(e.runnable)/4 {
		t.Errorf("%d of %d rules selected for one queue", len(selected), len(e.runnable))
	}
}

// TestUserPackageCannotReplaceALibraryRule: a user's package named like a
// library rule is refused (it would change that rule).
func TestUserPackageCannotReplaceALibraryRule(t *testing.T) {
	dir := t.TempDir()
	src := "# METADATA\n# title: mine\n# custom:\n#   id: ACME-1\n#   severity: low\npackage tfgate.rules.aws.tagging.required_tags\n\ndeny contains {\"resource\": \"x\", \"message\": \"m\"} if false\n"
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), "is a rule of the embedded library") {
		t.Fatalf("got %v", err)
	}
}

// TestUserPolicyReusesALibraryRule: a user's rule may call the helpers of
// a library rule package (here TFG-AWS-EXPOSURE-001's), which is then
// compiled with it whatever the document selects.
func TestUserPolicyReusesALibraryRule(t *testing.T) {
	dir := t.TempDir()
	src := `# METADATA
# title: Security groups named open
# custom:
#   id: ACME-OPEN-001
#   severity: low
#   resource_types: [aws_security_group]
package tfgate.rules.acme.exposure.open_groups

import data.tfgate.rules.aws.exposure.ingress_restricted_ports as ports

deny contains {"resource": r.address, "message": sprintf("%s: %s", [r.address, ports.ports_text({"proto": "tcp", "from": 22, "to": 22})])} if {
	some r in input.resources
	r.type == "aws_security_group"
}
`
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), Options{PolicyDirs: []string{dir}, Params: fullParams})
	if err != nil {
		t.Fatal(err)
	}
	doc := &plan.Document{Resources: []plan.Resource{resource("aws_security_group", "g", map[string]any{})}}
	res, err := e.Evaluate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range res.Findings {
		found = found || f.RuleID == "ACME-OPEN-001"
	}
	if !found {
		t.Fatalf("no finding of the user's rule: %+v", res.Findings)
	}
	for _, f := range res.Findings {
		if f.RuleID == "ACME-OPEN-001" && f.Message != "aws_security_group.g: tcp port 22" {
			t.Errorf("message %q", f.Message)
		}
	}
}

// constFiles is a file reader for newLibState that gives files.
func constFiles(files map[string][]byte) func() (map[string][]byte, error) {
	return func() (map[string][]byte, error) { return files, nil }
}
