package plan_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
)

func TestLimitsSet(t *testing.T) {
	cases := []struct {
		in      string
		want    plan.Limits
		wantErr string
	}{
		{in: "input-size=1GiB", want: plan.Limits{InputSize: 1 << 30}},
		{in: "input-size=100MB", want: plan.Limits{InputSize: 100_000_000}},
		{in: "file-size=1048576", want: plan.Limits{FileSize: 1 << 20}},
		{in: "string-size = 64KiB", want: plan.Limits{StringSize: 64 << 10}},
		{in: "resources=200000", want: plan.Limits{Resources: 200000}},
		{in: "depth=500", want: plan.Limits{Depth: 500}},
		{in: "instances=1_000_000", want: plan.Limits{Instances: 1000000}},
		{in: "resources=0", wantErr: `resources: "0" is not a positive whole number`},
		{in: "depth=-1", wantErr: `depth: "-1" is not a positive whole number`},
		{in: "input-size=lots", wantErr: `input-size: "lots" is not a positive size (a number of bytes, or with a unit: 64MiB, 1GiB)`},
		{in: "input-size=-5MiB", wantErr: `input-size: "-5MiB" is not a positive size (a number of bytes, or with a unit: 64MiB, 1GiB)`},
		{in: "string-size=4GiB", wantErr: `string-size: 4GiB is more than 2 GiB`},
		{in: "memory=1GiB", wantErr: `no limit "memory" (limits: input-size, file-size, resources, string-size, depth, instances)`},
		{in: "resources", wantErr: `"resources" is not NAME=VALUE (limits: input-size, file-size, resources, string-size, depth, instances)`},
	}
	for _, c := range cases {
		var got plan.Limits
		err := got.Set(c.in)
		if c.wantErr != "" {
			if err == nil || err.Error() != c.wantErr {
				t.Errorf("Set(%q) = %v, want %s", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Set(%q): %v", c.in, err)
			continue
		}
		if d := cmp.Diff(c.want, got); d != "" {
			t.Errorf("Set(%q) (-want +got):\n%s", c.in, d)
		}
	}
}

// A string value over string-size is named by resource and path.
func TestStringSizeNamesThePath(t *testing.T) {
	doc := &plan.Document{Source: plan.Source{Path: "p.json"}, Resources: []plan.Resource{{
		Address: "aws_s3_object.o",
		After:   map[string]any{"content": strings.Repeat("x", 2000), "tags": map[string]any{}},
	}}}
	err := plan.CheckDocument(doc, plan.Limits{StringSize: 1 << 10}.WithDefaults())
	want := "p.json: aws_s3_object.o after.content is a string of 2.0 KiB, more than the string-size limit of 1 KiB: if the input is genuine, raise the limit with --limit string-size=1MiB"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant   %s", err, want)
	}
}

// TestCheckDocumentNamesTheFirstInKeyOrder: with several values over the
// limits, the error always names the first in key order (maps are walked
// in random order to find that one is), and every limit names its path.
func TestCheckDocumentNamesTheFirstInKeyOrder(t *testing.T) {
	long := strings.Repeat("x", 2000)
	deep := any("leaf")
	for i := 0; i < 5; i++ {
		deep = map[string]any{"n": deep}
	}
	l := plan.Limits{StringSize: 1 << 10, Depth: 4}.WithDefaults()
	for _, c := range []struct {
		name string
		r    plan.Resource
		want string
	}{
		{"first key", plan.Resource{Address: "a.b", After: map[string]any{"m": long, "z": long, "b": map[string]any{"c": long}, "k": long}},
			"p.json: a.b after.b.c is a string of 2.0 KiB"},
		{"long key", plan.Resource{Address: "a.b", After: map[string]any{long: 1}},
			"p.json: a.b after has a key of 2.0 KiB"},
		{"depth", plan.Resource{Address: "a.b", Unknown: map[string]any{"x": deep}},
			"p.json: a.b unknown.x.n.n.n is nested 5 levels deep"},
		{"tags", plan.Resource{Address: "a.b", Tags: map[string]any{"Owner": long}},
			"p.json: a.b tags.Owner is a string of 2.0 KiB"},
	} {
		for i := 0; i < 20; i++ {
			doc := &plan.Document{Source: plan.Source{Path: "p.json"}, Resources: []plan.Resource{c.r}}
			err := plan.CheckDocument(doc, l)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("%s: err = %v\nwant prefix %s", c.name, err, c.want)
			}
		}
	}
	ok := &plan.Document{Resources: []plan.Resource{{Address: "a.b", After: map[string]any{"x": "short", "l": []any{"a", map[string]any{"b": 1}}}}}}
	if err := plan.CheckDocument(ok, l); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}
