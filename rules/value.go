package rules

import (
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
		for i := c * chunk; i < min((c+1)*chunk, len(doc.Resources)); i++ {
			v, err := resourceValue(&doc.Resources[i])
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

func anyValue(v any) (ast.Value, error) {
	if v == nil {
		return ast.Null{}, nil
	}
	return ast.InterfaceToValue(v)
}

func resourceValue(r *plan.Resource) (ast.Value, error) {
	var vals [6]ast.Value
	for i, v := range []any{r.Index, r.Region, r.Before, r.After, r.Unknown, r.Provider.Region} {
		x, err := anyValue(v)
		if err != nil {
			return nil, err
		}
		vals[i] = x
	}
	actions := make([]*ast.Term, len(r.Change.Actions))
	for i, a := range r.Change.Actions {
		actions[i] = ast.StringTerm(a)
	}
	refs := ast.NewObject()
	for k, addrs := range r.References {
		ts := make([]*ast.Term, len(addrs))
		for i, a := range addrs {
			ts[i] = ast.StringTerm(a)
		}
		refs.Insert(ast.StringTerm(k), ast.ArrayTerm(ts...))
	}
	tags, err := mapValue(r.Tags)
	if err != nil {
		return nil, err
	}
	defaultTags, err := mapValue(r.Provider.DefaultTags)
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
		item("provider", ast.NewObject(
			item("name", ast.String(r.Provider.Name)),
			item("source", ast.String(r.Provider.Source)),
			item("alias", ast.String(r.Provider.Alias)),
			item("config_key", ast.String(r.Provider.ConfigKey)),
			item("region", vals[5]),
			item("default_tags", defaultTags),
		)),
		item("region", vals[1]),
		item("change", ast.NewObject(
			item("actions", ast.NewArray(actions...)),
			item("kind", ast.String(r.Change.Kind)),
		)),
		item("before", vals[2]),
		item("after", vals[3]),
		item("unknown", vals[4]),
		item("references", refs),
		item("tags", tags),
		item("location", loc),
	), nil
}

func mapValue(m map[string]any) (ast.Value, error) {
	if m == nil {
		return ast.Null{}, nil
	}
	return ast.InterfaceToValue(m)
}

func itoa(n int) string {
	return ast.IntNumberTerm(n).Value.String()
}
