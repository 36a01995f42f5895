package planjson

import (
	"bytes"
	"io"
	"os"
	"strings"

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
	p.Changes = len(members(data, "change", nil))
	p.Types = members(data, "type", map[string]bool{})
	short := map[string]bool{}
	for _, pr := range members(data, "provider_name", map[string]bool{}) {
		if name, _ := plan.NormalizeProviderName(pr); name != "" && !short[name] {
			short[name] = true
			p.Providers = append(p.Providers, name)
		}
	}
	return p
}

// members returns, for every member named key, its string value (once
// each) when values is not nil, else an entry per member.
func members(data []byte, key string, values map[string]bool) []string {
	token := []byte(`"` + key + `"`)
	var out []string
	for i := 0; ; {
		j := bytes.Index(data[i:], token)
		if j < 0 {
			return out
		}
		k := skipSpace(data, i+j+len(token))
		i += j + len(token)
		if k >= len(data) || data[k] != ':' {
			continue
		}
		if values == nil {
			out = append(out, "")
			continue
		}
		v := skipSpace(data, k+1)
		end, ok := scanString(data, v)
		if !ok {
			continue
		}
		if val := string(data[v+1 : end-1]); !values[val] && strings.IndexByte(val, '\\') < 0 {
			values[val] = true
			out = append(out, val)
		}
		i = end
	}
}
