package plan

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// BlockLocation returns the Location of a resource block parsed with
// hclsyntax, with the range of every attribute and nested block inside it
// (see Location.Attributes for the key syntax). file is the name to record.
func BlockLocation(file string, block *hclsyntax.Block) *Location {
	r := block.Range()
	loc := &Location{
		File:       file,
		StartLine:  r.Start.Line,
		EndLine:    r.End.Line,
		Attributes: map[string]Range{},
	}
	addBodyRanges(loc.Attributes, "", block.Body)
	return loc
}

func addBodyRanges(into map[string]Range, prefix string, body *hclsyntax.Body) {
	for name, attr := range body.Attributes {
		key := prefix + name
		into[key] = RangeOf(attr.SrcRange)
		// Items of an object literal (tags = { Owner = "x" }) get their own key.
		if obj, ok := attr.Expr.(*hclsyntax.ObjectConsExpr); ok {
			for _, item := range obj.Items {
				if k, ok := literalKey(item.KeyExpr); ok {
					into[key+"."+k] = RangeOf(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range()))
				}
			}
		}
	}
	counts := map[string]int{}
	for _, b := range body.Blocks {
		typ := b.Type
		if typ == "dynamic" && len(b.Labels) == 1 {
			typ = b.Labels[0]
		}
		i := counts[typ]
		counts[typ]++
		base := prefix + typ
		if i == 0 {
			into[base] = RangeOf(b.Range())
		}
		key := fmt.Sprintf("%s[%d]", base, i)
		into[key] = RangeOf(b.Range())
		addBodyRanges(into, key+".", b.Body)
	}
}

func literalKey(e hclsyntax.Expression) (string, bool) {
	if wrap, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = wrap.Wrapped
	}
	switch k := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if len(k.Traversal) == 1 {
			return k.Traversal.RootName(), true
		}
	case *hclsyntax.TemplateExpr:
		if len(k.Parts) == 1 {
			if lit, ok := k.Parts[0].(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type().FriendlyName() == "string" {
				return lit.Val.AsString(), true
			}
		}
	case *hclsyntax.LiteralValueExpr:
		if k.Val.Type().FriendlyName() == "string" {
			return k.Val.AsString(), true
		}
	}
	return "", false
}

func RangeOf(r hcl.Range) Range {
	return Range{StartLine: r.Start.Line, StartColumn: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column}
}

// Lookup returns the range of the attribute at path, or of its closest
// enclosing attribute or block that has a known range, and false when none
// does (the caller then uses the whole resource block). Paths use the
// Location.Attributes syntax; numeric indices also match the first block
// ("egress[3]" falls back to "egress").
func (l *Location) Lookup(path string) (Range, bool) {
	if l == nil || path == "" {
		return Range{}, false
	}
	for p := path; p != ""; p = parentPath(p) {
		if r, ok := l.Attributes[p]; ok {
			return r, true
		}
	}
	return Range{}, false
}

// parentPath drops the last component of an attribute path: "a[1].b" ->
// "a[1]" -> "a" -> "".
func parentPath(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndex(p, "["); i > 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndex(p, "."); i >= 0 {
		return p[:i]
	}
	return ""
}
