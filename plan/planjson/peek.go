package planjson

import (
	"bytes"
	"io"
	"os"

	"github.com/tfgate/tfgate/plan"
)

// Peek is a guess, from a plan file's bytes before it is decoded, of what
// the document will hold: the values of every "type" and "provider_name"
// member anywhere in the JSON (a superset of the resources' types and
// providers: attributes called type and the configuration's resource
// blocks are counted too) and the number of "change" members (one per
// resource change and one per resource drift). It lets the engine compile the rules such a
// document selects while the plan is decoded; a wrong guess costs only that
// compilation, never a result (rules.Engine.Anticipate).
type Peek struct {
	Types, Providers []string
	Changes          int
}

// PeekFile peeks at the plan JSON file path when it is a regular file of at
// most maxBytes that begins as JSON; ok is false otherwise (a binary plan,
// standard input, a directory, a larger or unreadable file).
func PeekFile(path string, maxBytes int64) (p Peek, ok bool) {
	f, err := os.Open(path)
	if err != nil {
		return p, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() > maxBytes {
		return p, false
	}
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil || int64(len(data)) > maxBytes {
		return p, false
	}
	if i := skipSpace(data, 0); i >= len(data) || data[i] != '{' {
		return p, false
	}
	return PeekJSON(data), true
}

// PeekJSON finds the members Peek counts with a fast search for each
// quoted name followed, after optional white space, by a colon (a name
// inside a string value is escaped, \"type\", and is not found); a value
// is the string that follows.
func PeekJSON(data []byte) Peek {
	var p Peek
	types := map[string]bool{}
	providers := map[string]bool{}
	members(data, "change", func(int) int { p.Changes++; return -1 })
	members(data, "type", stringValue(data, func(v string) {
		if !types[v] {
			types[v] = true
			p.Types = append(p.Types, v)
		}
	}))
	members(data, "provider_name", stringValue(data, func(v string) {
		if name, _ := plan.NormalizeProviderName(v); name != "" && !providers[name] {
			providers[name] = true
			p.Providers = append(p.Providers, name)
		}
	}))
	return p
}

// members calls f with the index just after the colon of every member
// named key; f returns where the search goes on (-1: just after the name).
func members(data []byte, key string, f func(colon int) int) {
	token := []byte(`"` + key + `"`)
	for i := 0; ; {
		j := bytes.Index(data[i:], token)
		if j < 0 {
			return
		}
		i += j + len(token)
		if k := skipSpace(data, i); k < len(data) && data[k] == ':' {
			if next := f(k + 1); next > i {
				i = next
			}
		}
	}
}

// stringValue is a members callback that calls f with the value of a
// member when it is a string without escapes, and goes on after it.
func stringValue(data []byte, f func(string)) func(int) int {
	return func(colon int) int {
		v := skipSpace(data, colon)
		end, ok := scanString(data, v)
		if !ok {
			return -1
		}
		if val := data[v+1 : end-1]; bytes.IndexByte(val, '\\') < 0 {
			f(string(val))
		}
		return end
	}
}
