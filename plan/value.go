package plan

import (
	"math/big"

	"github.com/zclconf/go-cty/cty"
)

// SensitiveMark marks values derived from sensitive variables, outputs and
// attributes. Any mark is rendered as Redacted in documents.
const SensitiveMark = "sensitive"

// CtyToJSON converts a value to what encoding/json decodes from a plan:
// unknown attributes omitted (unknown list elements null), sensitive
// (marked) values replaced by Redacted, numbers as float64.
func CtyToJSON(v cty.Value) any {
	if v == cty.NilVal {
		return nil
	}
	if v.IsMarked() {
		inner, _ := v.Unmark()
		if !inner.IsKnown() {
			return nil
		}
		if inner.IsNull() {
			return nil
		}
		return Redacted
	}
	if !v.IsKnown() || v.IsNull() {
		return nil
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Number:
		return numberToJSON(v.AsBigFloat())
	case ty == cty.Bool:
		return v.True()
	case ty.IsObjectType() || ty.IsMapType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if !e.IsKnown() {
				if inner, _ := e.Unmark(); !inner.IsKnown() {
					continue
				}
			}
			out[k.AsString()] = CtyToJSON(e)
		}
		return out
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, CtyToJSON(e))
		}
		return out
	case ty.IsCapsuleType():
		return nil
	}
	return nil
}

func numberToJSON(bf *big.Float) any {
	f, _ := bf.Float64()
	return f
}
