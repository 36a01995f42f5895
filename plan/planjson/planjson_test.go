package planjson_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/input"
	"github.com/tfgate/tfgate/plan/planjson"
)

func loadFixture(t *testing.T, c string) *plan.Document {
	t.Helper()
	docs, err := input.Load(filepath.Join("..", "..", "fixtures", c, "plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

func byAddress(d *plan.Document) map[string]plan.Resource {
	m := map[string]plan.Resource{}
	for _, r := range d.Resources {
		m[r.Address] = r
	}
	return m
}

func TestReadPlanJSONRefusals(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"empty", "  \n", "p.json is empty"},
		{"truncated", "{\n\"format_version\": \"1.2\",\n\"resource_changes\": [", "p.json:3: invalid JSON: the document is truncated"},
		{"syntax", "{\n\"format_version\": 1.2.3}", "p.json:2: invalid JSON"},
		{"trailing", `{"format_version": "1.2"}` + "\n{}", "p.json:2: invalid JSON: unexpected data after the plan document"},
		{"array", `[1]`, "not a Terraform plan"},
		{"no format", `{"resource_changes": []}`, "not a Terraform plan (no format_version)"},
		{"raw state", `{"version": 4, "resources": []}`, "raw state file"},
		{"shown state", `{"format_version": "1.0", "values": {}}`, "is a Terraform state"},
		{"future", `{"format_version": "2.0", "resource_changes": []}`, `format_version "2.0" is not supported`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := planjson.Read([]byte(tc.data), "p.json", plan.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestEmptyPlanIsValid(t *testing.T) {
	d, err := planjson.Read([]byte(`{"format_version": "1.2", "terraform_version": "1.11.4"}`), "p.json", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Resources) != 0 || d.Resources == nil {
		t.Errorf("resources = %#v, want an empty list", d.Resources)
	}
}

func TestModulesFixture(t *testing.T) {
	d := loadFixture(t, "modules")
	rs := byAddress(d)
	sse := rs[`module.logs["a"].aws_s3_bucket_server_side_encryption_configuration.this`]
	if d := cmp.Diff([]string{`module.logs["a"].aws_s3_bucket.this`}, sse.References["bucket"]); d != "" {
		t.Errorf("bucket reference (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"aws_kms_key.logs"}, sse.References["rule.apply_server_side_encryption_by_default.kms_master_key_id"]); d != "" {
		t.Errorf("reference through a module variable (-want +got):\n%s", d)
	}
	b := rs[`module.logs["b"].aws_s3_bucket.this`]
	if b.Provider.ConfigKey != "aws.west" || b.Provider.Alias != "west" || b.Region != "us-west-2" || b.Module != `module.logs["b"]` || b.Index != nil {
		t.Errorf("providers map not followed: %+v region %v", b.Provider, b.Region)
	}
	a := rs["module.archive[0].aws_s3_bucket.this"]
	if a.Provider.ConfigKey != "aws" || a.Region != "us-east-1" || a.Tags["Owner"] != "data" {
		t.Errorf("archive bucket: %+v region %v tags %v", a.Provider, a.Region, a.Tags)
	}
	if a.Location == nil || !strings.HasSuffix(filepath.ToSlash(a.Location.File), "fixtures/modules/modules/bucket/main.tf") || a.Location.StartLine != 22 {
		t.Errorf("module resource location = %+v", a.Location)
	}
}

func TestRegionFromRootVariable(t *testing.T) {
	rs := byAddress(loadFixture(t, "regions"))
	if r := rs["aws_sqs_queue.home"]; r.Region != "eu-west-1" || r.Provider.Region != "eu-west-1" {
		t.Errorf("home region = %v (provider %v)", r.Region, r.Provider.Region)
	}
	if r := rs["aws_sqs_queue.away"]; r.Region != "ap-southeast-2" || r.Provider.ConfigKey != "aws.sydney" {
		t.Errorf("away = %v %+v", r.Region, r.Provider)
	}
}

func TestSensitiveValuesRedacted(t *testing.T) {
	d := loadFixture(t, "sensitive")
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"Fixture-S3cr3t-Pa55word", "secret-owner-alice"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("document contains the sensitive value %q", secret)
		}
	}
	rs := byAddress(d)
	if got := rs["aws_sqs_queue.jobs"].Tags["Owner"]; got != plan.Redacted {
		t.Errorf("sensitive tag in tags_all = %v, want %q", got, plan.Redacted)
	}
	if got := rs["aws_db_instance.app"].After.(map[string]any)["password"]; got != plan.Redacted {
		t.Errorf("password = %v", got)
	}
}

func TestUnknownValues(t *testing.T) {
	rs := byAddress(loadFixture(t, "unknown"))
	sg := rs["aws_security_group.to_nat"]
	u := sg.Unknown.(map[string]any)["egress"].([]any)[0].(map[string]any)["cidr_blocks"]
	if u != true {
		t.Errorf("unknown egress cidr_blocks = %v", u)
	}
}

func loadTestdataPlan(t *testing.T, name string) map[string]plan.Resource {
	t.Helper()
	docs, err := input.Load(filepath.Join("testdata", "plans", name), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return byAddress(docs[0])
}

func TestTestdataModulesRefs(t *testing.T) {
	rs := loadTestdataPlan(t, "modules_refs.json")
	type view struct {
		Kind, ConfigKey string
		ProviderRegion  any
		Region          any
		Tags            map[string]any
		References      map[string][]string
	}
	cases := []struct {
		addr string
		want view
	}{
		{"aws_kms_key.k[0]", view{"create", "aws", "eu-central-1", "eu-central-1", map[string]any{"Owner": "ops"}, map[string][]string{}}},
		{`module.logs["a"].aws_s3_bucket.this`, view{"replace", "module.logs:aws", "us-west-2", "us-west-2", map[string]any{"Owner": "ops", "Team": "x"}, map[string][]string{}}},
		{`module.logs["a"].aws_s3_bucket_server_side_encryption_configuration.this`, view{"create", "module.logs:aws", "us-west-2", "us-west-2", nil, map[string][]string{
			"bucket": {`module.logs["a"].aws_s3_bucket.this`},
			"rule.apply_server_side_encryption_by_default.kms_master_key_id": {"aws_kms_key.k[0]"},
		}}},
		{"aws_sqs_queue.q", view{"update", "aws", "eu-central-1", "eu-central-1", map[string]any{"Owner": "t"}, map[string][]string{
			"name":   {"module.logs.aws_s3_bucket.this"},
			"policy": {"data.aws_iam_policy_document.p"},
		}}},
		{"data.aws_iam_policy_document.p", view{"read", "aws", "eu-central-1", "eu-central-1", nil, map[string][]string{}}},
	}
	for _, tc := range cases {
		t.Run(tc.addr, func(t *testing.T) {
			r, ok := rs[tc.addr]
			if !ok {
				t.Fatalf("resource %s missing", tc.addr)
			}
			got := view{r.Change.Kind, r.Provider.ConfigKey, r.Provider.Region, r.Region, r.Tags, r.References}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if r.Provider.Name != "aws" || r.Provider.Source != "registry.terraform.io/hashicorp/aws" {
				t.Errorf("provider = %+v", r.Provider)
			}
		})
	}
	q := rs["aws_sqs_queue.q"]
	for _, v := range []any{q.Before, q.After} {
		if got := v.(map[string]any)["policy"]; got != plan.Redacted {
			t.Errorf("sensitive policy = %v, want %q", got, plan.Redacted)
		}
	}
	if d := cmp.Diff(map[string]any{"arn": true, "tags_all": true}, rs["aws_kms_key.k[0]"].Unknown); d != "" {
		t.Errorf("unknown (-want +got):\n%s", d)
	}
	if rs["aws_kms_key.k[0]"].Index != float64(0) {
		t.Errorf("index = %#v", rs["aws_kms_key.k[0]"].Index)
	}
}

func corpusPlan(t *testing.T, name string) *plan.Document {
	t.Helper()
	path := filepath.Join(corpusDir(t), "plans", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus plan %s not available: %v", name, err)
	}
	docs, err := input.Load(path, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

func TestCorpusProviderAliasing(t *testing.T) {
	rs := byAddress(corpusPlan(t, "opentofu__showjson_provider_aliasing.json"))
	type prov struct {
		Alias, ConfigKey string
		Region           any
	}
	def := prov{"", "test", "somewhere"}
	backup := prov{"backup", "test.backup", "elsewhere"}
	want := map[string]prov{
		"test_instance.test":                                          def,
		"test_instance.test_backup":                                   backup,
		"module.child.test_instance.test_primary":                     def,
		"module.child.test_instance.test_secondary":                   backup,
		"module.child.module.grandchild.test_instance.test_main":      def,
		"module.child.module.grandchild.test_instance.test_alternate": backup,
		// module "sibling" maps test.backup = test: its keys are "test".
		"module.sibling.test_instance.test_primary":                     def,
		"module.sibling.test_instance.test_secondary":                   def,
		"module.sibling.module.grandchild.test_instance.test_main":      def,
		"module.sibling.module.grandchild.test_instance.test_alternate": def,
	}
	got := map[string]prov{}
	for a, r := range rs {
		got[a] = prov{r.Provider.Alias, r.Provider.ConfigKey, r.Region}
		if r.Provider.Name != "test" || r.Provider.Source != "registry.opentofu.org/hashicorp/test" {
			t.Errorf("%s provider = %+v", a, r.Provider)
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("providers (-want +got):\n%s", d)
	}
}

func TestCorpusModuleProviderConfig(t *testing.T) {
	rs := byAddress(corpusPlan(t, "tfcompliance__non_created_module_resource_parameter.json"))
	if len(rs) == 0 {
		t.Fatal("no resources")
	}
	for a, r := range rs {
		if r.Provider.ConfigKey != "module.apigw_test_1:aws" || r.Provider.Name != "aws" {
			t.Errorf("%s: provider %+v, want the configuration declared in module.apigw_test_1", a, r.Provider)
		}
	}
	r := rs["module.apigw_test_1.aws_api_gateway_domain_name.apigw"]
	want := map[string][]string{
		"certificate_arn":          {"module.apigw_test_1.module.acm_cert_edge[0].aws_acm_certificate.cert"},
		"domain_name":              {"module.apigw_test_1.data.aws_route53_zone.main"},
		"regional_certificate_arn": {"module.apigw_test_1.module.acm_cert_regional[0].aws_acm_certificate.cert"},
	}
	if d := cmp.Diff(want, r.References); d != "" {
		t.Errorf("references through module outputs (-want +got):\n%s", d)
	}
}

func TestCorpusSensitiveRedacted(t *testing.T) {
	for _, name := range []string{"tfjson__110_sensitive_values.json", "tfjson__has_checks.json"} {
		t.Run(name, func(t *testing.T) {
			d := corpusPlan(t, name)
			raw, err := os.ReadFile(filepath.Join(corpusDir(t), "plans", name))
			if err != nil {
				t.Fatal(err)
			}
			secrets := markedSensitiveStrings(t, raw)
			data, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range secrets {
				if strings.Contains(string(data), s) {
					t.Errorf("document contains the sensitive value %q", s)
				}
			}
			if name == "tfjson__110_sensitive_values.json" {
				// Only the output "foo" is sensitive there; outputs are not part
				// of the document, and unmarked resource values stay as they are.
				after := byAddress(d)["null_resource.foo"].After.(map[string]any)
				if d := cmp.Diff(map[string]any{"foo": "bar"}, after["triggers"]); d != "" {
					t.Errorf("unmarked values were changed (-want +got):\n%s", d)
				}
			}
		})
	}
}

func TestBinaryPlanMissingTerraform(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tfplan")
	if err := os.WriteFile(path, []byte("PK\x03\x04rest-of-zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := input.Load(path, plan.Options{TerraformBin: filepath.Join(t.TempDir(), "no-terraform")})
	if err == nil || !strings.Contains(err.Error(), "saved binary plan") || !strings.Contains(err.Error(), "terraform show -json") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}

func TestBinaryPlanShowFails(t *testing.T) {
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	path := filepath.Join(t.TempDir(), "tfplan")
	if err := os.WriteFile(path, []byte("PK\x03\x04not-really-a-zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = input.Load(path, plan.Options{TerraformBin: bin})
	if err == nil || !strings.Contains(err.Error(), "show -json` failed: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v", err)
	}
}

// TestBinaryPlan makes a real saved plan offline with the provider mirror and
// reads it through `terraform show -json`.
func TestBinaryPlan(t *testing.T) {
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	if _, err := os.Stat("/opt/tf-plugins/registry.terraform.io/hashicorp/aws"); err != nil {
		t.Skip("the provider mirror /opt/tf-plugins is not available")
	}
	if testing.Short() {
		t.Skip("runs terraform init/plan")
	}
	dir := t.TempDir()
	rc := filepath.Join(dir, "tf.rc")
	files := map[string]string{
		rc: `provider_installation {
  filesystem_mirror {
    path = "/opt/tf-plugins"
  }
}
`,
		filepath.Join(dir, "main.tf"): `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "eu-west-1"
  access_key                  = "AKIAEXAMPLEEXAMPLE00"
  secret_key                  = "dummy-secret-key-for-tests"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  default_tags {
    tags = { Owner = "tests" }
  }
}

resource "aws_sqs_queue" "q" {
  name = "tfgate-binary-plan"
  tags = { Team = "x" }
}
`,
	}
	for p, c := range files {
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	for _, args := range [][]string{{"init", "-input=false", "-no-color"}, {"plan", "-refresh=false", "-input=false", "-no-color", "-out=tfplan"}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("terraform %s failed (offline mirror not usable here?): %v\n%s", args[0], err, out)
		}
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
	docs, err := input.Load(filepath.Join(dir, "tfplan"), plan.Options{TerraformBin: bin})
	if err != nil {
		t.Fatal(err)
	}
	rs := byAddress(docs[0])
	q, ok := rs["aws_sqs_queue.q"]
	if !ok {
		t.Fatalf("resources = %v", rs)
	}
	got := map[string]any{"kind": q.Change.Kind, "region": q.Region, "tags": q.Tags, "provider": q.Provider.Source, "file": q.Location != nil && q.Location.StartLine == 19 && q.Location.File == filepath.Join(dir, "main.tf")}
	want := map[string]any{"kind": "create", "region": "eu-west-1", "tags": map[string]any{"Owner": "tests", "Team": "x"}, "provider": "registry.terraform.io/hashicorp/aws", "file": true}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("binary plan resource (-want +got):\n%s", d)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	testutil.WriteFiles(t, dir, files)
}

func TestPlanLocations(t *testing.T) {
	const planJSON = `{"format_version": "1.2",
 "resource_changes": [
  {"address": "aws_sqs_queue.root", "mode": "managed", "type": "aws_sqs_queue", "name": "root", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}},
  {"address": "data.aws_caller_identity.me", "mode": "data", "type": "aws_caller_identity", "name": "me", "provider_name": "aws", "change": {"actions": ["read"], "after": {}}},
  {"address": "module.local[0].aws_sqs_queue.q", "module_address": "module.local[0]", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.local[0].module.inner.aws_sqs_queue.i", "module_address": "module.local[0].module.inner", "mode": "managed", "type": "aws_sqs_queue", "name": "i", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.remote.aws_sqs_queue.r", "module_address": "module.remote", "mode": "managed", "type": "aws_sqs_queue", "name": "r", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.broken.aws_sqs_queue.b", "module_address": "module.broken", "mode": "managed", "type": "aws_sqs_queue", "name": "b", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}},
  {"address": "module.gone.aws_sqs_queue.g", "module_address": "module.gone", "mode": "managed", "type": "aws_sqs_queue", "name": "g", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}}
 ],
 "configuration": {"root_module": {"module_calls": {
  "local": {"source": "./modules/local", "module": {"module_calls": {"inner": {"source": "../inner", "module": {}}}}},
  "remote": {"source": "terraform-aws-modules/sqs/aws", "module": {}},
  "broken": {"source": "./modules/broken", "module": {}},
  "gone": {"source": "./modules/gone", "module": {}}
 }}}}`
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"plan.json":                        planJSON,
		"main.tf":                          "resource \"aws_sqs_queue\" \"root\" {\n  name = \"r\"\n}\n\ndata \"aws_caller_identity\" \"me\" {}\n",
		"modules/local/main.tf":            "\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n  tags = { Owner = \"x\" }\n}\n",
		"modules/inner/main.tf":            "resource \"aws_sqs_queue\" \"i\" {}\n",
		"modules/broken/main.tf":           "resource \"aws_sqs_queue\" \"b\" {\n",
		".terraform/modules/modules.json":  `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"remote","Source":"registry.terraform.io/terraform-aws-modules/sqs/aws","Dir":".terraform/modules/remote"}]}`,
		".terraform/modules/remote/sqs.tf": "# queue\n\nresource \"aws_sqs_queue\" \"r\" {\n  name = \"r\"\n}\n",
	})
	type loc struct {
		File       string
		Start, End int
	}
	want := map[string]*loc{
		"aws_sqs_queue.root":                           {"main.tf", 1, 3},
		"data.aws_caller_identity.me":                  {"main.tf", 5, 5},
		"module.local[0].aws_sqs_queue.q":              {"modules/local/main.tf", 2, 5},
		"module.local[0].module.inner.aws_sqs_queue.i": {"modules/inner/main.tf", 1, 1},
		"module.remote.aws_sqs_queue.r":                {".terraform/modules/remote/sqs.tf", 3, 5},
		"module.broken.aws_sqs_queue.b":                nil,
		"module.gone.aws_sqs_queue.g":                  nil,
	}
	docs, err := input.Load(filepath.Join(dir, "plan.json"), plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*loc{}
	for _, r := range docs[0].Resources {
		if r.Location == nil {
			got[r.Address] = nil
			continue
		}
		rel, err := filepath.Rel(dir, r.Location.File)
		if err != nil {
			t.Fatal(err)
		}
		got[r.Address] = &loc{filepath.ToSlash(rel), r.Location.StartLine, r.Location.EndLine}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("locations (-want +got):\n%s", d)
	}
	q := byAddress(docs[0])["module.local[0].aws_sqs_queue.q"]
	if r, ok := q.Location.Lookup("tags.Owner"); !ok || r.StartLine != 4 {
		t.Errorf("tags.Owner range = %+v, %v", r, ok)
	}

	// The same plan elsewhere, with opts.ConfigDir naming the .tf files.
	other := filepath.Join(t.TempDir(), "plan.json")
	writeFiles(t, filepath.Dir(other), map[string]string{"plan.json": planJSON})
	docs, err = input.Load(other, plan.Options{ConfigDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if r := byAddress(docs[0])["aws_sqs_queue.root"]; r.Location == nil || r.Location.File != filepath.Join(dir, "main.tf") {
		t.Errorf("ConfigDir location = %+v", r.Location)
	}
	// Without .tf files: no locations, no error.
	docs, err = input.Load(other, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range docs[0].Resources {
		if r.Location != nil {
			t.Errorf("%s has a location without .tf files: %+v", r.Address, r.Location)
		}
	}
}

func TestProviderConfigKeyFormats(t *testing.T) {
	const tmpl = `{"format_version": "0.1",
 "resource_changes": [
  {"address": "module.m.module.n.aws_sqs_queue.q", "module_address": "module.m.module.n", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "provider_name": "aws", "change": {"actions": ["create"], "after": {}}}
 ],
 "configuration": {
  "provider_config": {
   "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
   %s
  },
  "root_module": {"module_calls": {"m": {"source": "./m", "module": {"module_calls": {"n": {"source": "./n", "module": {
   "resources": [{"address": "aws_sqs_queue.q", "mode": "managed", "type": "aws_sqs_queue", "name": "q", "provider_config_key": %q}]}}}}}}}}}`
	cases := []struct {
		name, extra, key string
		wantKey          string
		wantRegion       any
	}{
		{"inherited plain key", "", "aws", "aws", "eu-west-1"},
		{"old module key, no config in module", "", "n:aws", "aws", "eu-west-1"},
		{"config in the parent module", `, "module.m:aws": {"name": "aws", "module_address": "module.m", "expressions": {"region": {"constant_value": "us-east-2"}}}`, "n:aws", "module.m:aws", "us-east-2"},
		{"config in the module itself", `, "module.m.module.n:aws": {"name": "aws", "module_address": "module.m.module.n", "expressions": {"region": {"constant_value": "ap-south-1"}}}`, "module.m.module.n:aws", "module.m.module.n:aws", "ap-south-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := planjson.Read([]byte(fmt.Sprintf(tmpl, tc.extra, tc.key)), "p.json", plan.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r := d.Resources[0]
			if d := cmp.Diff([]any{tc.wantKey, tc.wantRegion, tc.wantRegion}, []any{r.Provider.ConfigKey, r.Provider.Region, r.Region}); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
