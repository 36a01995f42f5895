package planjson

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"
)

// A resource change is most of a plan's bytes, and encoding/json spends
// most of a large plan's load on it: a validating pass over each element,
// then a decoding pass through its reflection-driven state machine. The
// decoder here reads a resource change in one pass, straight into
// tfjson.ResourceChange, with the values (before, after, ...) as
// encoding/json makes them for an interface{}: map[string]any, []any,
// string, float64, bool and nil.
//
// It gives exactly what json.Unmarshal gives, or refuses: invalid JSON, a
// key that encoding/json would match to a field without being its exact
// name (its matching ignores case), a key given twice, a value of the
// wrong type for its field, nesting deeper than encoding/json allows. The
// caller then hands the element to json.Unmarshal, which says what is
// wrong. TestFastDecodeEqualsUnmarshal compares the two on every fixture
// and corpus plan, and FuzzFastJSON on arbitrary input.

// maxDepth is encoding/json's limit of nesting.
const maxDepth = 10000

type fastDecoder struct {
	data  []byte
	i     int
	depth int
}

// decodeResourceChange decodes one element of resource_changes as
// json.Unmarshal(data, rc) would; ok false when it leaves that to
// json.Unmarshal (rc is then untouched).
func decodeResourceChange(data []byte, rc **tfjson.ResourceChange) (ok bool) {
	d := &fastDecoder{data: data}
	d.space()
	var out *tfjson.ResourceChange
	if d.literal("null") {
		out = nil
	} else {
		out = &tfjson.ResourceChange{}
		if !d.object(resourceChangeKeys, func(key string) bool { return d.resourceChangeField(out, key) }) {
			return false
		}
	}
	d.space()
	if d.i != len(d.data) {
		return false
	}
	*rc = out
	return true
}

var resourceChangeKeys = []string{"address", "previous_address", "module_address", "mode", "type", "name",
	"index", "provider_name", "deposed", "change", "action_reason"}

var changeKeys = []string{"actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive",
	"importing", "generated_config", "replace_paths", "before_identity", "after_identity"}

var importingKeys = []string{"id", "unknown", "identity"}

func (d *fastDecoder) resourceChangeField(rc *tfjson.ResourceChange, key string) bool {
	switch key {
	case "address":
		return d.stringField(&rc.Address)
	case "previous_address":
		return d.stringField(&rc.PreviousAddress)
	case "module_address":
		return d.stringField(&rc.ModuleAddress)
	case "mode":
		var s string
		ok := d.stringField(&s)
		if s != "" {
			rc.Mode = tfjson.ResourceMode(s)
		}
		return ok
	case "type":
		return d.stringField(&rc.Type)
	case "name":
		return d.stringField(&rc.Name)
	case "index":
		v, ok := d.value()
		rc.Index = v
		return ok
	case "provider_name":
		return d.stringField(&rc.ProviderName)
	case "deposed":
		return d.stringField(&rc.DeposedKey)
	case "action_reason":
		var s string
		ok := d.stringField(&s)
		if s != "" {
			rc.ActionReason = tfjson.ActionReason(s)
		}
		return ok
	case "change":
		if d.literal("null") {
			rc.Change = nil
			return true
		}
		c := &tfjson.Change{}
		rc.Change = c
		return d.object(changeKeys, func(key string) bool { return d.changeField(c, key) })
	}
	return d.skip()
}

func (d *fastDecoder) changeField(c *tfjson.Change, key string) bool {
	var ok bool
	switch key {
	case "actions":
		if d.literal("null") {
			c.Actions = nil
			return true
		}
		c.Actions = tfjson.Actions{}
		return d.array(func() bool {
			var s string
			ok := d.stringField(&s)
			c.Actions = append(c.Actions, tfjson.Action(s))
			return ok
		})
	case "before":
		c.Before, ok = d.value()
	case "after":
		c.After, ok = d.value()
	case "after_unknown":
		c.AfterUnknown, ok = d.value()
	case "before_sensitive":
		c.BeforeSensitive, ok = d.value()
	case "after_sensitive":
		c.AfterSensitive, ok = d.value()
	case "before_identity":
		c.BeforeIdentity, ok = d.value()
	case "after_identity":
		c.AfterIdentity, ok = d.value()
	case "generated_config":
		ok = d.stringField(&c.GeneratedConfig)
	case "replace_paths":
		if d.literal("null") {
			c.ReplacePaths = nil
			return true
		}
		c.ReplacePaths = []interface{}{}
		ok = d.array(func() bool {
			v, ok := d.value()
			c.ReplacePaths = append(c.ReplacePaths, v)
			return ok
		})
	case "importing":
		if d.literal("null") {
			c.Importing = nil
			return true
		}
		imp := &tfjson.Importing{}
		c.Importing = imp
		ok = d.object(importingKeys, func(key string) bool {
			switch key {
			case "id":
				return d.stringField(&imp.ID)
			case "unknown":
				if d.literal("null") {
					return true
				}
				if d.literal("true") {
					imp.Unknown = true
					return true
				}
				if d.literal("false") {
					imp.Unknown = false
					return true
				}
				return false
			case "identity":
				v, ok := d.value()
				imp.Identity = v
				return ok
			}
			return d.skip()
		})
	default:
		ok = d.skip()
	}
	return ok
}

// object reads an object of a struct's fields (keys: its JSON names),
// calling field for each member once the ':' is read. A key given twice,
// or one encoding/json would match to a field by folding case, refuses.
func (d *fastDecoder) object(keys []string, field func(key string) bool) bool {
	if d.i >= len(d.data) || d.data[d.i] != '{' {
		return false
	}
	d.depth++
	if d.depth > maxDepth {
		return false
	}
	d.i++
	var seen uint64 // keys are at most 64
	d.space()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		d.depth--
		return true
	}
	for {
		key, ok := d.str()
		if !ok {
			return false
		}
		at := -1
		for k, name := range keys {
			if key == name {
				at = k
				break
			}
			if strings.EqualFold(key, name) || !isPlainKey(key) {
				return false // encoding/json's folded match, or a doubt
			}
		}
		if at >= 0 {
			if seen&(1<<at) != 0 {
				return false
			}
			seen |= 1 << at
		}
		d.space()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return false
		}
		d.i++
		d.space()
		if at >= 0 {
			ok = field(key)
		} else {
			ok = d.skip()
		}
		if !ok {
			return false
		}
		d.space()
		if d.i >= len(d.data) {
			return false
		}
		switch d.data[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			d.depth--
			return true
		default:
			return false
		}
	}
}

// isPlainKey: only ASCII letters, digits and '_' (Unicode case folding,
// which encoding/json applies to keys, cannot make such a key match
// another in any surprising way).
func isPlainKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// array reads an array, calling elem at each element.
func (d *fastDecoder) array(elem func() bool) bool {
	if d.i >= len(d.data) || d.data[d.i] != '[' {
		return false
	}
	d.depth++
	if d.depth > maxDepth {
		return false
	}
	d.i++
	d.space()
	if d.i < len(d.data) && d.data[d.i] == ']' {
		d.i++
		d.depth--
		return true
	}
	for {
		if !elem() {
			return false
		}
		d.space()
		if d.i >= len(d.data) {
			return false
		}
		switch d.data[d.i] {
		case ',':
			d.i++
			d.space()
		case ']':
			d.i++
			d.depth--
			return true
		default:
			return false
		}
	}
}

// stringField reads a string, or null (which leaves *s as it is, as
// encoding/json does).
func (d *fastDecoder) stringField(s *string) bool {
	if d.literal("null") {
		return true
	}
	v, ok := d.str()
	if ok {
		*s = v
	}
	return ok
}

// value reads any value as encoding/json decodes it into an interface{}.
func (d *fastDecoder) value() (any, bool) {
	if d.i >= len(d.data) {
		return nil, false
	}
	switch c := d.data[d.i]; {
	case c == '"':
		return d.str()
	case c == '{':
		m := map[string]any{}
		d.depth++
		if d.depth > maxDepth {
			return nil, false
		}
		d.i++
		d.space()
		if d.i < len(d.data) && d.data[d.i] == '}' {
			d.i++
			d.depth--
			return m, true
		}
		for {
			key, ok := d.str()
			if !ok {
				return nil, false
			}
			d.space()
			if d.i >= len(d.data) || d.data[d.i] != ':' {
				return nil, false
			}
			d.i++
			d.space()
			v, ok := d.value()
			if !ok {
				return nil, false
			}
			m[key] = v
			d.space()
			if d.i >= len(d.data) {
				return nil, false
			}
			switch d.data[d.i] {
			case ',':
				d.i++
				d.space()
			case '}':
				d.i++
				d.depth--
				return m, true
			default:
				return nil, false
			}
		}
	case c == '[':
		a := []any{}
		ok := d.array(func() bool {
			v, ok := d.value()
			a = append(a, v)
			return ok
		})
		return a, ok
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		start := d.i
		if !d.number() {
			return nil, false
		}
		f, err := strconv.ParseFloat(string(d.data[start:d.i]), 64)
		return f, err == nil
	}
	return nil, false
}

// skip reads any value without keeping it.
func (d *fastDecoder) skip() bool {
	if d.i >= len(d.data) {
		return false
	}
	switch c := d.data[d.i]; {
	case c == '"':
		return d.skipString()
	case c == '{':
		d.depth++
		if d.depth > maxDepth {
			return false
		}
		d.i++
		d.space()
		if d.i < len(d.data) && d.data[d.i] == '}' {
			d.i++
			d.depth--
			return true
		}
		for {
			if !d.skipString() {
				return false
			}
			d.space()
			if d.i >= len(d.data) || d.data[d.i] != ':' {
				return false
			}
			d.i++
			d.space()
			if !d.skip() {
				return false
			}
			d.space()
			if d.i >= len(d.data) {
				return false
			}
			switch d.data[d.i] {
			case ',':
				d.i++
				d.space()
			case '}':
				d.i++
				d.depth--
				return true
			default:
				return false
			}
		}
	case c == '[':
		return d.array(d.skip)
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	}
	return false
}

// validJSON is json.Valid: data is one JSON value, with white space around
// it at most.
func validJSON(data []byte) bool {
	d := &fastDecoder{data: data}
	d.space()
	if !d.skip() {
		return false
	}
	d.space()
	return d.i == len(d.data)
}

func (d *fastDecoder) space() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// literal consumes lit (true, false, null) when it comes next.
func (d *fastDecoder) literal(lit string) bool {
	if len(d.data)-d.i >= len(lit) && string(d.data[d.i:d.i+len(lit)]) == lit {
		d.i += len(lit)
		return true
	}
	return false
}

// number consumes a number of JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *fastDecoder) number() bool {
	b, i := d.data, d.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if i >= len(b) || b[i] < '0' || b[i] > '9' {
			return false
		}
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
	}
	d.i = i
	return true
}

// skipString consumes a string, checking it as encoding/json's scanner
// does (no control character, only JSON's escapes).
func (d *fastDecoder) skipString() bool {
	b := d.data
	if d.i >= len(b) || b[d.i] != '"' {
		return false
	}
	for i := d.i + 1; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			d.i = i + 1
			return true
		case c == '\\':
			i++
			if i >= len(b) {
				return false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(b) || hex4(b[i+1:i+5]) < 0 {
					return false
				}
				i += 4
			default:
				return false
			}
		case c < 0x20:
			return false
		}
	}
	return false
}

// str reads a string, unquoted as encoding/json does (invalid UTF-8 and
// unpaired surrogates become U+FFFD).
func (d *fastDecoder) str() (string, bool) {
	b := d.data
	if d.i >= len(b) || b[d.i] != '"' {
		return "", false
	}
	start := d.i + 1
	// The common case: printable ASCII without escapes.
	for i := start; i < len(b); i++ {
		c := b[i]
		if c == '"' {
			d.i = i + 1
			return string(b[start:i]), true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
	}
	if !d.skipString() {
		return "", false
	}
	return unquote(b[start : d.i-1])
}

// unquote decodes the inside of a string skipString has checked, as
// encoding/json's unquoteBytes does.
func unquote(s []byte) (string, bool) {
	out := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			r++
			switch s[r] {
			case '"', '\\', '/', '\'':
				out = append(out, s[r])
				r++
			case 'b':
				out = append(out, '\b')
				r++
			case 'f':
				out = append(out, '\f')
				r++
			case 'n':
				out = append(out, '\n')
				r++
			case 'r':
				out = append(out, '\r')
				r++
			case 't':
				out = append(out, '\t')
				r++
			case 'u':
				rr := rune(hex4(s[r+1 : r+5]))
				r += 5
				if utf16.IsSurrogate(rr) {
					if r+6 <= len(s) && s[r] == '\\' && s[r+1] == 'u' {
						if rr1 := hex4(s[r+2 : r+6]); rr1 >= 0 {
							if dec := utf16.DecodeRune(rr, rune(rr1)); dec != unicode.ReplacementChar {
								r += 6
								out = utf8.AppendRune(out, dec)
								break
							}
						}
					}
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
			default:
				return "", false
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			r += size
			out = utf8.AppendRune(out, rr)
		}
	}
	return string(out), true
}

// hex4 is the value of four hexadecimal digits, -1 when they are not.
func hex4(b []byte) int {
	if len(b) < 4 {
		return -1
	}
	v := 0
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		v = v*16 + int(c)
	}
	return v
}
