package plan

import (
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
		name, source := normalizeProviderName(tt.in)
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
		if got := changeKind(tt.actions); got != tt.want {
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
		{"google zone", "google", map[string]any{"zone": "europe-west1-b"}, nil, "us-central1", "europe-west1-b"},
		{"google provider", "google", map[string]any{"name": "x"}, nil, "us-central1", "us-central1"},
		{"google unknown region", "google", map[string]any{}, map[string]any{"region": true}, "us-central1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, effectiveRegion(tt.provider, tt.values, tt.unknown, tt.provReg)); diff != "" {
				t.Errorf("effectiveRegion (-want +got):\n%s", diff)
			}
		})
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
		{"google labels",
			map[string]any{"labels": map[string]any{"team": "x"}}, nil,
			map[string]any{"team": "x"}},
		{"google effective_labels",
			map[string]any{"labels": map[string]any{"team": "x"}, "effective_labels": map[string]any{"team": "x", "goog": "y"}}, nil,
			map[string]any{"team": "x", "goog": "y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, effectiveTags(tt.values, tt.unknown, defaults)); diff != "" {
				t.Errorf("effectiveTags (-want +got):\n%s", diff)
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
	got := redactMarked(value, marks, map[string]bool{})
	want := map[string]any{
		"name":     "db",
		"password": Redacted,
		"nested":   []any{map[string]any{"token": Redacted, "plain": "ok"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redactMarked (-want +got):\n%s", diff)
	}
	if got := redactMarked(map[string]any{"a": "b"}, true, map[string]bool{}); got != Redacted {
		t.Errorf("whole-value mark: got %v, want %q", got, Redacted)
	}
}
