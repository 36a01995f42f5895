package plan_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/funcs"
)

// testEnv evaluates keys with count.index = idx (a number) or each.key =
// idx (a string), and var.n = 3; aws_s3_bucket.data has 4 instances.
func testEnv(idx any, eachSource string) plan.RefEnv {
	vars := map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{"n": cty.NumberIntVal(3)})}
	env := plan.RefEnv{Instances: func(key string) int {
		if key == "aws_s3_bucket.data" {
			return 4
		}
		return -1
	}}
	switch x := idx.(type) {
	case int:
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(x))})
	case string:
		vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(x), "value": cty.DynamicVal})
		env.EachKey = cty.StringVal(x)
		env.EachSource = eachSource
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: funcs.Table(".")}
	env.Key = func(e hclsyntax.Expression) (cty.Value, bool) {
		v, diags := e.Value(ctx)
		if diags.HasErrors() || !v.IsWhollyKnown() {
			return cty.NilVal, false
		}
		return v, true
	}
	return env
}

func TestInstanceRefs(t *testing.T) {
	cases := []struct {
		name, src string
		idx       any
		each      string
		want      map[string][]string
	}{
		{"computed count index", `aws_s3_bucket.data[count.index * 2].id`, 3, "", map[string][]string{"aws_s3_bucket.data": {"[6]"}}},
		{"static index", `aws_s3_bucket.data[1].id`, 0, "", map[string][]string{"aws_s3_bucket.data": {"[1]"}}},
		{"each.key index", `aws_s3_bucket.named[each.key].id`, "a", "", map[string][]string{"aws_s3_bucket.named": {`["a"]`}}},
		{"each.value over a resource", `each.value.id`, "a", "aws_s3_bucket.named", map[string][]string{"aws_s3_bucket.named": {`["a"]`}}},
		{"each.value over something else", `each.value.id`, "a", "", map[string][]string{}},
		{"variable in the index", `aws_s3_bucket.data[var.n - count.index].arn`, 1, "", map[string][]string{"aws_s3_bucket.data": {"[2]"}}},
		{"index known only after apply", `aws_s3_bucket.data[aws_kms_key.k.key_id == "" ? 0 : 1].id`, 0, "", map[string][]string{"aws_s3_bucket.data": {"[*]"}, "aws_kms_key.k": {""}}},
		{"splat then index", `(aws_s3_bucket.data[*].id)[count.index]`, 2, "", map[string][]string{"aws_s3_bucket.data": {"[2]"}}},
		{"legacy splat then index", `aws_s3_bucket.data.*.id[count.index]`, 2, "", map[string][]string{"aws_s3_bucket.data": {"[2]"}}},
		{"index inside a full splat applies to each element", `aws_s3_bucket.data[*].tags[count.index]`, 2, "", map[string][]string{"aws_s3_bucket.data": {""}}},
		{"element wraps around", `element(aws_s3_bucket.data[*].id, count.index)`, 5, "", map[string][]string{"aws_s3_bucket.data": {"[1]"}}},
		{"element of unknown length", `element(aws_s3_bucket.other[*].id, count.index)`, 5, "", map[string][]string{"aws_s3_bucket.other": {"[*]"}}},
		{"whole collection", `jsonencode(aws_s3_bucket.data[*].arn)`, 0, "", map[string][]string{"aws_s3_bucket.data": {""}}},
		{"data source", `data.aws_iam_policy_document.p[count.index].json`, 1, "", map[string][]string{"data.aws_iam_policy_document.p": {"[1]"}}},
		{"not resources", `var.n + local.x + each.key`, "a", "", map[string][]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tc.src), "t.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got := map[string][]string{}
			for k, set := range plan.InstanceRefs(expr, testEnv(tc.idx, tc.each)) {
				got[k] = slices.Sorted(maps.Keys(set))
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestRefineRefs(t *testing.T) {
	found := map[string]map[string]bool{"aws_s3_bucket.data": {"[6]": true}, "aws_s3_bucket.all": {"": true}}
	got := plan.RefineRefs([]string{"module.m.aws_s3_bucket.data", "module.m.aws_s3_bucket.all[*]", "module.m.aws_kms_key.k[0]", "aws_s3_bucket.data"}, found, "module.m.")
	want := []string{"aws_s3_bucket.data", "module.m.aws_kms_key.k[0]", "module.m.aws_s3_bucket.all", "module.m.aws_s3_bucket.data[6]"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestFinishReferences(t *testing.T) {
	doc := &plan.Document{Resources: []plan.Resource{
		{Address: "aws_s3_bucket.data[0]", Index: 0.0},
		{Address: "aws_s3_bucket.data[1]", Index: 1.0},
		{Address: "aws_s3_bucket.one"},
		{Address: "aws_s3_bucket_versioning.v[0]", Index: 0.0,
			References: map[string][]string{"bucket": {"aws_s3_bucket.data", "aws_s3_bucket.one"}, "other": {"aws_s3_bucket.data"}}},
	}}
	dependent := map[string]map[string]bool{"aws_s3_bucket_versioning.v[0]": {"bucket": true}}
	plan.FinishReferences(doc, func(addr, path string) bool { return dependent[addr][path] })
	want := map[string][]string{"bucket": {"aws_s3_bucket.data[*]", "aws_s3_bucket.one"}, "other": {"aws_s3_bucket.data"}}
	if d := cmp.Diff(want, doc.Resources[3].References); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestBaseAddress(t *testing.T) {
	for in, want := range map[string]string{
		`aws_s3_bucket.b["x[1]"]`:            `aws_s3_bucket.b`,
		`aws_s3_bucket.b[3]`:                 `aws_s3_bucket.b`,
		`module.a[0].aws_s3_bucket.b`:        `module.a[0].aws_s3_bucket.b`,
		`module.a["k"].aws_s3_bucket.b["y"]`: `module.a["k"].aws_s3_bucket.b`,
		`aws_s3_bucket.b[*]`:                 `aws_s3_bucket.b`,
	} {
		if got := plan.BaseAddress(in); got != want {
			t.Errorf("baseAddress(%s) = %s, want %s", in, got, want)
		}
	}
}
