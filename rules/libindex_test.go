package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

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
