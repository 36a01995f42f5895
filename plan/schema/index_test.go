package schema

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"testing"
)

// TestIndexResourcesMatchesDecoding: on every embedded table the scanner
// finds exactly the entries a full JSON decoding finds, byte for byte.
func TestIndexResourcesMatchesDecoding(t *testing.T) {
	for name, gz := range map[string][]byte{"aws": awsSchemaGz, "azurerm": azurermSchemaGz, "google": googleSchemaGz} {
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		var table struct {
			Resources map[string]json.RawMessage `json:"resources"`
		}
		if err := json.Unmarshal(data, &table); err != nil {
			t.Fatal(err)
		}
		got, err := indexResources(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(table.Resources) || len(got) == 0 {
			t.Fatalf("%s: %d entries, want %d", name, len(got), len(table.Resources))
		}
		for k, v := range table.Resources {
			if !bytes.Equal(got[k], v) {
				t.Fatalf("%s: entry %s differs", name, k)
			}
		}
	}
	for _, bad := range []string{``, `{"resources":{`, `{"resources":{"a":`, `{"resources":{"a":{"b":"}}`, `{"resources":{"a":1}}`, `{"resources":{a}}`} {
		if _, err := indexResources([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
