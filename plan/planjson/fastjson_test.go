package planjson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/tfgate/tfgate/internal/testutil"
)

// fastValue decodes data (one value, white space around it) as
// json.Unmarshal into an interface{} would; ok false when it refuses.
func fastValue(data []byte) (any, bool) {
	d := &fastDecoder{data: data}
	d.space()
	v, ok := d.value()
	d.space()
	return v, ok && d.i == len(data)
}

// TestFastDecodeEqualsUnmarshal: every resource change of every fixture,
// testdata and corpus plan (../shared/corpus/plans, skipped with a message
// when absent; and TFGATE_BENCH_PLAN when set) is decoded by
// decodeResourceChange, exactly as json.Unmarshal decodes it.
func TestFastDecodeEqualsUnmarshal(t *testing.T) {
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
	changes := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var raw struct {
			ResourceChanges []json.RawMessage `json:"resource_changes"`
		}
		if json.Unmarshal(data, &raw) != nil {
			continue // negative testdata
		}
		for i, el := range raw.ResourceChanges {
			var want, got *tfjson.ResourceChange
			if err := json.Unmarshal(el, &want); err != nil {
				t.Fatalf("%s: resource_changes[%d]: %v", f, i, err)
			}
			if !decodeResourceChange(el, &got) {
				t.Errorf("%s: resource_changes[%d]: refused", f, i)
				continue
			}
			changes++
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: resource_changes[%d] differs:\n%+v\n%+v", f, i, got, want)
			}
		}
		if !validJSON(data) {
			t.Errorf("%s: validJSON refuses a plan", f)
		}
	}
	if changes < 500 {
		t.Fatalf("only %d resource changes compared", changes)
	}
	t.Logf("%d resource changes compared", changes)
}

// fastCases are the shapes where decoding JSON has choices to get right.
var fastCases = []string{
	`{"address":"a.b","mode":"managed","type":"a","name":"b","index":0,"change":{"actions":["create"],"before":null,"after":{"x":1.5e3,"y":[true,false,null],"z":{}},"after_unknown":{"id":true},"after_sensitive":{"p":true},"before_sensitive":false}}`,
	`{"address":"a.b","index":"k\"ey","change":{"actions":[],"replace_paths":[["a",0]],"importing":{"id":"i-1","unknown":true,"identity":{"x":"y"}},"generated_config":"g"}}`,
	`{"address":"a.b","change":{"actions":null,"replace_paths":null,"importing":null}}`,
	`{"address":"a.b","change":null}`,
	`null`,
	` {"address" : "a.b" , "unknown_field" : {"deep":[1,{"x":"\u00e9"}]} } `,
	`{"address":null,"type":null,"change":{"actions":[null,"delete"]}}`,
	// Strings: escapes, surrogate pairs, lone surrogates, invalid UTF-8.
	`{"change":{"after":{"s":"\\ \/ \b\f\n\r\t \u0041 \ud83d\ude00 \ud83d x \ude00 \ud83d\u0041"}}}`,
	"{\"change\":{\"after\":{\"s\":\"caf\xc3\xa9 \xff\xfe \xed\xa0\x80 \xef\xbf\xbd\"}}}",
	`{"change":{"after":{"dup":1,"dup":2}}}`,
	`{"change":{"after":{"n":[-0,0.5,-1e-7,1E+2,12345678901234567890]}}}`,
	// Refused (left to json.Unmarshal): folded or repeated field keys,
	// wrong types, invalid JSON.
	`{"change":{"after":{"n":1e400}}}`,
	`{"Address":"a.b"}`,
	`{"address":"a.b","address":"c.d"}`,
	`{"ADDRESS":"a.b","address":"c.d"}`,
	`{"addreſs":"a.b"}`,
	`{"address":1}`,
	`{"change":{"actions":"create"}}`,
	`{"change":{"importing":{"unknown":"yes"}}}`,
	`{"change":[]}`,
	`{"address":"a.b",}`,
	`{"address":"a\x01"}`,
	`{"change":{"after":{"s":"\x"}}}`,
	`{"change":{"after":01}}`,
	`{"change":{"after":1.}}`,
	`{"change":{"after":tru}}`,
	`{"address":"a.b"} x`,
	`[`,
	``,
}

// TestFastDecodeCases: decodeResourceChange gives what json.Unmarshal
// gives on each case, or refuses; and refuses whenever json.Unmarshal
// fails.
func TestFastDecodeCases(t *testing.T) {
	took := 0
	for _, c := range fastCases {
		if checkFastDecode(t, []byte(c)) {
			took++
		}
	}
	if took < 10 {
		t.Errorf("decodeResourceChange took only %d cases", took)
	}
	// These must be taken: they are what Terraform writes.
	for _, c := range fastCases[:11] {
		var rc *tfjson.ResourceChange
		if !decodeResourceChange([]byte(c), &rc) {
			t.Errorf("refused %s", c)
		}
	}
	for _, c := range fastCases[11:] {
		var rc *tfjson.ResourceChange
		if decodeResourceChange([]byte(c), &rc) {
			t.Errorf("took %s", c)
		}
	}
}

// checkFastDecode compares the fast decoders with encoding/json on data;
// it reports whether decodeResourceChange took it.
func checkFastDecode(t *testing.T, data []byte) bool {
	t.Helper()
	if got, want := validJSON(data), json.Valid(data); got != want {
		t.Fatalf("validJSON(%q) = %v, json.Valid %v", data, got, want)
	}
	var wantV any
	errV := json.Unmarshal(data, &wantV)
	if gotV, ok := fastValue(data); ok {
		if errV != nil {
			t.Fatalf("value: took %q, which json.Unmarshal refuses: %v", data, errV)
		}
		if !reflect.DeepEqual(gotV, wantV) {
			t.Fatalf("value of %q:\n%#v\nwant\n%#v", data, gotV, wantV)
		}
	} else if errV == nil {
		t.Fatalf("value: refused %q, which json.Unmarshal takes", data)
	}
	var want, got *tfjson.ResourceChange
	err := json.Unmarshal(data, &want)
	if !decodeResourceChange(data, &got) {
		if got != nil {
			t.Fatalf("refused %q but wrote a result", data)
		}
		return false
	}
	if err != nil {
		t.Fatalf("took %q, which json.Unmarshal refuses: %v", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n%+v\nwant\n%+v", data, got, want)
	}
	return true
}

func FuzzFastJSON(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastDecode(t, data)
	})
}
