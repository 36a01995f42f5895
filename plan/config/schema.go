package config

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tfgate/tfgate/plan"
	"github.com/tfgate/tfgate/plan/schema"
)

// lookupSchema finds the table entry of a resource type (schema.Lookup;
// a test loads without tables by replacing it).
var lookupSchema = schema.Lookup

// augment completes a decoded configuration object with the attributes the
// schema declares: computed ones unknown, others null; absent list/set
// blocks become empty lists and single blocks null, as in a plan.
func augment(v cty.Value, sch *schema.Block) cty.Value {
	if sch == nil || v.IsNull() || !v.IsKnown() || !v.Type().IsObjectType() {
		return v
	}
	v, marks := v.Unmark()
	m := v.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	for name, flags := range sch.Attrs {
		flags, typ, _ := strings.Cut(flags, "|")
		cur, ok := m[name]
		computed := strings.Contains(flags, "c")
		// An argument set to null is the same as one left out.
		if !ok || (cur.IsNull() && !cur.IsMarked()) {
			switch def, hasDef := defaultValue(sch.Defaults[name]); {
			case computed:
				m[name] = cty.DynamicVal
			case hasDef:
				m[name] = def
			default:
				m[name] = cty.NullVal(cty.DynamicPseudoType)
			}
			continue
		}
		if ty, ok := attrTypes[typ]; ok && !cur.IsNull() {
			if conv, err := convert.Convert(cur, ty); err == nil {
				cur = conv
				m[name] = cur
			}
		}
		if strings.Contains(flags, "s") && !cur.IsNull() {
			m[name] = cur.Mark(plan.SensitiveMark)
		}
	}
	for name, nb := range sch.Blocks {
		cur, ok := m[name]
		if !ok || (nb.Computed && cur.IsNull()) {
			switch {
			case nb.Computed:
				m[name] = cty.DynamicVal
			case nb.IsAttr() || nb.Single() || nb.Mapped():
				m[name] = cty.NullVal(cty.DynamicPseudoType)
			default:
				m[name] = cty.EmptyTupleVal
			}
			continue
		}
		m[name] = augmentNested(cur, nb)
	}
	return cty.ObjectVal(m).WithMarks(marks)
}

func augmentNested(cur cty.Value, nb *schema.Nested) cty.Value {
	if cur.IsNull() || !cur.IsKnown() {
		return cur
	}
	cur, marks := cur.Unmark()
	ty := cur.Type()
	switch {
	case nb.Single():
		if ty.IsObjectType() {
			return augment(cur, &nb.Block).WithMarks(marks)
		}
		if (ty.IsTupleType() || ty.IsListType()) && cur.LengthInt() > 0 {
			return augment(cur.Index(cty.NumberIntVal(0)), &nb.Block).WithMarks(marks)
		}
		if cur.CanIterateElements() && cur.LengthInt() == 0 {
			return cty.NullVal(cty.DynamicPseudoType).WithMarks(marks)
		}
		return cur.WithMarks(marks)
	case nb.Mapped():
		if !ty.IsMapType() && !ty.IsObjectType() {
			return cur.WithMarks(marks)
		}
		out := map[string]cty.Value{}
		for it := cur.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = augment(e, &nb.Block)
		}
		return cty.ObjectVal(out).WithMarks(marks)
	}
	if ty.IsObjectType() && !nb.IsAttr() {
		// A block written once through JSON syntax as an object.
		return cty.TupleVal([]cty.Value{augment(cur, &nb.Block)}).WithMarks(marks)
	}
	if !ty.IsTupleType() && !ty.IsListType() && !ty.IsSetType() {
		return cur.WithMarks(marks)
	}
	out := make([]cty.Value, 0, cur.LengthInt())
	for it := cur.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, augment(e, &nb.Block))
	}
	if len(out) == 0 {
		return cty.EmptyTupleVal.WithMarks(marks)
	}
	return cty.TupleVal(out).WithMarks(marks)
}

// attrTypes are the attribute types the table records.
var attrTypes = func() map[string]cty.Type {
	out := map[string]cty.Type{}
	for name, prim := range map[string]cty.Type{"string": cty.String, "number": cty.Number, "bool": cty.Bool} {
		out[name] = prim
		out["list("+name+")"] = cty.List(prim)
		out["set("+name+")"] = cty.Set(prim)
		out["map("+name+")"] = cty.Map(prim)
	}
	return out
}()

// defaultValue converts a primitive JSON default.
func defaultValue(raw json.RawMessage) (cty.Value, bool) {
	if len(raw) == 0 {
		return cty.NilVal, false
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return cty.NilVal, false
	}
	switch x := v.(type) {
	case string:
		return cty.StringVal(x), true
	case bool:
		return cty.BoolVal(x), true
	case json.Number:
		n, err := cty.ParseNumberVal(x.String())
		return n, err == nil
	case []any:
		if len(x) == 0 {
			return cty.EmptyTupleVal, true
		}
	}
	return cty.NilVal, false
}

// withTagsAll sets the tag maps a provider computes from a resource's own
// tags and its provider's defaults, as the provider plans them for a
// create. AWS: tags_all, the merge of default_tags and tags, when the
// resource does not set it; with neither set the provider leaves it
// unknown, and so do we. Google (provider 5+): terraform_labels and
// effective_labels (see withGoogleLabels).
func withTagsAll(obj cty.Value, sch *schema.Block, prov *provState) cty.Value {
	if _, ok := sch.Attrs["effective_labels"]; ok {
		return withGoogleLabels(obj, sch, prov)
	}
	if _, ok := sch.Attrs["tags_all"]; !ok || !obj.IsKnown() || obj.IsNull() {
		return obj
	}
	obj, marks := obj.Unmark()
	m := obj.AsValueMap()
	if cur, ok := m["tags_all"]; ok && cur.IsKnown() {
		return obj.WithMarks(marks) // configured explicitly
	}
	tags, ok := m["tags"]
	if !ok {
		tags = cty.NullVal(cty.DynamicPseudoType)
	}
	dt := cty.NullVal(cty.DynamicPseudoType)
	if prov != nil {
		dt = prov.defaultTags
	}
	if tags.IsNull() && dt.IsNull() {
		return obj.WithMarks(marks)
	}
	merged, known := mergeTagMaps(dt, tags)
	if !known {
		m["tags_all"] = cty.DynamicVal
	} else {
		m["tags_all"] = merged
	}
	return cty.ObjectVal(m).WithMarks(marks)
}

// mergeTagMaps merges maps (later wins); known is false when a map as a
// whole is unknown.
func mergeTagMaps(maps ...cty.Value) (cty.Value, bool) {
	out := map[string]cty.Value{}
	for _, mv := range maps {
		if mv.IsNull() {
			continue
		}
		if !mv.IsKnown() {
			return cty.DynamicVal, false
		}
		mv, marks := mv.Unmark()
		ty := mv.Type()
		if !ty.IsMapType() && !ty.IsObjectType() {
			return cty.DynamicVal, false
		}
		for it := mv.ElementIterator(); it.Next(); {
			k, v := it.Element()
			out[k.AsString()] = v.WithMarks(marks)
		}
	}
	return cty.ObjectVal(out), true
}

// withGoogleLabels sets terraform_labels and effective_labels of a Google
// resource as the google provider (5+) plans them for a create: both are
// the resource's labels (resource_labels for google_container_cluster)
// merged over the provider's default_labels, the resource winning. As in
// the provider, they stay unknown when the labels are not wholly known
// (one unknown value makes the whole map unknown) and when the merge is
// empty (an empty map is no value to the plugin SDK). Labels set outside
// Terraform show in effective_labels only after apply, and the
// goog-terraform-provisioned label that provider 6+ adds when
// add_terraform_attribution_label is on is not added: it depends on the
// provider's version and settings.
func withGoogleLabels(obj cty.Value, sch *schema.Block, prov *provState) cty.Value {
	if !obj.IsKnown() || obj.IsNull() {
		return obj
	}
	own := "labels"
	if _, ok := sch.Attrs[own]; !ok {
		own = "resource_labels"
		if _, ok := sch.Attrs[own]; !ok {
			return obj
		}
	}
	obj, marks := obj.Unmark()
	m := obj.AsValueMap()
	labels, ok := m[own]
	if !ok {
		labels = cty.NullVal(cty.DynamicPseudoType)
	}
	dl := cty.NullVal(cty.DynamicPseudoType)
	if prov != nil && prov.defaultTags != cty.NilVal {
		dl = prov.defaultTags
	}
	unknown := func() cty.Value {
		for _, name := range []string{"terraform_labels", "effective_labels"} {
			if _, ok := sch.Attrs[name]; ok {
				m[name] = cty.DynamicVal
			}
		}
		return cty.ObjectVal(m).WithMarks(marks)
	}
	if !wholeKnown(labels) || !wholeKnown(dl) {
		return unknown()
	}
	merged, known := mergeTagMaps(dl, labels)
	if !known || merged.LengthInt() == 0 {
		return unknown()
	}
	for _, name := range []string{"terraform_labels", "effective_labels"} {
		if _, ok := sch.Attrs[name]; ok {
			m[name] = merged
		}
	}
	return cty.ObjectVal(m).WithMarks(marks)
}

// wholeKnown reports whether v, marks and all, holds no unknown value.
func wholeKnown(v cty.Value) bool {
	v, _ = v.UnmarkDeep()
	return v.IsWhollyKnown()
}
