package config

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/schema"
)

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
			doc := loadOne(t, dir, plan.Options{})
			sa := resourceByAddr(t, doc, "azurerm_storage_account.sa")
			checks := []struct {
				res  plan.Resource
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
			doc := loadOne(t, dir, plan.Options{})
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
	doc := loadOne(t, dir, plan.Options{})
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
	noticeSet := func(doc *plan.Document) map[string]bool {
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
			docs, err := Load(dir, plan.Options{})
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				continue
			}
			dirs++
			doc := docs[0]
			for _, r := range doc.Resources {
				if r.Mode != "managed" || !schema.Covers(r.Provider.Source) {
					continue
				}
				resources++
				if schema.Lookup(r.Provider.Source, r.Mode, r.Type) == nil {
					t.Errorf("%s: %s: no table entry for %s (%s)", rel, r.Address, r.Type, r.Provider.Source)
					continue
				}
				withEntry++
			}
			with := noticeSet(doc)
			lookupSchema = func(string, string, string) *schema.Block { return nil }
			bare, err := Load(dir, plan.Options{})
			lookupSchema = schema.Lookup
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
