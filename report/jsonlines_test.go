package report

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// TestIndentShallow: with no compact depth the output is json.Indent's,
// byte for byte; with one, it is the same JSON value, one array element
// per line below that depth.
func TestIndentShallow(t *testing.T) {
	values := []any{
		map[string]any{},
		[]any{},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": "x\"y\\z:,{[", "d": []any{1, 2.5, nil, true}},
		map[string]any{"runs": []any{map[string]any{"results": []any{
			map[string]any{"ruleId": "A", "locations": []any{map[string]any{"uri": "a,b.tf"}}},
			map[string]any{"ruleId": "B", "message": map[string]any{"text": "<tag> & \u2028"}},
		}}}},
	}
	for _, v := range values {
		src, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		indentShallow(&got, src, math.MaxInt)
		if got.String() != want.String() {
			t.Errorf("full depth:\n%s\nwant\n%s", got.String(), want.String())
		}
		var shallow bytes.Buffer
		indentShallow(&shallow, src, 3)
		var a, b any
		if err := json.Unmarshal(shallow.Bytes(), &a); err != nil {
			t.Fatalf("%v: %s", err, shallow.String())
		}
		_ = json.Unmarshal(src, &b)
		if !jsonEqual(a, b) {
			t.Errorf("shallow output is another value:\n%s", shallow.String())
		}
	}
	var out bytes.Buffer
	src, _ := json.Marshal(values[3])
	indentShallow(&out, src, 3)
	want := "{\n  \"runs\": [\n    {\n      \"results\": [\n" +
		"        {\"locations\":[{\"uri\":\"a,b.tf\"}],\"ruleId\":\"A\"},\n" +
		"        {\"message\":{\"text\":\"\\u003ctag\\u003e \\u0026 \\u2028\"},\"ruleId\":\"B\"}\n" +
		"      ]\n    }\n  ]\n}"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
