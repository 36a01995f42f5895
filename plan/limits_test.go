package plan_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
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

// Every limit is an error naming the input, what is over the limit, the
// limit and how to raise it; under the same limits raised the input loads.
func TestLoadLimits(t *testing.T) {
	tagging := filepath.Join("..", "fixtures", "tagging")
	planFile := filepath.Join(tagging, "plan.json")
	planData, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		path   string
		stdin  string
		limits plan.Limits
		want   string
	}{
		{"plan file size", planFile, "", plan.Limits{InputSize: 1 << 10},
			planFile + " is 8.7 KiB, more than the input-size limit of 1 KiB: if the input is genuine, raise the limit with --limit input-size=1MiB"},
		{"standard input size", "-", string(planData), plan.Limits{InputSize: 1 << 10},
			"standard input is over the input-size limit of 1 KiB: if the input is genuine, raise the limit with --limit input-size=1MiB"},
		{"resources", planFile, "", plan.Limits{Resources: 2},
			planFile + " has 5 resource instances, more than the resources limit of 2: if the input is genuine, raise the limit with --limit resources=5"},
		{"string size", planFile, "", plan.Limits{StringSize: 12},
			planFile + ": aws_cloudwatch_log_group.app after has a key of 17 B, more than the string-size limit of 12 B: if the input is genuine, raise the limit with --limit string-size=1MiB"},
		{"depth", planFile, "", plan.Limits{Depth: 1},
			planFile + ": aws_cloudwatch_log_group.app after.tags is nested 2 levels deep, more than the depth limit of 1: if the input is genuine, raise the limit with --limit depth=2"},
		{"configuration file size", tagging, "", plan.Limits{FileSize: 100},
			filepath.Join(tagging, "main.tf") + " is 1.3 KiB, more than the file-size limit of 100 B: if the input is genuine, raise the limit with --limit file-size=1MiB"},
		{"configuration resources", tagging, "", plan.Limits{Resources: 2},
			tagging + " has 5 resource instances, more than the resources limit of 2: if the input is genuine, raise the limit with --limit resources=5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := input.Load(c.path, plan.Options{Stdin: strings.NewReader(c.stdin), Limits: c.limits})
			if err == nil || err.Error() != c.want {
				t.Errorf("err = %v\nwant   %s", err, c.want)
			}
			if _, ok := err.(*plan.LimitError); !ok {
				t.Errorf("err is a %T, want a *LimitError", err)
			}
			if _, err := input.Load(c.path, plan.Options{Stdin: strings.NewReader(c.stdin)}); err != nil {
				t.Errorf("with the default limits: %v", err)
			}
		})
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

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// count and for_each multiply across modules: the total of resource and
// module instances is bounded by the instances limit; a single expansion
// beyond it is refused before it is built.
func TestInstancesLimit(t *testing.T) {
	nested := writeTree(t, map[string]string{
		"main.tf":       "module \"a\" {\n  count  = 3\n  source = \"./a\"\n}\n",
		"a/main.tf":     "module \"b\" {\n  for_each = toset([\"x\", \"y\", \"z\", \"w\"])\n  source   = \"./b\"\n}\n",
		"a/b/main.tf":   "resource \"aws_s3_bucket\" \"x\" {\n  count  = 5\n  bucket = \"b-${count.index}\"\n}\n",
		"a/b/README.md": "3 x 4 x 5 buckets",
	})
	// 3 + 1 for module.a, 3 x (4 + 1) for module.b, 60 buckets: 79.
	docs, err := input.Load(nested, plan.Options{Limits: plan.Limits{Instances: 79}})
	if err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	if n := len(docs[0].Resources); n != 60 {
		t.Errorf("%d resources, want 60", n)
	}
	_, err = input.Load(nested, plan.Options{Limits: plan.Limits{Instances: 78}})
	want := filepath.Join(nested, "a", "b", "main.tf") + ":1: the configuration " + nested + " expands to 79 or more resource and module instances (count and for_each, multiplied across modules), more than the instances limit of 78: if the input is genuine, raise the limit with --limit instances=156"
	if err == nil || err.Error() != want {
		t.Errorf("over the limit: err = %v\nwant   %s", err, want)
	}

	huge := writeTree(t, map[string]string{
		"main.tf":   "module \"m\" {\n  count  = 1000\n  source = \"./m\"\n}\n",
		"m/main.tf": "resource \"aws_s3_bucket\" \"x\" {\n  count  = 1000000000\n  bucket = \"b\"\n}\n",
	})
	_, err = input.Load(huge, plan.Options{})
	want = filepath.Join(huge, "m", "main.tf") + ":1: the configuration " + huge + " expands to 1000001001 or more resource and module instances (count and for_each, multiplied across modules), more than the instances limit of 100000: if the input is genuine, raise the limit with --limit instances=2000000000"
	if err == nil || err.Error() != want {
		t.Errorf("count = 1e9: err = %v\nwant   %s", err, want)
	}
}

// The benchmark plan (11,000 resources) loads under the default limits.
func TestDefaultLimitsBenchPlan(t *testing.T) {
	path := os.Getenv("TFGATE_BENCH_PLAN")
	if path == "" {
		t.Skip("TFGATE_BENCH_PLAN is not set (a plan from ../shared/bench/make-plan.sh 2000)")
	}
	docs, err := input.Load(path, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(docs[0].Resources); n < 10000 {
		t.Errorf("%d resources: not the benchmark plan", n)
	}
}
