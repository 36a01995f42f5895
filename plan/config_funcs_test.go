package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func evalWithFuncs(t *testing.T, dir, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %s", src, diags)
	}
	ctx := &hcl.EvalContext{
		Functions: terraformFunctions(dir),
		Variables: map[string]cty.Value{"unknown": cty.UnknownVal(cty.String)},
	}
	return expr.Value(ctx)
}

func TestTerraformFunctions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "user_data.tftpl"), []byte("%{ for n in names ~}\nhello ${n}\n%{ endfor ~}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.json"), []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]cty.Value{
		`cidrsubnet("10.0.0.0/16", 8, 2)`:                       cty.StringVal("10.0.2.0/24"),
		`cidrsubnet("10.1.2.0/24", 4, 15)`:                      cty.StringVal("10.1.2.240/28"),
		`cidrsubnet("fd00::/56", 8, 1)`:                         cty.StringVal("fd00:0:0:1::/64"),
		`cidrhost("10.0.0.0/24", 5)`:                            cty.StringVal("10.0.0.5"),
		`cidrhost("10.0.0.0/24", -1)`:                           cty.StringVal("10.0.0.255"),
		`cidrhost("fd00::/64", 10)`:                             cty.StringVal("fd00::a"),
		`cidrnetmask("10.0.0.0/12")`:                            cty.StringVal("255.240.0.0"),
		`cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`:                cty.ListVal([]cty.Value{cty.StringVal("10.1.0.0/20"), cty.StringVal("10.1.16.0/20"), cty.StringVal("10.1.32.0/24"), cty.StringVal("10.1.48.0/20")}),
		`lookup({a = "x"}, "b", "default")`:                     cty.StringVal("default"),
		`merge({a = 1}, {b = 2})["b"]`:                          cty.NumberIntVal(2),
		`replace("a-b-c", "/-/", "_")`:                          cty.StringVal("a_b_c"),
		`replace("a.b", ".", "")`:                               cty.StringVal("ab"),
		`templatefile("user_data.tftpl", {names = ["a", "b"]})`: cty.StringVal("hello a\nhello b\n"),
		`jsondecode(file("policy.json")).a`:                     cty.NumberIntVal(1),
		`fileexists("policy.json")`:                             cty.True,
		`fileexists("nope.json")`:                               cty.False,
		`try(jsondecode("{"), "fallback")`:                      cty.StringVal("fallback"),
		`can(regex("^a", "abc"))`:                               cty.True,
		`coalesce("", "b")`:                                     cty.StringVal("b"),
		`startswith("tfgate", "tf")`:                            cty.True,
		`alltrue([true, true])`:                                 cty.True,
		`anytrue([false])`:                                      cty.False,
		`sum([1, 2, 3])`:                                        cty.NumberIntVal(6),
		`one([])`:                                               cty.NullVal(cty.DynamicPseudoType),
		`sha256("a")`:                                           cty.StringVal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
		`base64decode(base64encode("x"))`:                       cty.StringVal("x"),
		`length(flatten([[1], [2, 3]]))`:                        cty.NumberIntVal(3),
		`zipmap(["a"], [1])["a"]`:                               cty.NumberIntVal(1),
		`length(toset(["a", "a"]))`:                             cty.NumberIntVal(1),
		`format("%s-%d", "a", 1)`:                               cty.StringVal("a-1"),
	}
	for src, want := range cases {
		t.Run(src, func(t *testing.T) {
			got, diags := evalWithFuncs(t, dir, src)
			if diags.HasErrors() {
				t.Fatalf("%s", diags)
			}
			if !got.RawEquals(want) {
				t.Errorf("= %#v, want %#v", got, want)
			}
		})
	}
}

func TestTerraformFunctionsUnknownAndPure(t *testing.T) {
	dir := t.TempDir()
	for _, src := range []string{`timestamp()`, `uuid()`, `upper(unknown)`, `cidrsubnet(unknown, 8, 1)`, `abspath("x")`, `bcrypt("x")`} {
		got, diags := evalWithFuncs(t, dir, src)
		if diags.HasErrors() {
			t.Errorf("%s: %s", src, diags)
			continue
		}
		if got.IsKnown() {
			t.Errorf("%s = %#v, want an unknown value", src, got)
		}
	}
}

func TestFileOutsideTreeRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "c")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, diags := evalWithFuncs(t, dir, `file("/etc/passwd")`)
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "outside the configuration tree") {
		t.Errorf("file outside the tree: %v", diags)
	}
}

func TestSensitiveFunction(t *testing.T) {
	got, diags := evalWithFuncs(t, t.TempDir(), `sensitive("x")`)
	if diags.HasErrors() || !got.HasMark(sensitiveMark) {
		t.Errorf("sensitive() = %#v %v", got, diags)
	}
	got, _ = evalWithFuncs(t, t.TempDir(), `issensitive(sensitive("x"))`)
	if !got.RawEquals(cty.True) {
		t.Errorf("issensitive = %#v", got)
	}
}
