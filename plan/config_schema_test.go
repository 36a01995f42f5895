package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSchemaTableFor(t *testing.T) {
	cases := []struct {
		source string
		want   *schemaTable
	}{
		{"registry.terraform.io/hashicorp/aws", awsSchema},
		{"registry.terraform.io/hashicorp/azurerm", azurermSchema},
		{"registry.terraform.io/hashicorp/google", googleSchema},
		{"registry.terraform.io/hashicorp/google-beta", googleSchema},
		{"registry.opentofu.org/hashicorp/google", googleSchema},
		{"Registry.Terraform.io/HashiCorp/AzureRM", azurermSchema},
		{"registry.terraform.io/hashicorp/azuread", nil},
		{"registry.terraform.io/azure/azapi", nil},
		{"registry.terraform.io/example/google", nil}, // a fork is not the provider the table was made from
		{"example.com/hashicorp/google", nil},
		{"azurerm", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := tableFor(c.source); got != c.want {
			t.Errorf("tableFor(%q) = %p, want %p", c.source, got, c.want)
		}
	}
	if resourceSchema("registry.terraform.io/hashicorp/google", "data", "google_storage_bucket") != nil {
		t.Error("data sources have no table entry")
	}
}

// TestSchemaTablesContent checks flags and nesting of types the rules rely
// on, as the providers' schemas declare them.
func TestSchemaTablesContent(t *testing.T) {
	type attr struct{ source, typ, name, flags string }
	attrs := []attr{
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "name", "o|string"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "id", "c|string"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "primary_access_key", "cs|string"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "min_tls_version", "o|string"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "https_traffic_only_enabled", "o|bool"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "tags", "o|map(string)"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_mssql_server", "administrator_login_password", "os|string"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "labels", "o|map(string)"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "terraform_labels", "c|map(string)"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "effective_labels", "c|map(string)"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "uniform_bucket_level_access", "c|bool"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "self_link", "c|string"},
		{"registry.terraform.io/hashicorp/google-beta", "google_compute_instance", "machine_type", "o|string"},
		{"registry.terraform.io/hashicorp/google", "google_container_cluster", "resource_labels", "o|map(string)"},
		{"registry.terraform.io/hashicorp/aws", "aws_s3_bucket", "tags_all", "c|map(string)"},
	}
	for _, a := range attrs {
		sch := resourceSchema(a.source, "managed", a.typ)
		if sch == nil {
			t.Errorf("%s: no entry for %s", a.source, a.typ)
			continue
		}
		if got := sch.Attrs[a.name]; got != a.flags {
			t.Errorf("%s.%s: flags %q, want %q", a.typ, a.name, got, a.flags)
		}
	}
	type blk struct{ source, typ, path, mode string }
	blocks := []blk{
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "network_rules", "l"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_storage_account", "blob_properties.delete_retention_policy", "l"},
		// ConfigModeAttr: an attribute that may be written as blocks.
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_network_security_group", "security_rule", "S"},
		{"registry.terraform.io/hashicorp/azurerm", "azurerm_linux_virtual_machine", "os_disk", "l"},
		{"registry.terraform.io/hashicorp/google", "google_compute_firewall", "allow", "s"},
		{"registry.terraform.io/hashicorp/google", "google_storage_bucket", "encryption", "l"},
		{"registry.terraform.io/hashicorp/google", "google_compute_instance", "boot_disk.initialize_params", "l"},
		{"registry.terraform.io/hashicorp/google", "google_sql_database_instance", "settings.ip_configuration.authorized_networks", "s"},
	}
	for _, b := range blocks {
		sch := resourceSchema(b.source, "managed", b.typ)
		parts := strings.Split(b.path, ".")
		for _, p := range parts[:len(parts)-1] {
			sch = sch.nested(p)
		}
		nb, ok := sch.nestedBlock(parts[len(parts)-1])
		if !ok {
			t.Errorf("%s: no block %s", b.typ, b.path)
			continue
		}
		if nb.Mode != b.mode {
			t.Errorf("%s.%s: mode %q, want %q", b.typ, b.path, nb.Mode, b.mode)
		}
	}
	if sch := resourceSchema("registry.terraform.io/hashicorp/azurerm", "managed", "azurerm_no_such_type"); sch != nil {
		t.Error("an unknown type has an entry")
	}
	for name, tab := range map[string]*schemaTable{"azurerm": azurermSchema, "google": googleSchema} {
		if err := tab.load(); err != nil {
			t.Fatalf("%s table: %v", name, err)
		}
		if len(tab.raw) < 1000 {
			t.Errorf("%s table has %d types", name, len(tab.raw))
		}
	}
}

// TestSchemaTablesDecodedOnDemand checks that a configuration of one cloud
// decodes only its provider's table (start-up time).
func TestSchemaTablesDecodedOnDemand(t *testing.T) {
	saved := schemaTables
	defer func() { schemaTables = saved }()
	fresh := map[string]*schemaTable{}
	schemaTables = map[string]*schemaTable{}
	for name, tab := range saved {
		if fresh[name] == nil {
			fresh[name] = &schemaTable{gz: tab.gz}
		}
		schemaTables[name] = fresh[name]
	}
	schemaTables["google-beta"] = schemaTables["google"]
	decoded := func() []string {
		var out []string
		for _, name := range []string{"aws", "azurerm", "google"} {
			if schemaTables[name].raw != nil {
				out = append(out, name)
			}
		}
		return out
	}
	loadOne(t, writeModule(t, map[string]string{"main.tf": awsProvider + `resource "aws_s3_bucket" "b" {}`}), Options{})
	if diff := cmp.Diff([]string{"aws"}, decoded()); diff != "" {
		t.Errorf("after an AWS configuration (-want +got):\n%s", diff)
	}
	loadOne(t, writeModule(t, map[string]string{"main.tf": `resource "google_storage_bucket" "b" {
  provider = google-beta
  name     = "b"
  location = "EU"
}`}), Options{})
	if diff := cmp.Diff([]string{"aws", "google"}, decoded()); diff != "" {
		t.Errorf("after a google-beta configuration (-want +got):\n%s", diff)
	}
}

// TestLoadConfigAzureGoogleSchema checks configuration documents of Azure
// and Google resources against what their plans show: computed attributes
// unknown, optional ones null, absent blocks empty, with or without
// required_providers.
func TestLoadConfigAzureGoogleSchema(t *testing.T) {
	for name, versions := range map[string]string{
		"required_providers": `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    google  = { source = "hashicorp/google" }
  }
}
`,
		"implied by the type prefix": "",
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"main.tf": versions + `
resource "azurerm_storage_account" "sa" {
  name                     = "sa"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  network_rules {
    default_action = "Deny"
  }
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "europe-west1-b"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
}
`})
			doc := loadOne(t, dir, Options{})
			sa := resourceByAddr(t, doc, "azurerm_storage_account.sa")
			checks := []struct {
				res  Resource
				path string
				want any
			}{
				{sa, "id", "<absent>"},                         // computed: unknown
				{sa, "primary_blob_endpoint", "<absent>"},      // computed: unknown
				{sa, "min_tls_version", nil},                   // optional, not set
				{sa, "network_rules.0.default_action", "Deny"}, // set
				{sa, "network_rules.0.ip_rules", "<absent>"},   // optional+computed in a block: unknown
				{sa, "custom_domain", []any{}},                 // absent block
				{sa, "blob_properties", "<absent>"},            // absent Optional+Computed block (from the provider source): unknown
				{sa, "primary_access_key", "<absent>"},         // sensitive and computed
				{sa, "tags", nil},                              // optional, not set
				{resourceByAddr(t, doc, "google_compute_instance.vm"), "boot_disk.0.initialize_params.0.image", "debian-cloud/debian-12"},
				{resourceByAddr(t, doc, "google_compute_instance.vm"), "self_link", "<absent>"},
				{resourceByAddr(t, doc, "google_compute_instance.vm"), "service_account", []any{}},
				{resourceByAddr(t, doc, "google_compute_instance.vm"), "scheduling", "<absent>"}, // Optional+Computed
			}
			for _, c := range checks {
				if diff := cmp.Diff(c.want, at(c.res.After, c.path)); diff != "" {
					t.Errorf("%s %s (-want +got):\n%s", c.res.Address, c.path, diff)
				}
			}
			for _, path := range []string{"id", "primary_blob_endpoint", "primary_access_key", "blob_properties", "network_rules.0.ip_rules"} {
				if at(sa.Unknown, path) != true {
					t.Errorf("%s: %s is not unknown: %v", sa.Address, path, at(sa.Unknown, path))
				}
			}
			if len(doc.Notices) != 0 {
				t.Errorf("notices: %+v", doc.Notices)
			}
		})
	}
}

// TestLoadConfigGoogleLabels checks terraform_labels and effective_labels
// (google provider 5+) against what the provider plans for a create.
func TestLoadConfigGoogleLabels(t *testing.T) {
	cases := []struct {
		name     string
		provider string
		resource string
		// want terraform_labels and effective_labels; "unknown" when the
		// plan has them known only after apply.
		want any
		tags map[string]any
	}{
		{
			name:     "labels only",
			resource: `labels = { team = "core" }`,
			want:     map[string]any{"team": "core"},
			tags:     map[string]any{"team": "core"},
		},
		{
			name:     "default_labels merged, the resource wins",
			provider: `default_labels = { env = "prod", team = "platform" }`,
			resource: `labels = { team = "core" }`,
			want:     map[string]any{"env": "prod", "team": "core"},
			tags:     map[string]any{"env": "prod", "team": "core"},
		},
		{
			name:     "default_labels only",
			provider: `default_labels = { env = "prod" }`,
			want:     map[string]any{"env": "prod"},
			tags:     map[string]any{"env": "prod"},
		},
		{
			name: "neither: unknown, as the provider plans it",
			want: "unknown",
			tags: map[string]any{},
		},
		{
			name:     "a label value known only after apply makes both unknown",
			provider: `default_labels = { env = "prod" }`,
			resource: `labels = { owner = google_compute_network.n.id }`,
			want:     "unknown",
			tags:     map[string]any{"env": "prod", "owner": nil},
		},
		{
			name:     "labels from an unset variable: unknown",
			resource: `labels = var.labels`,
			want:     "unknown",
			tags:     nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeModule(t, map[string]string{"main.tf": `
variable "labels" { type = map(string) }
provider "google" {
  region = "europe-west1"
  ` + c.provider + `
}
resource "google_compute_network" "n" { name = "n" }
resource "google_storage_bucket" "b" {
  name     = "b"
  location = "EU"
  ` + c.resource + `
}
`})
			doc := loadOne(t, dir, Options{})
			b := resourceByAddr(t, doc, "google_storage_bucket.b")
			for _, attr := range []string{"terraform_labels", "effective_labels"} {
				if c.want == "unknown" {
					if at(b.Unknown, attr) != true || at(b.After, attr) != "<absent>" {
						t.Errorf("%s: after %v, unknown %v; want unknown", attr, at(b.After, attr), at(b.Unknown, attr))
					}
					continue
				}
				if diff := cmp.Diff(c.want, at(b.After, attr)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", attr, diff)
				}
				if u := at(b.Unknown, attr); u == true {
					t.Errorf("%s: unknown", attr)
				}
			}
			if diff := cmp.Diff(c.tags, b.Tags); diff != "" {
				t.Errorf("tags (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoadConfigGoogleLabelsInherited checks default_labels through module
// provider inheritance and a providers map, google-beta, and
// google_container_cluster's resource_labels.
func TestLoadConfigGoogleLabelsInherited(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"main.tf": `
provider "google" {
  default_labels = { env = "prod" }
}
provider "google" {
  alias          = "dev"
  default_labels = { env = "dev" }
}
provider "google-beta" {
  default_labels = { env = "beta" }
}
module "inherited" { source = "./mod" }
module "passed" {
  source    = "./mod"
  providers = { google = google.dev }
}
resource "google_container_cluster" "gke" {
  name            = "gke"
  location        = "europe-west1"
  resource_labels = { team = "core" }
}
resource "google_compute_disk" "beta" {
  provider = google-beta
  name     = "d"
  zone     = "europe-west1-b"
  labels   = { team = "core" }
}
`,
		"mod/main.tf": `
resource "google_pubsub_topic" "t" {
  name   = "t"
  labels = { team = "core" }
}
`,
	})
	doc := loadOne(t, dir, Options{})
	want := map[string]map[string]any{
		"module.inherited.google_pubsub_topic.t": {"env": "prod", "team": "core"},
		"module.passed.google_pubsub_topic.t":    {"env": "dev", "team": "core"},
		"google_container_cluster.gke":           {"env": "prod", "team": "core"},
		"google_compute_disk.beta":               {"env": "beta", "team": "core"},
	}
	for addr, labels := range want {
		r := resourceByAddr(t, doc, addr)
		for _, attr := range []string{"terraform_labels", "effective_labels"} {
			if diff := cmp.Diff(labels, at(r.After, attr)); diff != "" {
				t.Errorf("%s %s (-want +got):\n%s", addr, attr, diff)
			}
		}
		if diff := cmp.Diff(labels, r.Tags); diff != "" {
			t.Errorf("%s tags (-want +got):\n%s", addr, diff)
		}
	}
}

// corpusSchemaExceptions are differences between a corpus plan and the
// table that come from the plan's older provider version, keyed
// "type.path". The tables are of azurerm 4.81.0 and google 6.50.0; the
// Azure corpus plans were made with azurerm 2.x (Terraform 0.12 to 1.0),
// the Google ones with google 2.x to 5.0. Each was checked against the
// provider source at the tables' versions (v4.81.0, v6.50.0).
var corpusSchemaExceptions = map[string]string{
	// azurerm 2.x arguments removed or renamed by 3.0 / 4.0.
	"azurerm_network_interface.enable_accelerated_networking":       "azurerm 4.0 renamed it accelerated_networking_enabled",
	"azurerm_network_interface.enable_ip_forwarding":                "azurerm 4.0 renamed it ip_forwarding_enabled",
	"azurerm_postgresql_server.ssl_enforcement":                     "azurerm 3.0 replaced it by ssl_enforcement_enabled",
	"azurerm_postgresql_server.storage_profile":                     "azurerm 3.0 flattened the block into storage_mb, backup_retention_days, ...",
	"azurerm_public_ip.availability_zone":                           "azurerm 3.0 replaced it by zones",
	"azurerm_servicebus_queue.enable_batched_operations":            "azurerm 4.0 renamed it batched_operations_enabled",
	"azurerm_servicebus_queue.enable_express":                       "azurerm 4.0 renamed it express_enabled",
	"azurerm_servicebus_queue.enable_partitioning":                  "azurerm 4.0 renamed it partitioning_enabled",
	"azurerm_servicebus_queue.location":                             "removed in azurerm 3.0 (a queue is located by its namespace)",
	"azurerm_servicebus_queue.namespace_name":                       "azurerm 3.0 replaced namespace_name and resource_group_name by namespace_id",
	"azurerm_servicebus_queue.resource_group_name":                  "azurerm 3.0 replaced namespace_name and resource_group_name by namespace_id",
	"azurerm_servicebus_queue.support_ordering":                     "removed in azurerm 3.0 (not a queue setting)",
	"azurerm_storage_account.allow_blob_public_access":              "azurerm 3.0 renamed it allow_nested_items_to_be_public",
	"azurerm_storage_account.enable_https_traffic_only":             "azurerm 4.0 renamed it https_traffic_only_enabled",
	"azurerm_subnet.address_prefix":                                 "azurerm 3.0 replaced it by address_prefixes",
	"azurerm_subnet.enforce_private_link_endpoint_network_policies": "azurerm 4.0 replaced it by private_endpoint_network_policies",
	"azurerm_subnet.enforce_private_link_service_network_policies":  "azurerm 4.0 replaced it by private_link_service_network_policies_enabled",
	"azurerm_virtual_network.vm_protection_enabled":                 "removed in azurerm 3.0",
	"azurerm_virtual_wan.allow_vnet_to_vnet_traffic":                "removed in azurerm 3.0",
	// azurerm 2.x Optional+Computed arguments that 4.x no longer computes
	// (required, or a static default).
	"azurerm_firewall.sku_name":                                        "azurerm 2.x computed it; 4.81.0 requires it",
	"azurerm_firewall.sku_tier":                                        "azurerm 2.x computed it; 4.81.0 requires it",
	"azurerm_network_interface.dns_servers":                            "azurerm 2.x computed it; 4.81.0 has it optional",
	"azurerm_network_interface.internal_dns_name_label":                "azurerm 2.x computed it; 4.81.0 has it optional",
	"azurerm_public_ip.zones":                                          "azurerm 2.x computed it; 4.81.0 has it optional",
	"azurerm_servicebus_queue.duplicate_detection_history_time_window": "azurerm 2.x computed it; 4.81.0 has a static default",
	"azurerm_servicebus_queue.lock_duration":                           "azurerm 2.x computed it; 4.81.0 has a static default",
	"azurerm_storage_account.identity":                                 "azurerm 2.x computed the block; 4.81.0 has it optional",
	"azurerm_virtual_machine.identity":                                 "azurerm 2.x computed the block; 4.81.0 has it optional",
	"azurerm_virtual_machine.tags":                                     "azurerm 2.x computed the tags of a VM; 4.81.0 has them optional",
	// google 2.x to 4.x arguments removed or renamed by 6.50.0.
	"google_compute_network.ipv4_range":                                  "legacy networks: removed in google 4.0",
	"google_container_cluster.additional_zones":                          "google 2.x; replaced by node_locations",
	"google_container_cluster.enable_binary_authorization":               "google 2.x; replaced by the binary_authorization block",
	"google_container_cluster.instance_group_urls":                       "removed in google 5.0 (node_pool.instance_group_urls remains)",
	"google_container_cluster.master_auth.password":                      "basic authentication: removed in google 4.0",
	"google_container_cluster.master_auth.username":                      "basic authentication: removed in google 4.0",
	"google_container_cluster.pod_security_policy_config":                "beta-only since google 4.0 (PodSecurityPolicy was removed from GKE)",
	"google_container_cluster.region":                                    "google 2.x; replaced by location",
	"google_container_cluster.zone":                                      "google 2.x; replaced by location",
	"google_container_node_pool.region":                                  "google 2.x; replaced by location",
	"google_container_node_pool.zone":                                    "google 2.x; replaced by location",
	"google_project.skip_delete":                                         "google 6.0 replaced it by deletion_policy",
	"google_sql_database_instance.settings.ip_configuration.require_ssl": "google 6.0 replaced it by ssl_mode",
	"google_storage_bucket.lifecycle_rule.condition.is_live":             "google 5.0 replaced it by with_state",
	"google_storage_bucket.predefined_acl":                               "removed in google 4.0 (use google_storage_bucket_acl)",
	// google 2.x / 3.x Optional+Computed arguments that 6.50.0 no longer
	// computes (checked in its source).
	"google_compute_firewall.source_ranges":        "google 3.x computed it; 6.50.0 has it optional",
	"google_container_cluster.enable_tpu":          "google 2.x computed it; 6.50.0 has it optional",
	"google_container_cluster.network_policy":      "google 2.x/3.x computed the block; 6.50.0 has it optional",
	"google_container_cluster.node_config.taint":   "google 3.x computed the block; 6.50.0 has it optional (effective_taints is computed)",
	"google_container_node_pool.node_config.taint": "google 3.x computed the block; 6.50.0 has it optional (effective_taints is computed)",
}

// TestSchemaTablesAgreeWithCorpusPlans checks the azurerm and google tables
// against every real plan of the corpus that has resources of those
// providers: each type is in the table, each key of `after` is an
// attribute or block of its entry (recursively into blocks), and each key
// the plan has known only after apply is computed in the table.
func TestSchemaTablesAgreeWithCorpusPlans(t *testing.T) {
	plans, _ := filepath.Glob(filepath.Join(corpusDir(t), "plans", "*.json"))
	if len(plans) == 0 {
		t.Fatal("no corpus plans")
	}
	seen := map[string]bool{}
	var checked, resources int
	for _, p := range plans {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var plan struct {
			ResourceChanges []struct {
				Address       string `json:"address"`
				ModuleAddress string `json:"module_address"`
				Mode          string `json:"mode"`
				Type          string `json:"type"`
				Name          string `json:"name"`
				ProviderName  string `json:"provider_name"`
				Change        struct {
					After        any `json:"after"`
					AfterUnknown any `json:"after_unknown"`
				} `json:"change"`
			} `json:"resource_changes"`
			Configuration struct {
				RootModule planConfigModule `json:"root_module"`
			} `json:"configuration"`
		}
		if err := json.Unmarshal(data, &plan); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		exprs := map[string]map[string]any{}
		plan.Configuration.RootModule.collect("", exprs)
		used := false
		for _, rc := range plan.ResourceChanges {
			_, source := normalizeProviderName(rc.ProviderName)
			if source == "" {
				source = "registry.terraform.io/hashicorp/" + rc.ProviderName
			}
			tab := tableFor(source)
			if tab == nil || tab == awsSchema || rc.Mode != "managed" {
				continue
			}
			used = true
			resources++
			var problems []string
			sch := resourceSchema(source, rc.Mode, rc.Type)
			if sch == nil {
				problems = append(problems, rc.Type+": type not in the table")
			} else {
				key := rc.Type + "." + rc.Name
				if m := moduleInstanceKeys.ReplaceAllString(rc.ModuleAddress, ""); m != "" {
					key = m + "." + key
				}
				problems = compareWithSchema(rc.Type, sch, rc.Change.After, rc.Change.AfterUnknown, exprs[key])
			}
			for _, pr := range problems {
				key, _, _ := strings.Cut(pr, ":")
				seen[key] = true
				if _, ok := corpusSchemaExceptions[key]; ok {
					continue
				}
				t.Errorf("%s %s: %s", filepath.Base(p), rc.Address, pr)
			}
		}
		if used {
			checked++
		}
	}
	if checked < 20 {
		t.Errorf("only %d corpus plans have azurerm or google resources", checked)
	}
	for key, reason := range corpusSchemaExceptions {
		if !seen[key] {
			t.Errorf("exception %s (%s) no longer occurs: remove it", key, reason)
		}
	}
	t.Logf("%d plans, %d azurerm/google resources checked against the tables", checked, resources)
}

// planConfigModule is a module of a plan's configuration block.
type planConfigModule struct {
	Resources []struct {
		Address     string         `json:"address"`
		Expressions map[string]any `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module planConfigModule `json:"module"`
	} `json:"module_calls"`
}

// collect maps "module.a.type.name" to the resource's expressions.
func (m *planConfigModule) collect(prefix string, out map[string]map[string]any) {
	for _, r := range m.Resources {
		out[prefix+r.Address] = r.Expressions
	}
	for name, c := range m.ModuleCalls {
		c.Module.collect(prefix+"module."+name+".", out)
	}
}

var moduleInstanceKeys = regexp.MustCompile(`\[[^\]]*\]`)

// compareWithSchema lists where a plan value disagrees with a table entry,
// each as "type.path: problem". exprs are the block's configuration
// expressions: an argument written in configuration may be known only
// after apply (it refers to another resource's computed value) without
// being computed.
func compareWithSchema(path string, sch *schemaBlock, after, unknown any, exprs map[string]any) []string {
	var out []string
	am, _ := after.(map[string]any)
	um, _ := unknown.(map[string]any)
	keys := map[string]bool{}
	for k := range am {
		keys[k] = true
	}
	for k := range um {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p := path + "." + k
		if flags, ok := sch.Attrs[k]; ok {
			if _, configured := exprs[k]; um[k] == true && !strings.HasPrefix(flags, "c") && !configured {
				out = append(out, p+": known only after apply in the plan, not computed in the table")
			}
			continue
		}
		nb, ok := sch.nestedBlock(k)
		if !ok {
			out = append(out, p+": not in the table")
			continue
		}
		sub := blockExprs(exprs[k])
		if _, configured := exprs[k]; um[k] == true {
			if !nb.Computed && !configured {
				out = append(out, p+": block known only after apply in the plan, not computed in the table")
			}
			continue
		}
		switch {
		case nb.single():
			out = append(out, compareWithSchema(p, &nb.schemaBlock, am[k], um[k], sub)...)
		case nb.mapped():
			m, _ := am[k].(map[string]any)
			u, _ := um[k].(map[string]any)
			for ek := range m {
				out = append(out, compareWithSchema(p, &nb.schemaBlock, m[ek], u[ek], sub)...)
			}
		default:
			list, _ := am[k].([]any)
			ul, _ := um[k].([]any)
			for i, e := range list {
				var ue any
				if i < len(ul) {
					ue = ul[i]
				}
				if ue == true {
					continue // an element known only after apply
				}
				out = append(out, compareWithSchema(p, &nb.schemaBlock, e, ue, sub)...)
			}
		}
	}
	return dedupe(out)
}

// blockExprs merges the expressions of a nested block's elements (set
// elements are not in the plan's order).
func blockExprs(v any) map[string]any {
	out := map[string]any{}
	switch x := v.(type) {
	case map[string]any:
		return x
	case []any:
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				for k, ev := range m {
					out[k] = ev
				}
			}
		}
	}
	return out
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := list[:0]
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// TestSchemaCorpusConfig loads every module directory of the Azure and
// Google corpus (../shared/corpus/hcl/azure-*, google-*) as a root module:
// every resource of azurerm, google and google-beta has a table entry, no
// notice comes from the tables (each notice also occurs with the tables
// taken away), and no evaluation error occurs.
func TestSchemaCorpusConfig(t *testing.T) {
	root := corpusHCL(t)
	var tops []string
	for _, pat := range []string{"azure-*", "google-*"} {
		m, _ := filepath.Glob(filepath.Join(root, pat))
		tops = append(tops, m...)
	}
	if len(tops) < 4 {
		t.Fatalf("found %d Azure/Google corpus directories", len(tops))
	}
	noticeSet := func(doc *Document) map[string]bool {
		out := map[string]bool{}
		for _, n := range doc.Notices {
			out[fmt.Sprintf("%s %s:%d %s", n.Code, n.File, n.Line, n.Message)] = true
		}
		return out
	}
	var dirs, resources, withEntry int
	for _, top := range tops {
		for _, dir := range corpusDirs(t, top) {
			rel, _ := filepath.Rel(root, dir)
			docs, err := LoadConfig(dir, Options{})
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				continue
			}
			dirs++
			doc := docs[0]
			for _, r := range doc.Resources {
				if r.Mode != "managed" || tableFor(r.Provider.Source) == nil {
					continue
				}
				resources++
				if resourceSchema(r.Provider.Source, r.Mode, r.Type) == nil {
					t.Errorf("%s: %s: no table entry for %s (%s)", rel, r.Address, r.Type, r.Provider.Source)
					continue
				}
				withEntry++
			}
			with := noticeSet(doc)
			saved := schemaTables
			schemaTables = map[string]*schemaTable{}
			bare, err := LoadConfig(dir, Options{})
			schemaTables = saved
			if err != nil {
				t.Errorf("%s without tables: %v", rel, err)
				continue
			}
			without := noticeSet(bare[0])
			for n := range with {
				if !without[n] {
					t.Errorf("%s: notice from the schema tables: %s", rel, n)
				}
				if strings.HasPrefix(n, "evaluation-error ") {
					t.Errorf("%s: %s", rel, n)
				}
			}
			for n := range without {
				if !with[n] {
					t.Logf("%s: the tables remove notice %s", rel, n)
				}
			}
		}
	}
	if withEntry == 0 {
		t.Fatal("no azurerm or google resource in the corpus directories")
	}
	t.Logf("%d directories, %d azurerm/google resources, all with a table entry", dirs, withEntry)
}

// BenchmarkSchemaTableLoad is the start-up cost of a table: decoding its
// index on the first lookup, then one resource type's entry.
func BenchmarkSchemaTableLoad(b *testing.B) {
	for _, c := range []struct {
		name, typ string
		tab       *schemaTable
	}{
		{"aws", "aws_s3_bucket", awsSchema},
		{"azurerm", "azurerm_storage_account", azurermSchema},
		{"google", "google_storage_bucket", googleSchema},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				fresh := &schemaTable{gz: c.tab.gz}
				if fresh.resource(c.typ) == nil {
					b.Fatalf("no %s", c.typ)
				}
			}
		})
	}
}
