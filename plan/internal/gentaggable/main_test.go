package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGeneratedFileIsCurrent: library/lib/aws_taggable.rego is what the
// generator makes from plan/schema/aws.json.gz. Run
// `go run ./plan/internal/gentaggable` from the repository root to update it.
func TestGeneratedFileIsCurrent(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	gz, err := os.ReadFile(filepath.Join(root, "plan", "schema", "aws.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := generate(gz, "plan/schema/aws.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(root, "library", "lib", "aws_taggable.rego"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("library/lib/aws_taggable.rego is stale; run go run ./plan/internal/gentaggable (-want +got):\n%s", d)
	}
}

func TestClassification(t *testing.T) {
	gz, err := os.ReadFile(filepath.Join("..", "..", "schema", "aws.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := generate(gz, "aws.json.gz")
	if err != nil {
		t.Fatal(err)
	}
	src := string(out)
	for _, in := range []string{`"aws_s3_bucket",`, `"aws_autoscaling_group",`, `"aws_launch_template",`, `"aws_instance",`} {
		if !strings.Contains(src, in) {
			t.Errorf("%s missing", in)
		}
	}
	for _, out := range []string{`"aws_s3_bucket_public_access_block",`, `"aws_autoscaling_group_tag",`, `"aws_inspector_resource_group",`, `"aws_security_group_rule",`} {
		if strings.Contains(src, out) {
			t.Errorf("%s should not take tags", out)
		}
	}
}
