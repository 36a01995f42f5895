package plan

import "strings"

// Derivations shared by plan and configuration input, so both give the same
// document for the same resource:
//
//	NormalizeProviderName  provider address -> short name and source
//	ChangeKindOf           Terraform actions -> Change.Kind
//	EffectiveRegion        resource values + provider region -> Resource.Region
//	InheritLocations       Azure resource group location -> Resource.Region
//	ResourceTags           resource type, values + default_tags -> Resource.Tags
//	effectiveTags          resource values + default_tags -> tags (any type but ASG)
//	RedactMarked           sensitive marks -> Redacted
//	RedactStrings          known sensitive strings -> Redacted
//
// Values are JSON-shaped Go values (map[string]any, []any, string, float64,
// bool, nil), as encoding/json decodes them.

// NormalizeProviderName maps "aws", "registry.terraform.io/hashicorp/aws",
// "registry.opentofu.org/hashicorp/aws" and "provider[\"registry...\"]" to
// the short name ("aws") and, where given, the full source address.
func NormalizeProviderName(s string) (name, source string) {
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

// ChangeKindOf folds Terraform's action list into one kind.
func ChangeKindOf(actions []string) string {
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

// EffectiveRegion is where a resource lives (Resource.Region), or nil when
// that is known only after apply:
//
//   - AWS: its own `region` (provider v6 argument, v5 computed attribute)
//     when known, else the provider's;
//   - Azure: its `location`, normalised by normalizeAzureLocation (a type
//     without `location` may inherit its resource group's: see
//     InheritLocations);
//   - Google: its `region`, else the region of its `zone`, else its
//     `location`, each normalised by normalizeGoogleLocation, else the
//     provider's region (or its zone's).
//
// written reports whether the configuration sets an attribute; nil when
// that cannot be told. A computed attribute the configuration does not set
// is unknown in a plan but takes the provider's value, so an unknown
// `region` that is not written means the provider's region; an unknown
// value that is written (a reference to something known only after apply)
// makes the region unknown.
func EffectiveRegion(providerName string, values, unknown map[string]any, providerRegion any, written func(string) bool) any {
	known := func(key string) (string, bool) {
		if isUnknownKey(unknown, key) {
			return "", false
		}
		s, ok := values[key].(string)
		return s, ok && s != "" && s != Redacted
	}
	// opaque: the key's value will be known only after apply and the
	// configuration (or our ignorance of it) says it is set.
	opaque := func(key string) bool {
		return isUnknownKey(unknown, key) && (written == nil || written(key)) || values[key] == Redacted
	}
	switch providerName {
	case "azurerm", "azapi":
		if s, ok := known("location"); ok {
			return normalizeAzureLocation(s)
		}
		return nil
	case "google", "google-beta":
		for _, k := range []string{"region", "zone", "location"} {
			if s, ok := known(k); ok {
				return normalizeGoogleLocation(s)
			}
			if opaque(k) {
				return nil
			}
		}
		if s, ok := providerRegion.(string); ok && s != "" && s != Redacted {
			return normalizeGoogleLocation(s)
		}
		return nil
	default:
		// AWS provider v5 computes `region` on some resources (always the
		// provider's region); v6 makes it an argument defaulting to it.
		// Either way an unknown value means the provider's region.
		if s, ok := known("region"); ok {
			return s
		}
		if values["region"] == Redacted {
			return nil // sensitive: not known to policies
		}
	}
	if s, ok := providerRegion.(string); ok && s != "" && s != Redacted {
		return s
	}
	return nil
}

func isUnknownKey(unknown map[string]any, key string) bool {
	if unknown == nil {
		return false
	}
	u, ok := unknown[key].(bool)
	return ok && u
}

// normalizeAzureLocation writes a location as Azure's API names it:
// "West Europe", "westeurope" and "WestEurope" are all "westeurope".
func normalizeAzureLocation(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// normalizeGoogleLocation writes a Google region, zone or location as one
// comparable value: a zone becomes its region ("us-central1-a" ->
// "us-central1"), regions are lower-case ("EUROPE-WEST1" ->
// "europe-west1"), multi-regions and dual-regions keep their own upper-case
// names ("US", "EU", "ASIA", "NAM4", "EUR4"), and "global" stays "global".
func normalizeGoogleLocation(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	switch {
	case lower == "global":
		return lower
	case !strings.Contains(lower, "-"):
		return strings.ToUpper(s) // a multi-region or dual-region
	}
	return GoogleRegionOfZone(lower)
}

// GoogleRegionOfZone is the region of a Google zone ("us-central1-a" ->
// "us-central1"); a region is returned as it is.
func GoogleRegionOfZone(zone string) string {
	parts := strings.Split(zone, "-")
	if len(parts) == 3 && len(parts[2]) == 1 && parts[2][0] >= 'a' && parts[2][0] <= 'z' {
		return parts[0] + "-" + parts[1]
	}
	return zone
}

// InheritLocations gives Azure resources without a `location` (types that
// have none, such as a subnet or a network security rule, and types whose
// location is optional and unset) the location of the resource group they
// are in, as the issue of the Azure library asks, where the
// document tells which group that is: `resource_group_name` refers to an
// azurerm_resource_group of the document, or equals the known name of
// exactly one. Resources whose group is not in the document, or whose
// group's location is unknown, keep a nil region.
func InheritLocations(doc *Document) {
	groups := map[string]*Resource{} // address -> group
	byName := map[string][]*Resource{}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		if r.Type != "azurerm_resource_group" || r.Region == nil {
			continue
		}
		groups[r.Address] = r
		if m, ok := r.After.(map[string]any); ok {
			if name, ok := m["name"].(string); ok && name != "" {
				byName[name] = append(byName[name], r)
			}
		}
	}
	if len(groups) == 0 {
		return
	}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		if r.Region != nil || (r.Provider.Name != "azurerm" && r.Provider.Name != "azapi") {
			continue
		}
		values, _ := r.After.(map[string]any)
		if values == nil {
			values, _ = r.Before.(map[string]any)
		}
		if values == nil {
			continue
		}
		if isUnknownKey(unknownMapOf(r), "location") {
			continue // its own location, known only after apply
		}
		if _, has := values["resource_group_name"]; !has {
			continue
		}
		var group *Resource
		for _, ref := range r.References["resource_group_name"] {
			if g := groups[ref]; g != nil {
				group = g
				break
			}
		}
		if group == nil && !isUnknownKey(unknownMapOf(r), "resource_group_name") {
			if name, ok := values["resource_group_name"].(string); ok && len(byName[name]) == 1 {
				group = byName[name][0]
			}
		}
		if group != nil {
			r.Region = group.Region
		}
	}
}

func unknownMapOf(r *Resource) map[string]any {
	m, _ := r.Unknown.(map[string]any)
	return m
}

// ResourceTags are the tags a resource of type typ will carry
// (Resource.Tags): effectiveTags, except for aws_autoscaling_group.
//
// aws_autoscaling_group takes no `tags` map: its tags are its `tag { key
// value propagate_at_launch }` blocks (and, before provider v5, a `tags`
// list of such objects). The provider does not apply default_tags to it (it
// has no tags_all; the aws_default_tags data source exists to copy them into
// tag blocks), so they are not merged in.
func ResourceTags(typ string, values, unknown map[string]any, defaultTags map[string]any) map[string]any {
	if typ == "aws_autoscaling_group" && values != nil {
		return autoscalingGroupTags(values, unknown)
	}
	if strings.HasPrefix(typ, "google_") {
		// A Google resource's tags are its labels; its `tags`, where it
		// has them (google_compute_instance), are network tags.
		own := "labels"
		if _, ok := values["resource_labels"]; ok {
			own = "resource_labels" // google_container_cluster
		}
		return tagsFrom([][2]string{{"effective_labels", own}, {"terraform_labels", own}}, values, unknown, defaultTags)
	}
	return effectiveTags(values, unknown, defaultTags)
}

// effectiveTags are the tags a resource will carry. AWS: tags_all when
// known, else tags merged over the provider's default_tags. Google: the
// labels, as effective_labels when known, else terraform_labels (provider
// 5+: labels merged over the provider's default_labels), else labels
// merged over default_labels (defaultTags holds them for a Google
// provider). A tag whose value is unknown is present with nil. nil
// when the resource takes no tags, or when which keys it will carry is known
// only after apply (tags unknown as a whole): a policy must not read a
// partial map as the whole.
func effectiveTags(values, unknown map[string]any, defaultTags map[string]any) map[string]any {
	return tagsFrom([][2]string{{"tags_all", "tags"}, {"effective_labels", "labels"}, {"terraform_labels", "labels"}}, values, unknown, defaultTags)
}

// tagsFrom is effectiveTags over pairs of (computed whole map, own map)
// attributes, the first pair the resource has.
func tagsFrom(pairs [][2]string, values, unknown map[string]any, defaultTags map[string]any) map[string]any {
	if values == nil {
		return nil
	}
	for _, pair := range pairs {
		all, own := pair[0], pair[1]
		_, hasAll := values[all]
		_, hasOwn := values[own]
		if !hasAll && !hasOwn {
			continue
		}
		if notMap(values[own]) || notMap(values[all]) {
			// Not tags: google_compute_instance's `tags` are network
			// tags, a list; its labels are the next pair.
			continue
		}
		if m, ok := values[all].(map[string]any); ok && !wholeUnknown(unknown, all) {
			return withUnknownTags(m, unknown, all)
		}
		if wholeUnknown(unknown, own) {
			return nil
		}
		if all == "effective_labels" {
			if _, ok := values["terraform_labels"].(map[string]any); ok && !wholeUnknown(unknown, "terraform_labels") {
				continue // google provider 5+: terraform_labels is known where effective_labels is not
			}
		}
		out := map[string]any{}
		for k, v := range defaultTags {
			out[k] = v
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

// notMap: v is a known value other than a map (nil is not known here).
func notMap(v any) bool {
	if v == nil {
		return false
	}
	_, ok := v.(map[string]any)
	return !ok
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

// RedactMarked replaces every value marked in the sensitivity tree (true at
// a path, as in before_sensitive/after_sensitive) by Redacted, and records
// the replaced strings in seen. Maps and lists with nothing marked are
// returned as they are, not copied; those with something marked are
// copied, never changed in place.
func RedactMarked(v, marks any, seen map[string]bool) any {
	out, _ := redactMarked(v, marks, seen)
	return out
}

// redactMarked is RedactMarked, and whether it replaced anything.
func redactMarked(v, marks any, seen map[string]bool) (any, bool) {
	if b, ok := marks.(bool); ok {
		if b && v != nil {
			CollectStrings(v, seen)
			return Redacted, true
		}
		return v, false
	}
	switch m := marks.(type) {
	case map[string]any:
		obj, ok := v.(map[string]any)
		if !ok || len(m) == 0 {
			return v, false
		}
		var out map[string]any
		for k, mk := range m {
			x, ok := obj[k]
			if !ok {
				continue
			}
			r, changed := redactMarked(x, mk, seen)
			if !changed {
				continue
			}
			if out == nil {
				out = make(map[string]any, len(obj))
				for k2, x2 := range obj {
					out[k2] = x2
				}
			}
			out[k] = r
		}
		if out == nil {
			return v, false
		}
		return out, true
	case []any:
		arr, ok := v.([]any)
		if !ok {
			return v, false
		}
		var out []any
		for i := 0; i < len(arr) && i < len(m); i++ {
			r, changed := redactMarked(arr[i], m[i], seen)
			if !changed {
				continue
			}
			if out == nil {
				out = append([]any(nil), arr...)
			}
			out[i] = r
		}
		if out == nil {
			return v, false
		}
		return out, true
	}
	return v, false
}

// CollectStrings records every string of at least 3 characters in v.
// Shorter ones ("", "no", "1") are too common to redact everywhere.
func CollectStrings(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		if len(x) >= 3 && x != Redacted {
			into[x] = true
		}
	case map[string]any:
		for _, e := range x {
			CollectStrings(e, into)
		}
	case []any:
		for _, e := range x {
			CollectStrings(e, into)
		}
	}
}

// RedactStrings replaces every string of v found in secrets (and every
// string containing one) by Redacted. Maps and lists holding no such
// string are returned as they are, not copied; those that do are copied,
// never changed in place.
func RedactStrings(v any, secrets map[string]bool) any {
	out, _ := redactStrings(v, secrets)
	return out
}

// redactStrings is RedactStrings, and whether it replaced anything.
func redactStrings(v any, secrets map[string]bool) (any, bool) {
	switch x := v.(type) {
	case string:
		if secrets[x] {
			return Redacted, true
		}
		if len(secrets) > 64 {
			return x, false // substring search would cost too much; exact matches only
		}
		for s := range secrets {
			if strings.Contains(x, s) {
				return Redacted, true
			}
		}
		return x, false
	case map[string]any:
		var out map[string]any
		for k, e := range x {
			r, changed := redactStrings(e, secrets)
			if !changed {
				continue
			}
			if out == nil {
				out = make(map[string]any, len(x))
				for k2, e2 := range x {
					out[k2] = e2
				}
			}
			out[k] = r
		}
		if out == nil {
			return x, false
		}
		return out, true
	case []any:
		var out []any
		for i, e := range x {
			r, changed := redactStrings(e, secrets)
			if !changed {
				continue
			}
			if out == nil {
				out = append([]any(nil), x...)
			}
			out[i] = r
		}
		if out == nil {
			return x, false
		}
		return out, true
	}
	return v, false
}
