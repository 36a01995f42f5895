package input_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/plan/planjson"
)

// Every limit is an error naming the input, what is over the limit, the
// limit and how to raise it; under the same limits raised the input loads.
func TestLoadLimits(t *testing.T) {
	tagging := filepath.Join("..", "..", "fixtures", "tagging")
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

// TestJoinsFixture reads fixtures/joins (made by real Terraform) three
// ways: the plan beside its .tf files and the configuration directory name
// each instance; the plan alone (no .tf) cannot, and says so with [*].
func TestJoinsFixture(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "joins")
	want := map[string][]string{
		"aws_s3_bucket_server_side_encryption_configuration.computed":   {"aws_kms_key.k", "aws_s3_bucket.computed[*]"},
		"aws_s3_bucket_server_side_encryption_configuration.data[0]":    {"aws_s3_bucket.data[0]"},
		"aws_s3_bucket_server_side_encryption_configuration.data[1]":    {"aws_s3_bucket.data[2]"},
		`aws_s3_bucket_server_side_encryption_configuration.each["x"]`:  {`aws_s3_bucket.each["x"]`},
		`aws_s3_bucket_server_side_encryption_configuration.each["y"]`:  {`aws_s3_bucket.each["y"]`},
		`aws_s3_bucket_server_side_encryption_configuration.named["a"]`: {`aws_s3_bucket.named["a"]`},
		`aws_s3_bucket_server_side_encryption_configuration.named["b"]`: {`aws_s3_bucket.named["b"]`},
	}
	bucketRefs := func(doc *plan.Document) map[string][]string {
		out := map[string][]string{}
		for _, r := range doc.Resources {
			if refs := r.References["bucket"]; len(refs) > 0 {
				out[r.Address] = refs
			}
		}
		return out
	}
	for _, in := range []string{filepath.Join(dir, "plan.json"), dir} {
		docs, err := input.Load(in, plan.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, bucketRefs(docs[0])); d != "" {
			t.Errorf("%s (-want +got):\n%s", in, d)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	alone, err := planjson.Read(data, "-", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for addr, refs := range bucketRefs(alone) {
		for _, r := range refs {
			if r != "aws_kms_key.k" && !strings.HasSuffix(r, "[*]") {
				t.Errorf("%s: without the .tf files %s should be undetermined", addr, r)
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := input.Load(filepath.Join(dir, "nope.json"), plan.Options{}); err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
	unreadable := filepath.Join(dir, "locked.json")
	if err := os.WriteFile(unreadable, []byte("{}"), 0o000); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root reads anything
		if _, err := input.Load(unreadable, plan.Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("unreadable file: %v", err)
		}
	}
	if _, err := input.Load("-", plan.Options{Stdin: strings.NewReader("PK\x03\x04junk")}); err == nil || !strings.Contains(err.Error(), "binary plan") {
		t.Errorf("binary plan on stdin: %v", err)
	}
}

func TestLoadStdin(t *testing.T) {
	docs, err := input.Load("-", plan.Options{Stdin: strings.NewReader("\xef\xbb\xbf" + `{"format_version": "1.2", "resource_changes": [{"address": "a_b.c", "mode": "managed", "type": "a_b", "name": "c", "provider_name": "registry.terraform.io/x/a", "change": {"actions": ["create", "forget"]}}]}`)})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	got := []any{d.Source.Path, d.Source.Kind, d.Resources[0].Provider.Name, d.Resources[0].Unknown, d.Resources[0].Location == nil}
	if diff := cmp.Diff([]any{"-", plan.KindPlan, "a", map[string]any{}, true}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if k := d.Resources[0].Change.Kind; k != plan.ChangeCreate && k != plan.ChangeReplace {
		t.Errorf("kind of [create forget] = %q", k)
	}
}
