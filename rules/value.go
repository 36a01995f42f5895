package rules

import (
	"reflect"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tfgate/tfgate/plan"
)

// docValue converts a document to an OPA value directly, without a JSON
// round trip: the document's structs become objects with the keys of their
// JSON tags (library/schema/input.json), values go through
// ast.InterfaceToValue. A test keeps it equal to the JSON encoding.
func docValue(doc *plan.Document) (ast.Value, error) {
	// Resources convert independently: in chunks, on every CPU.
	resources := make([]*ast.Term, len(doc.Resources))
	const chunk = 256
	errs := make([]error, (len(doc.Resources)+chunk-1)/chunk)
	parallel(len(errs), func(c int) {
		shared := &sharedValues{}
		for i := c * chunk; i < min((c+1)*chunk, len(doc.Resources)); i++ {
			v, err := resourceValue(&doc.Resources[i], shared)
			if err != nil {
				errs[c] = err
				return
			}
			resources[i] = ast.NewTerm(v)
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	notices := make([]*ast.Term, 0, len(doc.Notices))
	for _, n := range doc.Notices {
		obj := ast.NewObject(
			item("code", ast.String(n.Code)),
			item("message", ast.String(n.Message)),
		)
		if n.File != "" {
			obj.Insert(ast.StringTerm("file"), ast.StringTerm(n.File))
		}
		if n.Line != 0 {
			obj.Insert(ast.StringTerm("line"), ast.IntNumberTerm(n.Line))
		}
		if n.Resource != "" {
			obj.Insert(ast.StringTerm("resource"), ast.StringTerm(n.Resource))
		}
		notices = append(notices, ast.NewTerm(obj))
	}
	var noticesVal ast.Value = ast.NewArray(notices...)
	if doc.Notices == nil {
		noticesVal = ast.Null{}
	}
	return ast.NewObject(
		item("source", ast.NewObject(
			item("kind", ast.String(doc.Source.Kind)),
			item("path", ast.String(doc.Source.Path)),
			item("terraform_version", ast.String(doc.Source.TerraformVersion)),
			item("format_version", ast.String(doc.Source.FormatVersion)),
		)),
		item("resources", ast.NewArray(resources...)),
		item("notices", noticesVal),
	), nil
}

func item(k string, v ast.Value) [2]*ast.Term {
	return ast.Item(ast.StringTerm(k), ast.NewTerm(v))
}

// value is ast.InterfaceToValue for the values of a document (maps,
// arrays and scalars decoded from JSON or made by the configuration
// evaluator), with the key of every object made once per sharedValues and
// shared, and equal objects and arrays made of strings, booleans and
// nulls shared too (intern): a document repeats the same attribute names
// in every resource of a type, and often the same values (a type's
// unknown markers, tags, empty blocks). TestDocValueMatchesJSON compares
// the result with the JSON of every fixture and corpus document.
func (s *sharedValues) value(v any) (ast.Value, error) {
	out, _, err := s.convert(v)
	return out, err
}

// convert is value; plain reports that the value holds no number (only
// such values are interned: numbers that compare equal may be written
// differently, 1 and 1.0).
func (s *sharedValues) convert(v any) (out ast.Value, plain bool, err error) {
	switch x := v.(type) {
	case nil:
		return ast.Null{}, true, nil
	case string:
		return ast.String(x), true, nil
	case bool:
		return ast.Boolean(x), true, nil
	case map[string]any:
		items := make([][2]*ast.Term, 0, len(x))
		terms := make([]ast.Term, len(x))
		i := 0
		plain = true
		for k, e := range x {
			ev, p, err := s.convert(e)
			if err != nil {
				return nil, false, err
			}
			plain = plain && p
			terms[i].Value = ev
			items = append(items, [2]*ast.Term{s.key(k), &terms[i]})
			i++
		}
		return s.intern(ast.NewObject(items...), plain), plain, nil
	case []any:
		terms := make([]ast.Term, len(x))
		ptrs := make([]*ast.Term, len(x))
		plain = true
		for i, e := range x {
			ev, p, err := s.convert(e)
			if err != nil {
				return nil, false, err
			}
			plain = plain && p
			terms[i].Value = ev
			ptrs[i] = &terms[i]
		}
		return s.intern(ast.NewArray(ptrs...), plain), plain, nil
	}
	out, err = ast.InterfaceToValue(v)
	return out, false, err
}

// intern returns the value equal to v that s made before, when v is plain
// (no number) and there is one, else v (kept for the next). Values are
// never changed once made, so resources may share them.
func (s *sharedValues) intern(v ast.Value, plain bool) ast.Value {
	if !plain {
		return v
	}
	h := v.Hash()
	for _, c := range s.values[h] {
		if c.Compare(v) == 0 {
			return c
		}
	}
	if s.values == nil {
		s.values = map[int][]ast.Value{}
	}
	s.values[h] = append(s.values[h], v)
	return v
}

// mapValue is value for a map that is null when nil (tags).
func (s *sharedValues) mapValue(m map[string]any) (ast.Value, error) {
	if m == nil {
		return ast.Null{}, nil
	}
	return s.value(m)
}

// key is the shared term of an object key.
func (s *sharedValues) key(k string) *ast.Term {
	if t, ok := s.keys[k]; ok {
		return t
	}
	if s.keys == nil {
		s.keys = map[string]*ast.Term{}
	}
	t := ast.StringTerm(k)
	s.keys[k] = t
	return t
}

func resourceValue(r *plan.Resource, shared *sharedValues) (ast.Value, error) {
	var vals [5]ast.Value
	for i, v := range []any{r.Index, r.Region, r.Before, r.After, r.Unknown} {
		x, err := shared.value(v)
		if err != nil {
			return nil, err
		}
		vals[i] = x
	}
	provider, err := shared.provider(&r.Provider)
	if err != nil {
		return nil, err
	}
	refs := ast.NewObject()
	for k, addrs := range r.References {
		ts := make([]*ast.Term, len(addrs))
		for i, a := range addrs {
			ts[i] = ast.StringTerm(a)
		}
		refs.Insert(ast.StringTerm(k), ast.ArrayTerm(ts...))
	}
	tags, err := shared.mapValue(r.Tags)
	if err != nil {
		return nil, err
	}
	var loc ast.Value = ast.Null{}
	if l := r.Location; l != nil {
		obj := ast.NewObject(
			item("file", ast.String(l.File)),
			item("start_line", ast.Number(itoa(l.StartLine))),
			item("end_line", ast.Number(itoa(l.EndLine))),
		)
		if len(l.Attributes) > 0 {
			attrs := ast.NewObject()
			for k, rg := range l.Attributes {
				attrs.Insert(ast.StringTerm(k), ast.NewTerm(ast.NewObject(
					item("start_line", ast.Number(itoa(rg.StartLine))),
					item("start_column", ast.Number(itoa(rg.StartColumn))),
					item("end_line", ast.Number(itoa(rg.EndLine))),
					item("end_column", ast.Number(itoa(rg.EndColumn))),
				)))
			}
			obj.Insert(ast.StringTerm("attributes"), ast.NewTerm(attrs))
		}
		loc = obj
	}
	return ast.NewObject(
		item("address", ast.String(r.Address)),
		item("module", ast.String(r.Module)),
		item("mode", ast.String(r.Mode)),
		item("type", ast.String(r.Type)),
		item("name", ast.String(r.Name)),
		item("index", vals[0]),
		item("provider", provider),
		item("region", vals[1]),
		item("change", shared.change(r.Change)),
		item("before", vals[2]),
		item("after", vals[3]),
		item("unknown", vals[4]),
		item("references", refs),
		item("tags", tags),
		item("location", loc),
	), nil
}

// sharedValues are the values many resources of a document hold alike,
// converted once and shared (values are never changed once made): the
// provider configuration (its default_tags map is one map for all its
// resources) and the change. Not safe for concurrent use: one per
// goroutine.
type sharedValues struct {
	providers map[providerKey]ast.Value
	changes   map[string]ast.Value
	keys      map[string]*ast.Term
	values    map[int][]ast.Value // intern
}

type providerKey struct {
	name, source, alias, configKey, region string
	hasRegion                              bool
	defaultTags                            uintptr // the map's identity
}

func (s *sharedValues) provider(p *plan.Provider) (ast.Value, error) {
	key := providerKey{name: p.Name, source: p.Source, alias: p.Alias, configKey: p.ConfigKey,
		defaultTags: reflect.ValueOf(p.DefaultTags).Pointer()}
	switch r := p.Region.(type) {
	case nil:
	case string:
		key.region, key.hasRegion = r, true
	default:
		return s.providerValue(p) // not a value that can be a key: not shared
	}
	if v, ok := s.providers[key]; ok {
		return v, nil
	}
	v, err := s.providerValue(p)
	if err != nil {
		return nil, err
	}
	if s.providers == nil {
		s.providers = map[providerKey]ast.Value{}
	}
	s.providers[key] = v
	return v, nil
}

func (s *sharedValues) providerValue(p *plan.Provider) (ast.Value, error) {
	region, err := s.value(p.Region)
	if err != nil {
		return nil, err
	}
	defaultTags, err := s.mapValue(p.DefaultTags)
	if err != nil {
		return nil, err
	}
	return ast.NewObject(
		item("name", ast.String(p.Name)),
		item("source", ast.String(p.Source)),
		item("alias", ast.String(p.Alias)),
		item("config_key", ast.String(p.ConfigKey)),
		item("region", region),
		item("default_tags", defaultTags),
	), nil
}

func (s *sharedValues) change(c plan.Change) ast.Value {
	key := c.Kind + "\x00" + strings.Join(c.Actions, "\x00")
	if v, ok := s.changes[key]; ok {
		return v
	}
	actions := make([]*ast.Term, len(c.Actions))
	for i, a := range c.Actions {
		actions[i] = ast.StringTerm(a)
	}
	v := ast.NewObject(
		item("actions", ast.NewArray(actions...)),
		item("kind", ast.String(c.Kind)),
	)
	if s.changes == nil {
		s.changes = map[string]ast.Value{}
	}
	s.changes[key] = v
	return v
}

func itoa(n int) string {
	return ast.IntNumberTerm(n).Value.String()
}
