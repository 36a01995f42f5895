package schema

import (
	"bytes"
	"encoding/json"
	"errors"
)

// indexResources finds the entries of the top-level "resources" object of
// a schema table without decoding the rest: a run needs the few types its
// configuration uses, and decoding the whole 4 MB AWS table cost more than
// everything else a small configuration does (docs/benchmarks.md). The
// tables are generated and embedded (plan/internal/genschema) and
// TestIndexResourcesMatchesDecoding checks the index against a full
// decoding of each, so the scanner knows only what the generator writes:
// compact JSON whose keys are plain strings.
func indexResources(data []byte) (map[string]json.RawMessage, error) {
	const key = `"resources":{`
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return nil, errors.New("schema table: no resources object")
	}
	i += len(key)
	out := map[string]json.RawMessage{}
	for {
		if i >= len(data) {
			return nil, errors.New("schema table: truncated")
		}
		switch data[i] {
		case '}':
			return out, nil
		case ',':
			i++
			continue
		case '"':
		default:
			return nil, errors.New("schema table: unexpected byte in resources")
		}
		end := bytes.IndexByte(data[i+1:], '"')
		if end < 0 || i+1+end+1 >= len(data) || data[i+1+end+1] != ':' {
			return nil, errors.New("schema table: bad key")
		}
		name := string(data[i+1 : i+1+end])
		start := i + 1 + end + 2
		stop, err := skipValue(data, start)
		if err != nil {
			return nil, err
		}
		out[name] = data[start:stop]
		i = stop
	}
}

// skipValue returns the end of the JSON object or array starting at i.
func skipValue(data []byte, i int) (int, error) {
	if i >= len(data) || (data[i] != '{' && data[i] != '[') {
		return 0, errors.New("schema table: entry is not an object")
	}
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		}
	}
	return 0, errors.New("schema table: truncated entry")
}
