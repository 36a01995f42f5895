package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/rules"
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

// writeJSONShallow is the reference writeSARIFLog must equal: the whole
// value marshalled, then indented by indentShallow.
// (whole value) v as JSON indented by two spaces, except that an
// object or array that is an element of an array nested at least
// compactDepth containers deep is written on one line. A SARIF log
// indented this way shows its structure and one result (and one rule) per
// line, and is written in one pass over the marshalled bytes: re-indenting
// all of a large log with encoding/json took as long as marshalling it
// (docs/benchmarks.md).
func writeJSONShallow(w io.Writer, v any, compactDepth int) error {
	src, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var dst bytes.Buffer
	dst.Grow(len(src) + len(src)/8)
	indentShallow(&dst, src, compactDepth)
	dst.WriteByte('\n')
	_, err = w.Write(dst.Bytes())
	return err
}

// TestWriteSARIFLogEqualsWholeMarshal: the SARIF log written with its
// rules and results marshalled one by one, concurrently, is byte for byte
// the log marshalled and indented whole, with no, one and many rules and
// results (more than one batch of marshalEach).
func TestWriteSARIFLogEqualsWholeMarshal(t *testing.T) {
	for _, n := range [][2]int{{0, 0}, {1, 0}, {1, 1}, {3, 200}, {130, 1}} {
		var rs []rules.Rule
		for i := range n[0] {
			rs = append(rs, rules.Rule{ID: fmt.Sprintf("R-%d", i), Title: "Title <b> & \"q\"", Description: "d\n\ne", Severity: rules.High,
				Frameworks: map[string][]string{"cis": {"1.2"}}})
		}
		var fs []rules.Finding
		for i := range n[1] {
			fs = append(fs, rules.Finding{RuleID: rs[i%len(rs)].ID, Resource: fmt.Sprintf("aws_s3_bucket.b[%d]", i), Message: "m\u2028",
				Outcome: []rules.Outcome{rules.Fail, rules.Unknown}[i%2], Severity: rules.High, File: "main.tf", Range: plan.Range{StartLine: i}})
		}
		rep := &Report{ToolVersion: "1.2.3", Rules: rs, Findings: fs, BaseDir: "/src"}
		var got bytes.Buffer
		if err := writeSARIF(&got, rep); err != nil {
			t.Fatal(err)
		}
		// The reference: the same log with its rules and results in place.
		var log sarifLog
		if err := json.Unmarshal(got.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := writeJSONShallow(&want, log, 3); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d rules, %d results: (-whole +one by one)\n%s", n[0], n[1], cmp.Diff(want.String(), got.String()))
		}
		if c := strings.Count(got.String(), "\n"); n[1] > 0 && c < n[0]+n[1] {
			t.Errorf("%d rules, %d results on %d lines", n[0], n[1], c)
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestSARIFResultJSON: sarifResult.appendJSON writes what json.Marshal
// writes, byte for byte, for results of every shape tfgate makes
// (outcomes, baseline states, attributes, physical locations with and
// without columns and base, plan-file locations, none) and strings that
// need escaping; results it does not write (suppressions) say so.
func TestSARIFResultJSON(t *testing.T) {
	strs := []string{"", "plain", `quote " and \ backslash`, "<html> & stuff", "tab\tnew\nline\r\x01\x1f", "é ü 日本", "\u2028\u2029", "bad \xff utf8", "aws_s3_bucket.b[\"k\"]"}
	n := 0
	for i, s := range strs {
		for _, status := range []string{"", rules.StatusIntroduced, rules.StatusExisting} {
			for _, outcome := range []rules.Outcome{rules.Fail, rules.Unknown} {
				for _, file := range []string{"", "main.tf", "/elsewhere/x.tf", "dir with space/a#b.tf"} {
					f := rules.Finding{RuleID: "TFG-" + s, Resource: s, Attribute: strs[(i+1)%len(strs)], Message: s + " message",
						Outcome: outcome, Severity: rules.Medium, Status: status, File: file, Source: "plan.json",
						Range: plan.Range{StartLine: i, StartColumn: i % 3, EndLine: i + i%2, EndColumn: i % 4}}
					res := sarifResultFor(f, i, "/src")
					want, err := json.Marshal(res)
					if err != nil {
						t.Fatal(err)
					}
					got, ok := res.appendJSON(nil)
					if !ok || string(got) != string(want) {
						t.Errorf("appendJSON (ok %v):\n got %s\nwant %s", ok, got, want)
					}
					n++
				}
			}
		}
	}
	res := sarifResultFor(rules.Finding{RuleID: "X", Resource: "r", Message: "m", Outcome: rules.Fail}, 0, "")
	res.Suppressions = []sarifSuppression{{Kind: "external"}}
	if _, ok := res.appendJSON(nil); ok {
		t.Error("appendJSON wrote a result with suppressions")
	}
	// The fingerprint's key is sarifFingerprintKey.
	res.Suppressions = nil
	if b, _ := res.appendJSON(nil); !strings.Contains(string(b), `"partialFingerprints":{"`+sarifFingerprintKey+`":`) {
		t.Errorf("fingerprint not under %s: %s", sarifFingerprintKey, b)
	}
	t.Logf("%d results compared", n)
}
