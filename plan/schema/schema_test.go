package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tfgate/tfgate/internal/testutil"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
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
	if Lookup("registry.terraform.io/hashicorp/google", "data", "google_storage_bucket") != nil {
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
		sch := Lookup(a.source, "managed", a.typ)
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
		sch := Lookup(b.source, "managed", b.typ)
		parts := strings.Split(b.path, ".")
		for _, p := range parts[:len(parts)-1] {
			sch = sch.Nested(p)
		}
		nb, ok := sch.NestedBlock(parts[len(parts)-1])
		if !ok {
			t.Errorf("%s: no block %s", b.typ, b.path)
			continue
		}
		if nb.Mode != b.mode {
			t.Errorf("%s.%s: mode %q, want %q", b.typ, b.path, nb.Mode, b.mode)
		}
	}
	if sch := Lookup("registry.terraform.io/hashicorp/azurerm", "managed", "azurerm_no_such_type"); sch != nil {
		t.Error("an unknown type has an entry")
	}
	for name, tab := range map[string]*schemaTable{"azurerm": azurermSchema, "google": googleSchema} {
		if err := tab.load(); err != nil {
			t.Fatalf("%s table: %v", name, err)
		}
		if n := bytes.Count(tab.index, []byte("\n")); n < 1000 {
			t.Errorf("%s table has %d types", name, n)
		}
	}
}

// TestSchemaTablesDecodedOnDemand checks that looking up the types of one
// cloud decodes only its provider's table (start-up time).
func TestSchemaTablesDecodedOnDemand(t *testing.T) {
	saved := schemaTables
	defer func() { schemaTables = saved }()
	fresh := map[string]*schemaTable{}
	schemaTables = map[string]*schemaTable{}
	for name, tab := range saved {
		if fresh[name] == nil {
			fresh[name] = &schemaTable{tbl: tab.tbl}
		}
		schemaTables[name] = fresh[name]
	}
	schemaTables["google-beta"] = schemaTables["google"]
	decoded := func() []string {
		var out []string
		for _, name := range []string{"aws", "azurerm", "google"} {
			if schemaTables[name].body != nil {
				out = append(out, name)
			}
		}
		return out
	}
	Lookup("registry.terraform.io/hashicorp/aws", "managed", "aws_s3_bucket")
	if diff := cmp.Diff([]string{"aws"}, decoded()); diff != "" {
		t.Errorf("after an AWS type (-want +got):\n%s", diff)
	}
	Lookup("registry.terraform.io/hashicorp/google-beta", "managed", "google_storage_bucket")
	if diff := cmp.Diff([]string{"aws", "google"}, decoded()); diff != "" {
		t.Errorf("after a google-beta type (-want +got):\n%s", diff)
	}
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
				fresh := &schemaTable{tbl: c.tab.tbl}
				if fresh.resource(c.typ) == nil {
					b.Fatalf("no %s", c.typ)
				}
			}
		})
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
		var raw struct {
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
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		exprs := map[string]map[string]any{}
		raw.Configuration.RootModule.collect("", exprs)
		used := false
		for _, rc := range raw.ResourceChanges {
			_, source := plan.NormalizeProviderName(rc.ProviderName)
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
			sch := Lookup(source, rc.Mode, rc.Type)
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
func compareWithSchema(path string, sch *Block, after, unknown any, exprs map[string]any) []string {
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
		nb, ok := sch.NestedBlock(k)
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
		case nb.Single():
			out = append(out, compareWithSchema(p, &nb.Block, am[k], um[k], sub)...)
		case nb.Mapped():
			m, _ := am[k].(map[string]any)
			u, _ := um[k].(map[string]any)
			for ek := range m {
				out = append(out, compareWithSchema(p, &nb.Block, m[ek], u[ek], sub)...)
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
				out = append(out, compareWithSchema(p, &nb.Block, e, ue, sub)...)
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

// corpusDir is the shared real-world corpus (plans, module directories).
func corpusDir(tb testing.TB) string { return testutil.CorpusDir(tb) }
