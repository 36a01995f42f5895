package planjson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"
)

// TestDecodeSplitEqualsWhole: decodeSplit reads every fixture plan,
// testdata plan and corpus plan (../shared/corpus/plans, skipped with a
// message when absent; and TFGATE_BENCH_PLAN when set) exactly as
// json.Unmarshal does, and refuses what it must leave to it.
func TestDecodeSplitEqualsWhole(t *testing.T) {
	var files []string
	for _, g := range []string{
		filepath.Join("..", "..", "fixtures", "*", "plan.json"),
		filepath.Join("testdata", "plans", "*.json"),
	} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	corpus := filepath.Join(testutil.RepoRoot(t), "..", "shared", "corpus", "plans")
	if m, _ := filepath.Glob(filepath.Join(corpus, "*.json")); len(m) > 0 {
		files = append(files, m...)
	} else {
		t.Log("../shared/corpus is absent: corpus plans not compared")
	}
	if p := os.Getenv("TFGATE_BENCH_PLAN"); p != "" {
		files = append(files, p)
	}
	taken := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var whole, split planDoc
		if err := json.Unmarshal(data, &whole); err != nil {
			continue // not a plan document (negative testdata)
		}
		if !decodeSplit(data, &split, 0) {
			if strings.Contains(f, "corpus") || strings.Contains(f, "fixtures") {
				t.Errorf("%s: decodeSplit refused a valid plan", f)
			}
			continue
		}
		taken++
		if !reflect.DeepEqual(whole, split) {
			t.Errorf("%s: decodeSplit differs from json.Unmarshal", f)
		}
	}
	if taken == 0 {
		t.Fatal("no plan compared")
	}
	t.Logf("%d plans compared", taken)

	// Left to json.Unmarshal: invalid or unusual input.
	rc := `{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"]}}`
	for name, in := range map[string]string{
		"bad token in planned_values": `{"format_version":"1.2","planned_values":{"a":tru},"resource_changes":[` + rc + `]}`,
		"bad token in an element":     `{"format_version":"1.2","resource_changes":[{"address":nul}]}`,
		"bad token elsewhere":         `{"format_version":1.2.3,"resource_changes":[` + rc + `]}`,
		"trailing data":               `{"format_version":"1.2","resource_changes":[` + rc + `]} x`,
		"truncated":                   `{"format_version":"1.2","resource_changes":[` + rc,
		"repeated key":                `{"format_version":"1.2","resource_changes":[],"resource_changes":[` + rc + `]}`,
		"other case":                  `{"format_version":"1.2","Resource_Changes":[` + rc + `]}`,
		"escaped key":                 `{"format_version":"1.2","resource\u005fchanges":[` + rc + `]}`,
		"not an object":               `[` + rc + `]`,
		"element not an object":       `{"format_version":"1.2","resource_changes":[1]}`,
		"mismatched brackets":         `{"format_version":"1.2","resource_changes":[{"address":"a"]}]}`,
		"control character in string": "{\"format_version\":\"1.\n2\",\"resource_changes\":[" + rc + "]}",
	} {
		var d planDoc
		if decodeSplit([]byte(in), &d, 0) {
			t.Errorf("%s: decodeSplit took %s", name, in)
		}
	}
	// Fewer resource changes than asked for: left to json.Unmarshal.
	var d planDoc
	if decodeSplit([]byte(`{"format_version":"1.2","resource_changes":[`+rc+`]}`), &d, 2) {
		t.Error("decodeSplit took a plan of one resource change with a minimum of two")
	}
}
