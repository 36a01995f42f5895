package plan

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Configuration carries no provider schema, so a plan and a configuration
// would disagree about every attribute the provider computes. Compact
// tables made from `terraform providers schema -json` (by
// plan/internal/genschema; see its README.md for the inputs) say, per
// resource type, which attributes exist, which are computed (unknown until
// apply when not configured, like a plan's after_unknown), which are
// sensitive, and how nested blocks nest. The AWS table was made from the
// local provider with a probe plan, so it also knows static defaults and
// the blocks the provider plans as unknown; the azurerm and google tables
// were made from public schema dumps without a provider to probe, so an
// argument left out of an Azure or Google configuration is null, not the
// provider's default.

//go:embed schema/aws.json.gz
var awsSchemaGz []byte

//go:embed schema/azurerm.json.gz
var azurermSchemaGz []byte

//go:embed schema/google.json.gz
var googleSchemaGz []byte

// The tables, each decoded on the first lookup of one of its types: a
// configuration of one cloud never pays for the others.
var (
	awsSchema     = &schemaTable{gz: awsSchemaGz}
	azurermSchema = &schemaTable{gz: azurermSchemaGz}
	googleSchema  = &schemaTable{gz: googleSchemaGz}
)

// schemaTables maps a provider's type (the last part of its source
// address, hashicorp namespace) to its table. google-beta resources use
// the google table: the beta provider's schema is the GA one plus beta
// fields, and no public dump of it was found; beta-only types have no
// entry and beta-only arguments are kept as written.
var schemaTables = map[string]*schemaTable{
	"aws":         awsSchema,
	"azurerm":     azurermSchema,
	"google":      googleSchema,
	"google-beta": googleSchema,
}

// schemaHosts are the registries whose hashicorp/<type> providers the
// tables describe (OpenTofu's registry serves the same providers).
var schemaHosts = map[string]bool{
	"registry.terraform.io": true,
	"registry.opentofu.org": true,
}

// schemaBlock is the table entry for a resource type or nested block.
type schemaBlock struct {
	// Attrs maps an attribute name to flags: "c" computed (unknown when not
	// configured), "o" optional or required (null when not configured), "s"
	// sensitive.
	Attrs map[string]string `json:"a,omitempty"`
	// Blocks maps nested blocks, and attributes whose type is a collection
	// of objects (written as blocks in configuration, e.g. ingress), to
	// their structure.
	Blocks map[string]*schemaNested `json:"b,omitempty"`
	// Defaults are static provider defaults of attributes (found by a
	// probe plan): a plan shows them where configuration does not set them.
	Defaults map[string]json.RawMessage `json:"d,omitempty"`
}

// schemaNested is a nested block or object-typed attribute.
type schemaNested struct {
	// Mode: blocks "l" list, "s" set, "1" single, "g" group, "m" map;
	// attributes "L" list, "S" set, "O" object, "M" map of objects.
	Mode string `json:"m"`
	// Computed: unknown until apply when not configured.
	Computed bool `json:"c,omitempty"`
	schemaBlock
}

func (n *schemaNested) isAttr() bool { return n.Mode != "" && n.Mode[0] >= 'A' && n.Mode[0] <= 'Z' }

func (n *schemaNested) single() bool {
	return n.Mode == "1" || n.Mode == "g" || n.Mode == "O"
}

func (n *schemaNested) mapped() bool { return n.Mode == "m" || n.Mode == "M" }

// nested returns the schema of a nested block or object attribute, nil when
// unknown.
func (s *schemaBlock) nested(name string) *schemaBlock {
	n, ok := s.nestedBlock(name)
	if !ok {
		return nil
	}
	return &n.schemaBlock
}

func (s *schemaBlock) nestedBlock(name string) (*schemaNested, bool) {
	if s == nil {
		return nil, false
	}
	n, ok := s.Blocks[name]
	return n, ok && n != nil
}

// blockNames are the names written as blocks in the JSON syntax (real
// nested blocks, not object attributes).
func (s *schemaBlock) blockNames() []string {
	if s == nil {
		return nil
	}
	var out []string
	for name, n := range s.Blocks {
		if !n.isAttr() {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// schemaTable is one embedded table, decoded lazily: the gzip and the
// outer JSON on the first lookup, each resource type's entry on its own
// first lookup.
type schemaTable struct {
	gz []byte

	once sync.Once
	raw  map[string]json.RawMessage
	err  error

	mu    sync.Mutex
	types map[string]*schemaBlock
}

// load decodes the table's index of resource types (once).
func (t *schemaTable) load() error {
	t.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(t.gz))
		if err != nil {
			t.err = err
			return
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.err = err
			return
		}
		var table struct {
			Resources map[string]json.RawMessage `json:"resources"`
		}
		if err := json.Unmarshal(data, &table); err != nil {
			t.err = err
			return
		}
		t.raw = table.Resources
		t.types = map[string]*schemaBlock{}
	})
	return t.err
}

// resource decodes one resource type's entry on first use; nil when the
// table has no such type.
func (t *schemaTable) resource(typ string) *schemaBlock {
	if t.load() != nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if b, ok := t.types[typ]; ok {
		return b
	}
	var b *schemaBlock
	if raw, ok := t.raw[typ]; ok {
		b = &schemaBlock{}
		if json.Unmarshal(raw, b) != nil {
			b = nil
		}
	}
	t.types[typ] = b
	return b
}

// tableFor returns the table describing the provider with this source
// address (registry.terraform.io/hashicorp/azurerm), nil when there is
// none.
func tableFor(source string) *schemaTable {
	host, rest, ok := strings.Cut(strings.ToLower(source), "/")
	if !ok || !schemaHosts[host] {
		return nil
	}
	ns, typ, ok := strings.Cut(rest, "/")
	if !ok || ns != "hashicorp" {
		return nil
	}
	return schemaTables[typ]
}

// resourceSchema returns the table entry of a managed resource type of
// one of the providers with a table (hashicorp/aws, azurerm, google,
// google-beta), or nil.
func resourceSchema(source, mode, typ string) *schemaBlock {
	if mode != "managed" {
		return nil
	}
	t := tableFor(source)
	if t == nil {
		return nil
	}
	return t.resource(typ)
}

// augment completes a decoded configuration object with the attributes the
// schema declares: computed ones unknown, others null; absent list/set
// blocks become empty lists and single blocks null, as in a plan.
func augment(v cty.Value, sch *schemaBlock) cty.Value {
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
			m[name] = cur.Mark(sensitiveMark)
		}
	}
	for name, nb := range sch.Blocks {
		cur, ok := m[name]
		if !ok || (nb.Computed && cur.IsNull()) {
			switch {
			case nb.Computed:
				m[name] = cty.DynamicVal
			case nb.isAttr() || nb.single() || nb.mapped():
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

func augmentNested(cur cty.Value, nb *schemaNested) cty.Value {
	if cur.IsNull() || !cur.IsKnown() {
		return cur
	}
	cur, marks := cur.Unmark()
	ty := cur.Type()
	switch {
	case nb.single():
		if ty.IsObjectType() {
			return augment(cur, &nb.schemaBlock).WithMarks(marks)
		}
		if (ty.IsTupleType() || ty.IsListType()) && cur.LengthInt() > 0 {
			return augment(cur.Index(cty.NumberIntVal(0)), &nb.schemaBlock).WithMarks(marks)
		}
		if cur.CanIterateElements() && cur.LengthInt() == 0 {
			return cty.NullVal(cty.DynamicPseudoType).WithMarks(marks)
		}
		return cur.WithMarks(marks)
	case nb.mapped():
		if !ty.IsMapType() && !ty.IsObjectType() {
			return cur.WithMarks(marks)
		}
		out := map[string]cty.Value{}
		for it := cur.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = augment(e, &nb.schemaBlock)
		}
		return cty.ObjectVal(out).WithMarks(marks)
	}
	if ty.IsObjectType() && !nb.isAttr() {
		// A block written once through JSON syntax as an object.
		return cty.TupleVal([]cty.Value{augment(cur, &nb.schemaBlock)}).WithMarks(marks)
	}
	if !ty.IsTupleType() && !ty.IsListType() && !ty.IsSetType() {
		return cur.WithMarks(marks)
	}
	out := make([]cty.Value, 0, cur.LengthInt())
	for it := cur.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, augment(e, &nb.schemaBlock))
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
func withTagsAll(obj cty.Value, sch *schemaBlock, prov *provState) cty.Value {
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
func withGoogleLabels(obj cty.Value, sch *schemaBlock, prov *provState) cty.Value {
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
