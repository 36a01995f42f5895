package plan

import "strings"

// Derivations shared by plan and configuration input, so both give the same
// document for the same resource:
//
//	normalizeProviderName  provider address -> short name and source
//	changeKind             Terraform actions -> Change.Kind
//	effectiveRegion        resource values + provider region -> Resource.Region
//	resourceTags           resource type, values + default_tags -> Resource.Tags
//	effectiveTags          resource values + default_tags -> tags (any type but ASG)
//	redactMarked           sensitive marks -> Redacted
//	redactStrings          known sensitive strings -> Redacted
//
// Values are JSON-shaped Go values (map[string]any, []any, string, float64,
// bool, nil), as encoding/json decodes them.

// normalizeProviderName maps "aws", "registry.terraform.io/hashicorp/aws",
// "registry.opentofu.org/hashicorp/aws" and "provider[\"registry...\"]" to
// the short name ("aws") and, where given, the full source address.
func normalizeProviderName(s string) (name, source string) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "provider[") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "provider["), "]")
		s = strings.Trim(s, `"`)
	}
	if i := strings.LastIndex(s, "/"); i >= 0 {
		name = s[i+1:]
		source = s
		if strings.Count(s, "/") == 1 {
			source = "registry.terraform.io/" + s
		}
	} else {
		name = s
	}
	// An alias suffix ("aws.east") is not part of the name.
	if i := strings.Index(name, "."); i >= 0 {
		name = name[:i]
	}
	return name, source
}

// changeKind folds Terraform's action list into one kind.
func changeKind(actions []string) string {
	has := map[string]bool{}
	for _, a := range actions {
		has[a] = true
	}
	switch {
	case has["delete"] && has["create"]:
		return ChangeReplace
	case has["create"]:
		return ChangeCreate
	case has["update"]:
		return ChangeUpdate
	case has["delete"]:
		return ChangeDelete
	case has["read"]:
		return ChangeRead
	case has["forget"]:
		return ChangeForget
	}
	return ChangeNoOp
}

// effectiveRegion is where a resource lives: AWS: its own `region` when
// known (provider v6 argument, v5 computed attribute) else the provider's; Azure: its
// `location`; Google: its region, zone or location, else the provider's.
// nil when not known before apply.
func effectiveRegion(providerName string, values, unknown map[string]any, providerRegion any) any {
	known := func(key string) (string, bool) {
		if unknown != nil {
			if u, ok := unknown[key].(bool); ok && u {
				return "", false
			}
		}
		s, ok := values[key].(string)
		return s, ok && s != ""
	}
	isUnknown := func(key string) bool {
		if unknown == nil {
			return false
		}
		u, ok := unknown[key].(bool)
		return ok && u
	}
	switch providerName {
	case "azurerm", "azapi":
		if s, ok := known("location"); ok {
			return normalizeAzureLocation(s)
		}
		return nil
	case "google", "google-beta":
		for _, k := range []string{"region", "location", "zone"} {
			if s, ok := known(k); ok {
				return s
			}
			if isUnknown(k) {
				return nil
			}
		}
	default:
		// AWS provider v5 computes `region` on some resources (always the
		// provider's region); v6 makes it an argument defaulting to it.
		// Either way an unknown value means the provider's region.
		if s, ok := known("region"); ok {
			return s
		}
	}
	if s, ok := providerRegion.(string); ok && s != "" {
		return s
	}
	return nil
}

// normalizeAzureLocation writes "West Europe" as "westeurope", as Azure does.
func normalizeAzureLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, " ", ""))
}

// resourceTags are the tags a resource of type typ will carry
// (Resource.Tags): effectiveTags, except for aws_autoscaling_group.
//
// aws_autoscaling_group takes no `tags` map: its tags are its `tag { key
// value propagate_at_launch }` blocks (and, before provider v5, a `tags`
// list of such objects). The provider does not apply default_tags to it (it
// has no tags_all; the aws_default_tags data source exists to copy them into
// tag blocks), so they are not merged in.
func resourceTags(typ string, values, unknown map[string]any, defaultTags map[string]any) map[string]any {
	if typ == "aws_autoscaling_group" && values != nil {
		return autoscalingGroupTags(values, unknown)
	}
	return effectiveTags(values, unknown, defaultTags)
}

// effectiveTags are the tags a resource will carry: tags_all when known,
// else tags merged over the provider's default_tags (Google: labels, or
// effective_labels). A tag whose value is unknown is present with nil. nil
// when the resource takes no tags, or when which keys it will carry is known
// only after apply (tags unknown as a whole): a policy must not read a
// partial map as the whole.
func effectiveTags(values, unknown map[string]any, defaultTags map[string]any) map[string]any {
	if values == nil {
		return nil
	}
	for _, pair := range [][2]string{{"tags_all", "tags"}, {"effective_labels", "labels"}} {
		all, own := pair[0], pair[1]
		_, hasAll := values[all]
		_, hasOwn := values[own]
		if !hasAll && !hasOwn {
			continue
		}
		if m, ok := values[all].(map[string]any); ok && !wholeUnknown(unknown, all) {
			return withUnknownTags(m, unknown, all)
		}
		if wholeUnknown(unknown, own) {
			return nil
		}
		out := map[string]any{}
		if own == "tags" {
			for k, v := range defaultTags {
				out[k] = v
			}
		}
		if m, ok := values[own].(map[string]any); ok {
			for k, v := range withUnknownTags(m, unknown, own) {
				out[k] = v
			}
		}
		return out
	}
	return nil
}

// autoscalingGroupTags are the tags of an aws_autoscaling_group: its `tag`
// blocks and the legacy `tags` list, keyed by `key`. nil when a block's key,
// or the blocks as a whole (dynamic blocks over a collection known only
// after apply), are unknown.
func autoscalingGroupTags(values, unknown map[string]any) map[string]any {
	out := map[string]any{}
	for _, attr := range []string{"tag", "tags"} {
		if wholeUnknown(unknown, attr) {
			return nil
		}
		list, _ := values[attr].([]any)
		marks, _ := unknown[attr].([]any)
		for i, e := range list {
			obj, ok := e.(map[string]any)
			if !ok {
				continue
			}
			var mark map[string]any
			if i < len(marks) {
				if b, ok := marks[i].(bool); ok && b {
					return nil
				}
				mark, _ = marks[i].(map[string]any)
			}
			key, ok := obj["key"].(string)
			if !ok || wholeUnknown(mark, "key") {
				return nil
			}
			if wholeUnknown(mark, "value") {
				out[key] = nil
			} else {
				out[key] = obj["value"]
			}
		}
	}
	return out
}

func wholeUnknown(unknown map[string]any, key string) bool {
	if unknown == nil {
		return false
	}
	b, ok := unknown[key].(bool)
	return ok && b
}

// withUnknownTags copies m, adding keys whose values are unknown as nil.
func withUnknownTags(m map[string]any, unknown map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	if um, ok := unknown[key].(map[string]any); ok {
		for k, u := range um {
			if b, ok := u.(bool); ok && b {
				out[k] = nil
			}
		}
	}
	return out
}

// redactMarked replaces every value marked in the sensitivity tree (true at
// a path, as in before_sensitive/after_sensitive) by Redacted, and records
// the replaced strings in seen.
func redactMarked(v, marks any, seen map[string]bool) any {
	if b, ok := marks.(bool); ok {
		if b && v != nil {
			collectStrings(v, seen)
			return Redacted
		}
		return v
	}
	switch m := marks.(type) {
	case map[string]any:
		obj, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := make(map[string]any, len(obj))
		for k, x := range obj {
			if mk, ok := m[k]; ok {
				out[k] = redactMarked(x, mk, seen)
			} else {
				out[k] = x
			}
		}
		return out
	case []any:
		arr, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(arr))
		for i, x := range arr {
			if i < len(m) {
				out[i] = redactMarked(x, m[i], seen)
			} else {
				out[i] = x
			}
		}
		return out
	}
	return v
}

// collectStrings records every string of at least 3 characters in v.
// Shorter ones ("", "no", "1") are too common to redact everywhere.
func collectStrings(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		if len(x) >= 3 && x != Redacted {
			into[x] = true
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, into)
		}
	case []any:
		for _, e := range x {
			collectStrings(e, into)
		}
	}
}

// redactStrings replaces every string of v found in secrets (and every
// string containing one) by Redacted.
func redactStrings(v any, secrets map[string]bool) any {
	switch x := v.(type) {
	case string:
		if secrets[x] {
			return Redacted
		}
		if len(secrets) > 64 {
			return x // substring search would cost too much; exact matches only
		}
		for s := range secrets {
			if strings.Contains(x, s) {
				return Redacted
			}
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = redactStrings(e, secrets)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = redactStrings(e, secrets)
		}
		return out
	}
	return v
}
