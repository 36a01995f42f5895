package plan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func loadFixture(t *testing.T, c string) *Document {
	t.Helper()
	docs, err := Load(filepath.Join("..", "fixtures", c, "plan.json"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return docs[0]
}

func byAddress(d *Document) map[string]Resource {
	m := map[string]Resource{}
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
			_, err := ReadPlanJSON([]byte(tc.data), "p.json")
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
	d, err := ReadPlanJSON([]byte(`{"format_version": "1.2", "terraform_version": "1.11.4"}`), "p.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Resources) != 0 || d.Resources == nil {
		t.Errorf("resources = %#v, want an empty list", d.Resources)
	}
}

func TestDerivations(t *testing.T) {
	for in, want := range map[string][2]string{
		"aws":                                 {"aws", ""},
		"registry.terraform.io/hashicorp/aws": {"aws", "registry.terraform.io/hashicorp/aws"},
		"registry.opentofu.org/hashicorp/aws": {"aws", "registry.opentofu.org/hashicorp/aws"},
		"hashicorp/google":                    {"google", "registry.terraform.io/hashicorp/google"},
		`provider["registry.terraform.io/hashicorp/azurerm"]`: {"azurerm", "registry.terraform.io/hashicorp/azurerm"},
	} {
		n, s := normalizeProviderName(in)
		if n != want[0] || s != want[1] {
			t.Errorf("normalizeProviderName(%q) = %q, %q; want %q, %q", in, n, s, want[0], want[1])
		}
	}
	for _, tc := range []struct {
		actions []string
		want    string
	}{
		{[]string{"create"}, "create"}, {[]string{"update"}, "update"}, {[]string{"delete", "create"}, "replace"},
		{[]string{"create", "delete"}, "replace"}, {[]string{"delete"}, "delete"}, {[]string{"no-op"}, "no-op"},
		{[]string{"read"}, "read"}, {[]string{"forget"}, "forget"},
	} {
		if got := changeKind(tc.actions); got != tc.want {
			t.Errorf("changeKind(%v) = %q, want %q", tc.actions, got, tc.want)
		}
	}
	if r := effectiveRegion("aws", map[string]any{"region": nil}, map[string]any{"region": true}, "eu-west-1"); r != "eu-west-1" {
		t.Errorf("computed AWS region falls back to the provider: got %v", r)
	}
	if r := effectiveRegion("azurerm", map[string]any{"location": "West Europe"}, nil, nil); r != "westeurope" {
		t.Errorf("azure location = %v", r)
	}
	if r := effectiveRegion("google", map[string]any{"zone": nil}, map[string]any{"zone": true}, "europe-west1"); r != nil {
		t.Errorf("unknown google zone = %v, want nil", r)
	}
	tags := effectiveTags(map[string]any{"tags": map[string]any{"Owner": "a"}, "tags_all": nil}, map[string]any{"tags_all": true}, map[string]any{"Owner": "x", "CostCenter": "1"})
	if d := cmp.Diff(map[string]any{"Owner": "a", "CostCenter": "1"}, tags); d != "" {
		t.Errorf("tags merged over default_tags (-want +got):\n%s", d)
	}
	if effectiveTags(map[string]any{"bucket": "b"}, nil, map[string]any{"Owner": "x"}) != nil {
		t.Error("a type without tags got tags")
	}
	tags = effectiveTags(map[string]any{"tags_all": map[string]any{"A": "1"}}, map[string]any{"tags_all": map[string]any{"B": true}}, nil)
	if d := cmp.Diff(map[string]any{"A": "1", "B": nil}, tags); d != "" {
		t.Errorf("unknown tag value (-want +got):\n%s", d)
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
	if got := rs["aws_sqs_queue.jobs"].Tags["Owner"]; got != Redacted {
		t.Errorf("sensitive tag in tags_all = %v, want %q", got, Redacted)
	}
	if got := rs["aws_db_instance.app"].After.(map[string]any)["password"]; got != Redacted {
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

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "nope.json"), Options{}); err == nil || !strings.Contains(err.Error(), "no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
	unreadable := filepath.Join(dir, "locked.json")
	if err := os.WriteFile(unreadable, []byte("{}"), 0o000); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 { // root reads anything
		if _, err := Load(unreadable, Options{}); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("unreadable file: %v", err)
		}
	}
	if _, err := Load("-", Options{Stdin: strings.NewReader("PK\x03\x04junk")}); err == nil || !strings.Contains(err.Error(), "binary plan") {
		t.Errorf("binary plan on stdin: %v", err)
	}
}
