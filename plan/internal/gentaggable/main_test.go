package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/rego"

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
	// The generated module, evaluated: which types take tags, and how.
	rs, err := rego.New(
		rego.Query("x := data.tfgate.lib.aws_taggable"),
		rego.Module("aws_taggable.rego", string(out)),
	).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("evaluate the generated module: %v (%d results)", err, len(rs))
	}
	sets := rs[0].Bindings["x"].(map[string]any)
	has := func(set, typ string) bool {
		for _, v := range sets[set].([]any) {
			if v == typ {
				return true
			}
		}
		return false
	}
	for _, typ := range []string{"aws_s3_bucket", "aws_autoscaling_group", "aws_launch_template", "aws_instance"} {
		if !has("types", typ) {
			t.Errorf("%s missing", typ)
		}
	}
	if !has("tag_block_types", "aws_autoscaling_group") || has("default_tags_types", "aws_autoscaling_group") {
		t.Error("aws_autoscaling_group is tagged by tag blocks, not a tags map")
	}
	if has("types", "") {
		t.Error("the empty string is a type")
	}
	if n := len(sets["types"].([]any)); n != 748 {
		t.Errorf("%d types, want 748 (aws 5.100.0)", n)
	}
	for _, typ := range []string{"aws_s3_bucket_public_access_block", "aws_autoscaling_group_tag", "aws_inspector_resource_group", "aws_security_group_rule"} {
		if has("types", typ) {
			t.Errorf("%s should not take tags", typ)
		}
	}
}
