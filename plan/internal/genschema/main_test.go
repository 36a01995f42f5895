package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestComputedFromSource reads the made-up provider under testdata/src:
// blocks written in place, returned by a package function, with a nested
// schema from a package function, and the same block name computed under
// one parent and not under another resource.
func TestComputedFromSource(t *testing.T) {
	index, err := sourceIndex(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	var schemas map[string]*rawBlock
	err = json.Unmarshal([]byte(`{
	"google_thing": {"attributes": {"name": {"type": "string", "required": true}}, "block_types": {
		"scheduling": {"nesting_mode": "list", "block": {"attributes": {"preemptible": {"type": "bool", "optional": true}},
			"block_types": {"node_affinities": {"nesting_mode": "set", "block": {"attributes": {"key": {"type": "string", "required": true}}}}}}},
		"encryption": {"nesting_mode": "list", "block": {"attributes": {"kms_key_name": {"type": "string", "required": true}}}},
		"node_config": {"nesting_mode": "list", "block": {"attributes": {"machine_type": {"type": "string", "optional": true}},
			"block_types": {"shielded_instance_config": {"nesting_mode": "list", "block": {"attributes": {"enable_secure_boot": {"type": "bool", "optional": true}}}}}}},
		"access": {"nesting_mode": "set", "block": {"attributes": {"role": {"type": "string", "optional": true}}}},
		"timeouts": {"nesting_mode": "single", "block": {"attributes": {"create": {"type": "string", "optional": true}}}}
	}},
	"google_other": {"block_types": {
		"shielded_instance_config": {"nesting_mode": "list", "block": {"attributes": {"enable_secure_boot": {"type": "bool", "optional": true}}}}
	}}
}`), &schemas)
	if err != nil {
		t.Fatal(err)
	}
	facts, matched, unmatched := computedFromSource(index, schemas)
	want := map[string]*probeResult{
		"google_thing": {ComputedBlocks: []string{"access", "node_config", "node_config.shielded_instance_config", "scheduling"}},
	}
	if diff := cmp.Diff(want, facts); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	if matched != 7 || unmatched != 0 {
		t.Errorf("matched %d, unmatched %d; want 7, 0", matched, unmatched)
	}
}

// TestTablesInSync regenerates the azurerm and google tables from the
// public schema dumps (../shared/schemas/providers) and the committed facts
// files, and compares them byte for byte with the embedded ones.
func TestTablesInSync(t *testing.T) {
	dumps := filepath.Join("..", "..", "..", "..", "shared", "schemas", "providers")
	if _, err := os.Stat(dumps); err != nil {
		t.Skipf("the schema dumps are not present (%v): sync test skipped", err)
	}
	cases := []struct {
		name, dump, provider, version, sha string
	}{
		{"azurerm", "azurerm-4.81.0.schema.json.gz", "registry.terraform.io/hashicorp/azurerm", "4.81.0",
			"de68342a51b2a38093fc070b532f7a734e069bc1c33d4a940ffb41b08179466f"},
		{"google", "google-6.50.0.reconstructed.schema.json.gz", "registry.terraform.io/hashicorp/google", "6.50.0",
			"73b176957f29e6023c56ec877fc109414d291fe96fb2c0af693a09ab89c142d7"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tab, err := build(options{
				schema:   filepath.Join(dumps, c.dump),
				provider: c.provider,
				version:  c.version,
				probe:    c.name + ".facts.json",
			})
			if err != nil {
				t.Fatal(err)
			}
			if tab.InputSHA256 != c.sha {
				t.Fatalf("%s has sha256 %s, want %s (the one README.md records)", c.dump, tab.InputSHA256, c.sha)
			}
			got, err := encode(tab)
			if err != nil {
				t.Fatal(err)
			}
			embedded, err := os.ReadFile(filepath.Join("..", "..", "schema", c.name+".json.gz"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, embedded) {
				t.Errorf("plan/schema/%s.json.gz differs from what the generator makes: run plan/schema/gen-schema-dumps.sh", c.name)
			}
		})
	}
}
