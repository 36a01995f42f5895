package planjson

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func FuzzReadPlanJSON(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*", "plan.json"))
	more, _ := filepath.Glob(filepath.Join("testdata", "plans", "*.json"))
	seeds = append(seeds, more...)
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format_version":"0.1","resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["create"],"after":{"x":1},"after_sensitive":{"x":true}}}]}`))
	f.Add([]byte(`{"format_version":"1.2","configuration":{"root_module":{"module_calls":{"m":{"source":"./m","expressions":{"v":{"references":["var.v"]}},"module":{"resources":[{"address":"a.b","expressions":{"x":{"references":["var.v","module.m.o"]}}}]}}}}},"resource_changes":[{"address":"module.m[\"k\"].a.b","module_address":"module.m[\"k\"]","mode":"managed","type":"a","name":"b","change":{"actions":["delete","create"]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Whenever decodeSplit takes an input, it reads what json.Unmarshal
		// reads.
		var whole, split planDoc
		wholeErr := json.Unmarshal(data, &whole)
		if decodeSplit(data, &split, 0) {
			if wholeErr != nil {
				t.Fatalf("decodeSplit took input json.Unmarshal refuses: %v", wholeErr)
			}
			if !reflect.DeepEqual(whole, split) {
				t.Fatalf("decodeSplit differs from json.Unmarshal:\n%+v\n%+v", whole, split)
			}
		}
		d, _, err := decode(data, "fuzz.json")
		if err == nil && d == nil {
			t.Fatal("nil document without error")
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error: %q", err)
		}
	})
}

// BenchmarkReadPlanJSON reads a small testdata plan, and the plan named by
// TFGATE_BENCH_PLAN when set (e.g. /work/bench/plan-2000.json).
func BenchmarkReadPlanJSON(b *testing.B) {
	files := map[string]string{"small": filepath.Join("testdata", "plans", "modules_refs.json")}
	if p := os.Getenv("TFGATE_BENCH_PLAN"); p != "" {
		files["env"] = p
	}
	for name, path := range files {
		b.Run(name, func(b *testing.B) {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Skipf("bench plan: %v", err)
			}
			benchRead(b, data, path)
		})
	}
	b.Run("generated-11000", func(b *testing.B) {
		benchRead(b, generatedPlan(b, 11000), "generated.json")
	})
}

func benchRead(b *testing.B, data []byte, path string) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := decode(data, path); err != nil {
			b.Fatal(err)
		}
	}
}

// generatedPlan builds a plan of n resources: buckets with tags in a
// module, each with an encryption configuration referring to its bucket.
func generatedPlan(b *testing.B, n int) []byte {
	b.Helper()
	var changes, cfgRes []any
	for i := 0; i < n; i++ {
		typ, ref := "aws_s3_bucket", ""
		if i%2 == 1 {
			typ, ref = "aws_s3_bucket_server_side_encryption_configuration", fmt.Sprintf("aws_s3_bucket.r%d", i-1)
		}
		name := fmt.Sprintf("r%d", i)
		changes = append(changes, map[string]any{
			"address": "module.m[0]." + typ + "." + name, "module_address": "module.m[0]",
			"mode": "managed", "type": typ, "name": name, "provider_name": "registry.terraform.io/hashicorp/aws",
			"change": map[string]any{
				"actions":         []string{"create"},
				"after":           map[string]any{"bucket": name, "tags": map[string]any{"Owner": "x"}, "password": "s3cret"},
				"after_unknown":   map[string]any{"id": true, "tags_all": true},
				"after_sensitive": map[string]any{"password": true},
			},
		})
		exprs := map[string]any{"bucket": map[string]any{"constant_value": name}}
		if ref != "" {
			exprs["bucket"] = map[string]any{"references": []string{ref + ".id", ref}}
		}
		cfgRes = append(cfgRes, map[string]any{
			"address": typ + "." + name, "mode": "managed", "type": typ, "name": name,
			"provider_config_key": "aws", "expressions": exprs,
		})
	}
	doc := map[string]any{
		"format_version": "1.2", "terraform_version": "1.11.0",
		"resource_changes": changes,
		"configuration": map[string]any{
			"provider_config": map[string]any{"aws": map[string]any{
				"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
				"expressions": map[string]any{"region": map[string]any{"constant_value": "eu-west-1"}},
			}},
			"root_module": map[string]any{"module_calls": map[string]any{"m": map[string]any{
				"source": "./m", "count_expression": map[string]any{"constant_value": 1},
				"module": map[string]any{"resources": cfgRes},
			}}},
		},
	}
	data, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	return data
}
