package config

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tfgate/tfgate/internal/sensgen"
	"github.com/tfgate/tfgate/plan"
)

// TestSensitiveProperty composes random expressions around sensitive
// variables (sensgen: locals, for_each/each, count, for expressions,
// conditionals, templates and directives, function calls, module inputs
// and outputs, dynamic blocks, tfvars and TF_VAR_ values) with a fixed
// seed, loads each module and checks that the document shows neither a
// secret nor any value derived from one (its computed transformed forms),
// that every sensitive attribute is redacted and that every other one
// holds the value Terraform computes.
func TestSensitiveProperty(t *testing.T) {
	modules, attrs, depth := 100, 12, 3
	if testing.Short() {
		modules = 10
	}
	checked, sensitive, unknown := 0, 0, 0
	for seed := int64(1); seed <= int64(modules); seed++ {
		m := sensgen.Generate(seed, attrs, depth)
		dir := writeModule(t, m.Files)
		doc := loadOne(t, dir, plan.Options{Env: m.Env})
		text := docJSON(t, doc)
		if found := leaks(text, sensgen.Secret); len(found) > 0 {
			t.Errorf("seed %d: the document shows %q\n%s", seed, found, m.Files["main.tf"])
		}
		for _, f := range m.Forbidden {
			if strings.Contains(text, f) {
				t.Errorf("seed %d: the document shows %q, derived from a sensitive value\n%s", seed, f, m.Files["main.tf"])
			}
		}
		var decoded []struct {
			Resources []struct {
				Address string `json:"address"`
				After   any    `json:"after"`
			} `json:"resources"`
		}
		if err := json.Unmarshal([]byte(text), &decoded); err != nil {
			t.Fatal(err)
		}
		after := map[string]any{}
		for _, r := range decoded[0].Resources {
			after[r.Address] = r.After
		}
		for _, a := range m.Attrs {
			want := a.Want(plan.Redacted)
			if a.Sensitive || a.KeySensitive {
				sensitive++
			}
			if a.Unknown || a.KeyUnknown {
				unknown++
			}
			checked++
			r, ok := after[a.Address]
			if !ok {
				t.Errorf("seed %d: no resource %s in %v (notices %+v)", seed, a.Address, addresses(doc), doc.Notices)
				continue
			}
			got, _ := valueAt(r, a.Path)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("seed %d: %s %s = %s %s (-want +got):\n%s\nnotices: %+v", seed, a.Address, a.Path, a.KeyExpr, a.Expr, diff, doc.Notices)
			}
		}
	}
	t.Logf("%d modules, %d attributes checked (%d sensitive, %d unknown)", modules, checked, sensitive, unknown)
	if sensitive == 0 || sensitive == checked {
		t.Errorf("the generator made %d sensitive attributes of %d: it must make both kinds", sensitive, checked)
	}
}
