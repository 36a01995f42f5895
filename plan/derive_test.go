package plan

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeProviderName(t *testing.T) {
	tests := []struct {
		in, name, source string
	}{
		{"aws", "aws", ""},
		{"registry.terraform.io/hashicorp/aws", "aws", "registry.terraform.io/hashicorp/aws"},
		{"registry.opentofu.org/hashicorp/aws", "aws", "registry.opentofu.org/hashicorp/aws"},
		{"hashicorp/google", "google", "registry.terraform.io/hashicorp/google"},
		{`provider["registry.terraform.io/hashicorp/azurerm"]`, "azurerm", "registry.terraform.io/hashicorp/azurerm"},
		{"aws.east", "aws", ""},
	}
	for _, tt := range tests {
		name, source := NormalizeProviderName(tt.in)
		if name != tt.name || source != tt.source {
			t.Errorf("normalizeProviderName(%q) = %q, %q; want %q, %q", tt.in, name, source, tt.name, tt.source)
		}
	}
}

func TestChangeKind(t *testing.T) {
	tests := []struct {
		actions []string
		want    string
	}{
		{[]string{"create"}, ChangeCreate},
		{[]string{"update"}, ChangeUpdate},
		{[]string{"delete", "create"}, ChangeReplace},
		{[]string{"create", "delete"}, ChangeReplace},
		{[]string{"delete"}, ChangeDelete},
		{[]string{"no-op"}, ChangeNoOp},
		{[]string{"read"}, ChangeRead},
		{[]string{"forget"}, ChangeForget},
		{[]string{"create", "forget"}, ChangeCreate},
		{nil, ChangeNoOp},
	}
	for _, tt := range tests {
		if got := ChangeKindOf(tt.actions); got != tt.want {
			t.Errorf("changeKind(%v) = %q, want %q", tt.actions, got, tt.want)
		}
	}
}

func TestEffectiveRegion(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		values   map[string]any
		unknown  map[string]any
		provReg  any
		want     any
	}{
		{"aws resource region", "aws", map[string]any{"region": "eu-west-1"}, nil, "us-east-1", "eu-west-1"},
		{"aws provider region", "aws", map[string]any{"bucket": "b"}, nil, "us-east-1", "us-east-1"},
		{"aws unknown region falls back to provider", "aws", map[string]any{}, map[string]any{"region": true}, "us-east-1", "us-east-1"},
		{"aws nothing known", "aws", map[string]any{}, nil, nil, nil},
		{"azure location", "azurerm", map[string]any{"location": "West Europe"}, nil, nil, "westeurope"},
		{"azure unknown location", "azurerm", map[string]any{}, map[string]any{"location": true}, nil, nil},
		{"azure location written without spaces, any case", "azurerm", map[string]any{"location": "WestEurope"}, nil, nil, "westeurope"},
		{"google zone is its region", "google", map[string]any{"zone": "europe-west1-b"}, nil, "us-central1", "europe-west1"},
		{"google region wins over zone", "google", map[string]any{"region": "europe-west4", "zone": "europe-west1-b"}, nil, nil, "europe-west4"},
		{"google location upper-case region", "google", map[string]any{"location": "EUROPE-WEST1"}, nil, nil, "europe-west1"},
		{"google zonal location", "google", map[string]any{"location": "us-central1-a"}, nil, nil, "us-central1"},
		{"google multi-region", "google", map[string]any{"location": "eu"}, nil, nil, "EU"},
		{"google dual-region", "google", map[string]any{"location": "NAM4"}, nil, nil, "NAM4"},
		{"google global", "google", map[string]any{"location": "global"}, nil, nil, "global"},
		{"google provider", "google", map[string]any{"name": "x"}, nil, "us-central1", "us-central1"},
		{"google provider zone-like region normalised", "google", map[string]any{"name": "x"}, nil, "US-CENTRAL1", "us-central1"},
		{"google unknown region", "google", map[string]any{}, map[string]any{"region": true}, "us-central1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, EffectiveRegion(tt.provider, tt.values, tt.unknown, tt.provReg, nil)); diff != "" {
				t.Errorf("effectiveRegion (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEffectiveRegionUnwrittenComputed: a computed region, zone or
// location the configuration does not set is the provider's; one that it
// sets to a value known only after apply is unknown.
func TestEffectiveRegionUnwrittenComputed(t *testing.T) {
	unknown := map[string]any{"region": true}
	none := func(string) bool { return false }
	regionWritten := func(k string) bool { return k == "region" }
	if got := EffectiveRegion("google", map[string]any{}, unknown, "europe-west1", none); got != "europe-west1" {
		t.Errorf("unwritten computed region = %v, want the provider's", got)
	}
	if got := EffectiveRegion("google", map[string]any{}, unknown, "europe-west1", regionWritten); got != nil {
		t.Errorf("written unknown region = %v, want nil", got)
	}
	if got := EffectiveRegion("google", map[string]any{"zone": "asia-east1-b"}, unknown, "europe-west1", none); got != "asia-east1" {
		t.Errorf("unwritten region, known zone = %v, want asia-east1", got)
	}
}

func TestGoogleRegionOfZone(t *testing.T) {
	for in, want := range map[string]string{
		"us-central1-a": "us-central1", "europe-west1-b": "europe-west1", "us-central1": "us-central1",
		"northamerica-northeast1-c": "northamerica-northeast1", "us-east4-a1": "us-east4-a1",
	} {
		if got := GoogleRegionOfZone(in); got != want {
			t.Errorf("googleRegionOfZone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEffectiveTags(t *testing.T) {
	defaults := map[string]any{"Owner": "platform", "Env": "dev"}
	tests := []struct {
		name    string
		values  map[string]any
		unknown map[string]any
		want    map[string]any
	}{
		{"no tags attribute", map[string]any{"name": "x"}, nil, nil},
		{"nil values", nil, nil, nil},
		{"tags_all known wins",
			map[string]any{"tags": map[string]any{"A": "1"}, "tags_all": map[string]any{"A": "1", "Owner": "platform"}}, nil,
			map[string]any{"A": "1", "Owner": "platform"}},
		{"tags_all unknown: merge default_tags, resource wins",
			map[string]any{"tags": map[string]any{"Env": "prod"}}, map[string]any{"tags_all": true},
			map[string]any{"Owner": "platform", "Env": "prod"}},
		{"tags null, tags_all absent",
			map[string]any{"tags": nil}, nil,
			map[string]any{"Owner": "platform", "Env": "dev"}},
		{"unknown tag value present with nil",
			map[string]any{"tags": map[string]any{"A": "1"}}, map[string]any{"tags_all": true, "tags": map[string]any{"B": true}},
			map[string]any{"Owner": "platform", "Env": "dev", "A": "1", "B": nil}},
		{"tags unknown as a whole: keys not known",
			map[string]any{"tags": nil, "tags_all": nil}, map[string]any{"tags": true, "tags_all": true},
			nil},
		{"tags_all known though tags unknown",
			map[string]any{"tags": nil, "tags_all": map[string]any{"A": "1"}}, map[string]any{"tags": true},
			map[string]any{"A": "1"}},
		// For a Google resource the defaults are the provider's default_labels.
		{"google labels merged over default_labels, resource wins",
			map[string]any{"labels": map[string]any{"team": "x", "Env": "prod"}}, nil,
			map[string]any{"team": "x", "Owner": "platform", "Env": "prod"}},
		{"google effective_labels",
			map[string]any{"labels": map[string]any{"team": "x"}, "effective_labels": map[string]any{"team": "x", "goog": "y"}}, nil,
			map[string]any{"team": "x", "goog": "y"}},
		{"google terraform_labels where effective_labels is unknown",
			map[string]any{"labels": map[string]any{"team": "x"}, "terraform_labels": map[string]any{"team": "x", "Owner": "platform"}},
			map[string]any{"effective_labels": true},
			map[string]any{"team": "x", "Owner": "platform"}},
		{"google network tags (a list) are not labels",
			map[string]any{"tags": []any{"web", "ssh"}, "labels": map[string]any{"team": "x"}}, nil,
			map[string]any{"team": "x", "Owner": "platform", "Env": "dev"}},
		{"google labels unknown as a whole",
			map[string]any{}, map[string]any{"labels": true, "effective_labels": true, "terraform_labels": true},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, effectiveTags(tt.values, tt.unknown, defaults)); diff != "" {
				t.Errorf("effectiveTags (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGoogleResourceTags: a Google resource's tags are its labels, never
// its network tags (absent, null or a list), and a GKE cluster's labels
// are resource_labels.
func TestGoogleResourceTags(t *testing.T) {
	defaults := map[string]any{"team": "platform"}
	for name, tt := range map[string]struct {
		typ    string
		values map[string]any
		want   map[string]any
	}{
		"instance, network tags null": {"google_compute_instance", map[string]any{"tags": nil, "labels": map[string]any{"app": "web"}}, map[string]any{"app": "web", "team": "platform"}},
		"instance, network tags list": {"google_compute_instance", map[string]any{"tags": []any{"ssh"}, "labels": nil}, map[string]any{"team": "platform"}},
		"cluster resource_labels":     {"google_container_cluster", map[string]any{"resource_labels": map[string]any{"env": "prod"}}, map[string]any{"env": "prod", "team": "platform"}},
		"no labels attribute":         {"google_compute_firewall", map[string]any{"name": "fw"}, nil},
	} {
		t.Run(name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, ResourceTags(tt.typ, tt.values, nil, defaults)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}

func TestResourceTags(t *testing.T) {
	defaults := map[string]any{"Owner": "platform"}
	tag := func(k string, v any, propagate bool) map[string]any {
		return map[string]any{"key": k, "value": v, "propagate_at_launch": propagate}
	}
	tests := []struct {
		name    string
		typ     string
		values  map[string]any
		unknown map[string]any
		want    map[string]any
	}{
		{"other types: effective tags", "aws_sqs_queue",
			map[string]any{"tags": map[string]any{"A": "1"}}, map[string]any{"tags_all": true},
			map[string]any{"A": "1", "Owner": "platform"}},
		{"asg tag blocks, default_tags not applied", "aws_autoscaling_group",
			map[string]any{"tag": []any{tag("A", "1", true), tag("B", "2", false)}}, map[string]any{"tag": []any{map[string]any{}, map[string]any{}}},
			map[string]any{"A": "1", "B": "2"}},
		{"asg without tags", "aws_autoscaling_group",
			map[string]any{"tag": []any{}}, map[string]any{},
			map[string]any{}},
		{"asg tag null", "aws_autoscaling_group",
			map[string]any{"tag": nil, "name": "x"}, nil,
			map[string]any{}},
		{"asg unknown value present with nil", "aws_autoscaling_group",
			map[string]any{"tag": []any{tag("A", nil, true), tag("B", "2", true)}}, map[string]any{"tag": []any{map[string]any{"value": true}, map[string]any{}}},
			map[string]any{"A": nil, "B": "2"}},
		{"asg unknown key: keys not known", "aws_autoscaling_group",
			map[string]any{"tag": []any{map[string]any{"value": "1", "propagate_at_launch": true}}}, map[string]any{"tag": []any{map[string]any{"key": true}}},
			nil},
		{"asg blocks unknown as a whole", "aws_autoscaling_group",
			map[string]any{}, map[string]any{"tag": true},
			nil},
		{"asg legacy tags list", "aws_autoscaling_group",
			map[string]any{"tags": []any{map[string]any{"key": "A", "value": "1", "propagate_at_launch": "true"}}, "tag": []any{tag("B", "2", true)}}, nil,
			map[string]any{"A": "1", "B": "2"}},
		{"asg deleted (no values)", "aws_autoscaling_group", nil, nil, nil},
		{"aws_autoscaling_group_tag takes no tags", "aws_autoscaling_group_tag",
			map[string]any{"autoscaling_group_name": "g", "tag": []any{tag("A", "1", true)}}, nil,
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ResourceTags(tt.typ, tt.values, tt.unknown, defaults)); diff != "" {
				t.Errorf("resourceTags (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRedactMarked(t *testing.T) {
	value := map[string]any{
		"name":     "db",
		"password": "hunter2",
		"nested":   []any{map[string]any{"token": "abc", "plain": "ok"}},
	}
	marks := map[string]any{"password": true, "nested": []any{map[string]any{"token": true}}}
	got := RedactMarked(value, marks, map[string]bool{})
	want := map[string]any{
		"name":     "db",
		"password": Redacted,
		"nested":   []any{map[string]any{"token": Redacted, "plain": "ok"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redactMarked (-want +got):\n%s", diff)
	}
	if got := RedactMarked(map[string]any{"a": "b"}, true, map[string]bool{}); got != Redacted {
		t.Errorf("whole-value mark: got %v, want %q", got, Redacted)
	}
	// The value given is never changed; what holds no mark is returned as
	// it is, not copied.
	if value["password"] != "hunter2" || value["nested"].([]any)[0].(map[string]any)["token"] != "abc" {
		t.Errorf("RedactMarked changed its argument: %v", value)
	}
	same := func(a, b any) bool { return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer() }
	for _, m := range []any{map[string]any{}, map[string]any{"name": false, "nested": []any{map[string]any{}}}, false, nil} {
		if got := RedactMarked(value, m, map[string]bool{}); !same(got, value) {
			t.Errorf("marks %v mark nothing, and the value was copied", m)
		}
	}
	plain := map[string]any{"x": "y"}
	v2 := map[string]any{"secret": "s3cr3t", "plain": plain}
	got2 := RedactMarked(v2, map[string]any{"secret": true, "plain": map[string]any{}}, map[string]bool{}).(map[string]any)
	if !same(got2["plain"], plain) || got2["secret"] != Redacted || v2["secret"] != "s3cr3t" {
		t.Errorf("RedactMarked: %v (from %v)", got2, v2)
	}
}

// TestInheritLocations: an Azure resource whose type has no location is in
// its resource group's, found by reference or by the group's known name.
func TestInheritLocations(t *testing.T) {
	az := Provider{Name: "azurerm"}
	res := func(addr, typ string, after map[string]any, unknown map[string]any, region any, refs map[string][]string) Resource {
		if unknown == nil {
			unknown = map[string]any{}
		}
		return Resource{Address: addr, Type: typ, Provider: az, After: after, Unknown: unknown, Region: region, References: refs}
	}
	doc := &Document{Resources: []Resource{
		res("azurerm_resource_group.main", "azurerm_resource_group", map[string]any{"name": "rg-main", "location": "West Europe"}, nil, "westeurope", nil),
		res("azurerm_resource_group.other", "azurerm_resource_group", map[string]any{"name": "rg-other", "location": "eastus"}, nil, "eastus", nil),
		res("azurerm_subnet.by_ref", "azurerm_subnet", map[string]any{"resource_group_name": "rg-main"}, nil, nil,
			map[string][]string{"resource_group_name": {"azurerm_resource_group.other"}}),
		res("azurerm_subnet.by_name", "azurerm_subnet", map[string]any{"resource_group_name": "rg-main"}, nil, nil, nil),
		res("azurerm_subnet.elsewhere", "azurerm_subnet", map[string]any{"resource_group_name": "rg-unknown-here"}, nil, nil, nil),
		res("azurerm_subnet.unknown_group", "azurerm_subnet", map[string]any{}, map[string]any{"resource_group_name": true}, nil, nil),
		res("azurerm_storage_account.own", "azurerm_storage_account", map[string]any{"resource_group_name": "rg-main"},
			map[string]any{"location": true}, nil, nil),
	}}
	InheritLocations(doc)
	got := map[string]any{}
	for _, r := range doc.Resources {
		got[r.Address] = r.Region
	}
	want := map[string]any{
		"azurerm_resource_group.main":  "westeurope",
		"azurerm_resource_group.other": "eastus",
		"azurerm_subnet.by_ref":        "eastus", // the reference wins over a name
		"azurerm_subnet.by_name":       "westeurope",
		"azurerm_subnet.elsewhere":     nil,
		"azurerm_subnet.unknown_group": nil,
		"azurerm_storage_account.own":  nil, // has its own location, known only after apply
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("regions (-want +got):\n%s", d)
	}
}

// TestSensitiveRegionIsNotKnown: a region, location or provider region
// Terraform marks sensitive is redacted, so it is not known to policies
// (never compared with allowed_regions as "(sensitive)").
func TestSensitiveRegionIsNotKnown(t *testing.T) {
	for _, tc := range []struct {
		provider string
		values   map[string]any
		provReg  any
	}{
		{"aws", map[string]any{"region": Redacted}, "us-east-1"},
		{"aws", map[string]any{}, Redacted},
		{"azurerm", map[string]any{"location": Redacted}, nil},
		{"google", map[string]any{"region": Redacted, "zone": "us-central1-a"}, "europe-west1"},
		{"google", map[string]any{}, Redacted},
	} {
		if got := EffectiveRegion(tc.provider, tc.values, nil, tc.provReg, nil); got != nil {
			t.Errorf("%s %v (provider %v): region %v, want nil", tc.provider, tc.values, tc.provReg, got)
		}
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
		n, s := NormalizeProviderName(in)
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
		if got := ChangeKindOf(tc.actions); got != tc.want {
			t.Errorf("changeKind(%v) = %q, want %q", tc.actions, got, tc.want)
		}
	}
	if r := EffectiveRegion("aws", map[string]any{"region": nil}, map[string]any{"region": true}, "eu-west-1", nil); r != "eu-west-1" {
		t.Errorf("computed AWS region falls back to the provider: got %v", r)
	}
	if r := EffectiveRegion("azurerm", map[string]any{"location": "West Europe"}, nil, nil, nil); r != "westeurope" {
		t.Errorf("azure location = %v", r)
	}
	if r := EffectiveRegion("google", map[string]any{"zone": nil}, map[string]any{"zone": true}, "europe-west1", nil); r != nil {
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

// TestRedactStrings: every string that is or holds a secret becomes
// Redacted, in maps and lists at any depth; the value given is never
// changed, and what holds no secret is returned as it is, not copied.
func TestRedactStrings(t *testing.T) {
	secrets := map[string]bool{"hunter2": true}
	clean := map[string]any{"name": "db", "ports": []any{5432.0}}
	v := map[string]any{
		"password": "hunter2",
		"url":      "postgres://admin:hunter2@db",
		"tags":     map[string]any{"Owner": "me", "Secret": "hunter2"},
		"list":     []any{"a", []any{"hunter2"}},
		"clean":    clean,
		"n":        3.0,
	}
	got := RedactStrings(v, secrets).(map[string]any)
	want := map[string]any{
		"password": Redacted,
		"url":      Redacted,
		"tags":     map[string]any{"Owner": "me", "Secret": Redacted},
		"list":     []any{"a", []any{Redacted}},
		"clean":    clean,
		"n":        3.0,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("RedactStrings (-want +got):\n%s", d)
	}
	if v["password"] != "hunter2" || v["tags"].(map[string]any)["Secret"] != "hunter2" || v["list"].([]any)[1].([]any)[0] != "hunter2" {
		t.Errorf("RedactStrings changed its argument: %v", v)
	}
	// Not copied when nothing is redacted: the same map.
	if c, ok := got["clean"].(map[string]any); !ok || reflect.ValueOf(c).Pointer() != reflect.ValueOf(clean).Pointer() {
		t.Error("a map without secrets was copied")
	}
	if r := RedactStrings(clean, secrets).(map[string]any); reflect.ValueOf(r).Pointer() != reflect.ValueOf(clean).Pointer() {
		t.Error("a value without secrets was copied")
	}
}
