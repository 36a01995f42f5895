package funcs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tfgate/tfgate/plan"
)

func evalWithFuncs(t *testing.T, dir, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %s", src, diags)
	}
	ctx := &hcl.EvalContext{
		Functions: Table(dir),
		Variables: map[string]cty.Value{"unknown": cty.UnknownVal(cty.String)},
	}
	return expr.Value(ctx)
}

func TestFuncsValues(t *testing.T) {
	// The module under test sits in a repository whose other directories
	// file() may read.
	repo := t.TempDir()
	dir := filepath.Join(repo, "root")
	for _, d := range []string{filepath.Join(repo, ".git"), filepath.Join(repo, "shared"), dir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(repo, "shared", "common.txt"), []byte("from a parent"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "user_data.tftpl"), []byte("%{ for n in names ~}\nhello ${n}\n%{ endfor ~}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "policy.json"), []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tags.yaml"), []byte("Owner: team-a\nCostCenter: cc-100\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "deep.json"), []byte(`{}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]cty.Value{
		`cidrsubnet("10.0.0.0/16", 8, 2)`:                          cty.StringVal("10.0.2.0/24"),
		`cidrsubnet("10.1.2.0/24", 4, 15)`:                         cty.StringVal("10.1.2.240/28"),
		`cidrsubnet("fd00::/56", 8, 1)`:                            cty.StringVal("fd00:0:0:1::/64"),
		`cidrhost("10.0.0.0/24", 5)`:                               cty.StringVal("10.0.0.5"),
		`cidrhost("10.0.0.0/24", -1)`:                              cty.StringVal("10.0.0.255"),
		`cidrhost("fd00::/64", 10)`:                                cty.StringVal("fd00::a"),
		`cidrnetmask("10.0.0.0/12")`:                               cty.StringVal("255.240.0.0"),
		`cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)`:                   cty.ListVal([]cty.Value{cty.StringVal("10.1.0.0/20"), cty.StringVal("10.1.16.0/20"), cty.StringVal("10.1.32.0/24"), cty.StringVal("10.1.48.0/20")}),
		`lookup({a = "x"}, "b", "default")`:                        cty.StringVal("default"),
		`merge({a = 1}, {b = 2})["b"]`:                             cty.NumberIntVal(2),
		`replace("a-b-c", "/-/", "_")`:                             cty.StringVal("a_b_c"),
		`replace("a.b", ".", "")`:                                  cty.StringVal("ab"),
		`templatefile("user_data.tftpl", {names = ["a", "b"]})`:    cty.StringVal("hello a\nhello b\n"),
		`jsondecode(file("policy.json")).a`:                        cty.NumberIntVal(1),
		`fileexists("policy.json")`:                                cty.True,
		`fileexists("nope.json")`:                                  cty.False,
		`try(jsondecode("{"), "fallback")`:                         cty.StringVal("fallback"),
		`can(regex("^a", "abc"))`:                                  cty.True,
		`coalesce("", "b")`:                                        cty.StringVal("b"),
		`startswith("tfgate", "tf")`:                               cty.True,
		`alltrue([true, true])`:                                    cty.True,
		`anytrue([false])`:                                         cty.False,
		`sum([1, 2, 3])`:                                           cty.NumberIntVal(6),
		`one([])`:                                                  cty.NullVal(cty.DynamicPseudoType),
		`sha256("a")`:                                              cty.StringVal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"),
		`base64decode(base64encode("x"))`:                          cty.StringVal("x"),
		`length(flatten([[1], [2, 3]]))`:                           cty.NumberIntVal(3),
		`zipmap(["a"], [1])["a"]`:                                  cty.NumberIntVal(1),
		`length(toset(["a", "a"]))`:                                cty.NumberIntVal(1),
		`format("%s-%d", "a", 1)`:                                  cty.StringVal("a-1"),
		`cidrhost("fd00:1::/64", -1)`:                              cty.StringVal("fd00:1::ffff:ffff:ffff:ffff"),
		`cidrnetmask("172.16.0.0/20")`:                             cty.StringVal("255.255.240.0"),
		`cidrsubnet("172.16.0.0/12", 4, 2)`:                        cty.StringVal("172.18.0.0/16"),
		`cidrsubnet("2001:db8::/32", 16, 258)`:                     cty.StringVal("2001:db8:102::/48"),
		`lookup({a = "x"}, "a")`:                                   cty.StringVal("x"),
		`lookup(tomap({a = "x"}), "a")`:                            cty.StringVal("x"),
		`merge({a = 1, b = "x"}, {b = "y"})`:                       cty.ObjectVal(map[string]cty.Value{"a": cty.NumberIntVal(1), "b": cty.StringVal("y")}),
		`replace("ab12cd", "/[0-9]+/", "-")`:                       cty.StringVal("ab-cd"),
		`replace("v1.2", "/v([0-9])/", "$1")`:                      cty.StringVal("1.2"),
		`fileset(".", "**/*.json")`:                                cty.SetVal([]cty.Value{cty.StringVal("policy.json"), cty.StringVal("sub/deep.json")}),
		`fileset("sub", "*.json")`:                                 cty.SetVal([]cty.Value{cty.StringVal("deep.json")}),
		`filesha256("policy.json") == sha256(file("policy.json"))`: cty.True,
		`basename("a/b/c.txt")`:                                    cty.StringVal("c.txt"),
		`dirname("a/b/c.txt")`:                                     cty.StringVal("a/b"),
		`length("héllo")`:                                          cty.NumberIntVal(5),
		`strcontains("hello", "ell")`:                              cty.True,
		`endswith("hello", "lo")`:                                  cty.True,
		`transpose({a = ["x", "y"], b = ["x"]})["x"]`:              cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		`matchkeys(["i-1", "i-2"], ["a", "b"], ["b"])`:             cty.ListVal([]cty.Value{cty.StringVal("i-2")}),
		`coalesce(null, "x")`:                                      cty.StringVal("x"),
		`setproduct(["a"], ["b"])[0][1]`:                           cty.StringVal("b"),
		`formatdate("YYYY-MM-DD", "2024-03-01T10:00:00Z")`:         cty.StringVal("2024-03-01"),
		`timeadd("2024-03-01T10:00:00Z", "1h")`:                    cty.StringVal("2024-03-01T11:00:00Z"),
		`length(setunion(["a"], ["b", "a"]))`:                      cty.NumberIntVal(2),
		`log(100, 10) > 1.99`:                                      cty.True,
		`file("../shared/common.txt")`:                             cty.StringVal("from a parent"),
		`nonsensitive(sensitive("x"))`:                             cty.StringVal("x"),
		`yamldecode(file("tags.yaml"))`:                            cty.ObjectVal(map[string]cty.Value{"Owner": cty.StringVal("team-a"), "CostCenter": cty.StringVal("cc-100")}),
		`yamldecode("- 1\n- b\n")`:                                 cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.StringVal("b")}),
		`yamlencode({a = "x"})`:                                    cty.StringVal("\"a\": \"x\"\n"),
		`uuidv5("dns", "tfgate.example")`:                          cty.StringVal("9de805a6-535a-569e-8b39-b04053e6c722"),
		`md5("a")`:                                                 cty.StringVal("0cc175b9c0f1b6a831c399e269772661"),
		`base64sha256("a")`:                                        cty.StringVal("ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs="),
		`urlencode("a b&c")`:                                       cty.StringVal("a+b%26c"),
		`filebase64("policy.json")`:                                cty.StringVal("eyJhIjoxfQ=="),
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

func TestFuncsUnknownAndPure(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.tftpl"), []byte("${x}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{`timestamp()`, `uuid()`, `upper(unknown)`, `cidrsubnet(unknown, 8, 1)`, `abspath("x")`, `bcrypt("x")`,
		`cidrhost(unknown, 1)`, `cidrnetmask(unknown)`, `cidrsubnets(unknown, 4)`, `replace(unknown, "/a/", "b")`,
		`file(unknown)`, `templatefile("t.tftpl", {x = unknown})`, `lookup({a = unknown}, "a", "d")`,
		`sha256(unknown)`, `base64encode(unknown)`, `jsonencode({a = unknown})`, `yamldecode(unknown)`, `yamlencode({a = unknown})`,
		`plantimestamp()`, `formatdate("YYYY", unknown)`, `coalesce(unknown, "x")`, `sum([1, tonumber(unknown)])`} {
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

func TestFuncsFileOutsideTreeRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "c")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, diags := evalWithFuncs(t, dir, `file("/etc/passwd")`)
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "outside the configuration tree") {
		t.Errorf("file outside the tree: %v", diags)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Skipf("symlink: %v", err)
	}
	_, diags = evalWithFuncs(t, dir, `file("link")`)
	if !diags.HasErrors() || !strings.Contains(diags.Error(), "outside the configuration tree") {
		t.Errorf("file outside the tree: %v", diags)
	}
	if err := os.Symlink("/etc", filepath.Join(dir, "etc")); err != nil {
		t.Fatal(err)
	}
	// Every file function, whatever way out it tries: an absolute path,
	// "..", a link to a file or a directory outside, a fileset pattern.
	for _, src := range []string{
		`filebase64("/etc/passwd")`, `fileexists("/etc/passwd")`, `filemd5("/etc/passwd")`,
		`filesha256("link")`, `templatefile("/etc/passwd", {})`, `file("../../../../etc/passwd")`,
		`fileset("/etc", "*")`, `fileset(".", "../../../*")`, `fileset(".", "/etc/*")`, `fileset(".", "etc/*")`,
		`fileset("etc", "*")`, `yamldecode(file("etc/hostname"))`,
	} {
		_, diags := evalWithFuncs(t, dir, src)
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "configuration tree") {
			t.Errorf("%s: %v, want an error naming the configuration tree", src, diags)
		}
	}
}

func TestFuncsSensitive(t *testing.T) {
	got, diags := evalWithFuncs(t, t.TempDir(), `sensitive("x")`)
	if diags.HasErrors() || !got.HasMark(plan.SensitiveMark) {
		t.Errorf("sensitive() = %#v %v", got, diags)
	}
	got, _ = evalWithFuncs(t, t.TempDir(), `issensitive(sensitive("x"))`)
	if !got.RawEquals(cty.True) {
		t.Errorf("issensitive = %#v", got)
	}
}

// TestFuncsNoPanic calls every function with unknown, null, marked and
// ordinary arguments: none may panic (go-cty turns a panic into a
// function.PanicError).
func TestFuncsNoPanic(t *testing.T) {
	dir := t.TempDir()
	args := []cty.Value{
		cty.UnknownVal(cty.String), cty.DynamicVal, cty.NullVal(cty.String), cty.NullVal(cty.DynamicPseudoType),
		cty.StringVal("10.0.0.0/16").Mark(plan.SensitiveMark), cty.NumberIntVal(4).Mark(plan.SensitiveMark),
		cty.ListVal([]cty.Value{cty.UnknownVal(cty.String)}), cty.MapVal(map[string]cty.Value{"a": cty.StringVal("b").Mark(plan.SensitiveMark)}),
		cty.StringVal("x"), cty.NumberIntVal(-1),
	}
	funcs := Table(dir)
	for name, fn := range funcs {
		for n := 0; n <= 3; n++ {
			for _, a := range args {
				call := make([]cty.Value, n)
				for i := range call {
					call[i] = a
				}
				_, err := fn.Call(call)
				var perr function.PanicError
				if errors.As(err, &perr) {
					t.Errorf("%s(%d × %#v) panicked: %v", name, n, a, perr)
				}
			}
		}
	}
}

func TestFuncsMarksPropagate(t *testing.T) {
	for _, src := range []string{`upper(sensitive("x"))`, `cidrsubnet(sensitive("10.0.0.0/16"), 8, 1)`, `lookup({a = sensitive("x")}, "a")`, `sha256(sensitive("x"))`,
		`yamldecode(sensitive("a: 1"))`, `yamlencode({a = sensitive("x")})`, `cidrhost(sensitive("10.0.0.0/24"), 1)`, `base64encode(sensitive("x"))`} {
		got, diags := evalWithFuncs(t, t.TempDir(), src)
		if diags.HasErrors() || !got.HasMark(plan.SensitiveMark) {
			t.Errorf("%s = %#v %v, want a value marked sensitive", src, got, diags)
		}
	}
}

func TestFuncsErrors(t *testing.T) {
	for _, src := range []string{`lookup({a = "x"}, "b")`, `lookup(tomap({a = "x"}), "b")`, `cidrsubnet("10.0.0.0/30", 8, 1)`, `cidrsubnet("10.0.0.0/16", 8, 256)`, `cidrhost("10.0.0.0/24", 256)`, `cidrsubnet("not-a-cidr", 8, 1)`, `log(-1, 10)`,
		`cidrnetmask("fd00::/64")`, `yamldecode("a: [")`, `base64decode("%%%")`} {
		if _, diags := evalWithFuncs(t, t.TempDir(), src); !diags.HasErrors() {
			t.Errorf("%s: no error", src)
		}
	}
}

func TestFuncsLengthOfObject(t *testing.T) {
	got, diags := evalWithFuncs(t, t.TempDir(), `length({ for k in ["a", "b", "c"] : k => upper(k) })`)
	if diags.HasErrors() || !got.RawEquals(cty.NumberIntVal(3)) {
		t.Errorf("length of an object = %#v %v, want 3", got, diags)
	}
}
