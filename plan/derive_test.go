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
		{"tags unknown as a whole: keys not known",
			map[string]any{"tags": nil, "tags_all": nil}, map[string]any{"tags": true, "tags_all": true},
			nil},
		{"tags_all known though tags unknown",
			map[string]any{"tags": nil, "tags_all": map[string]any{"A": "1"}}, map[string]any{"tags": true},
			map[string]any{"A": "1"}},
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
			if diff := cmp.Diff(tt.want, resourceTags(tt.typ, tt.values, tt.unknown, defaults)); diff != "" {
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
