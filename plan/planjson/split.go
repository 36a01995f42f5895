package planjson

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	tfjson "github.com/hashicorp/terraform-json"
)

// rawPlan is tfjson.Plan without its UnmarshalJSON: tfjson's re-decodes
// the whole plan from a copy (two more scans of the input) only to check
// format_version, which validPlanFormat does here.
type rawPlan tfjson.Plan

// planDoc is what decode reads from plan JSON. planned_values and
// prior_state repeat the values of resource_changes (a third of a plan's
// bytes) and the document does not read them: they are only scanned, not
// decoded (a conftest-style policy gets the raw plan, Document.PlanJSON,
// with them).
type planDoc struct {
	rawPlan
	PlannedValues skipped `json:"planned_values"`
	PriorState    skipped `json:"prior_state"`
}

// splitMinElements is the number of resource changes from which
// decodeSplit spreads them over the CPUs.
const splitMinElements = 256

// decodeSplit decodes data into doc exactly as json.Unmarshal(data, doc)
// would, with the elements of resource_changes (most of a plan) decoded
// on every CPU: each top-level member and each element is delimited by a
// light scan and decoded, and validated, in one pass by
// decodeResourceChange (json.Unmarshal when that refuses).
// planned_values and prior_state, skipped by planDoc, are still validated
// (validJSON, which is json.Valid), concurrently.
//
// ok is false, and doc must not be used, when data is not shaped as this
// expects: not an object, a key with an escape or written in another
// case than planDoc's, a key given twice, invalid JSON anywhere, or fewer
// than minElements resource changes (decode: splitMinElements). The caller then decodes it
// whole, which also says what is wrong with an invalid plan.
// TestDecodeSplitEqualsWhole compares the two on every fixture and corpus
// plan, and FuzzReadPlanJSON on arbitrary input.
func decodeSplit(data []byte, doc *planDoc, minElements int) (ok bool) {
	members, ok := splitObject(data)
	if !ok {
		return false
	}
	var changes, validate [][]byte
	var others bytes.Buffer
	others.WriteByte('{')
	seen := map[string]bool{}
	for _, m := range members {
		key := string(m[0][1 : len(m[0])-1])
		folded := strings.ToLower(key)
		if seen[folded] || strings.IndexByte(key, '\\') >= 0 {
			return false
		}
		seen[folded] = true
		switch folded {
		case "resource_changes", "planned_values", "prior_state":
			if key != folded {
				return false // encoding/json's case-insensitive match: not here
			}
		}
		switch key {
		case "resource_changes":
			if string(m[1]) == "null" {
				continue
			}
			if changes, ok = splitArray(m[1]); !ok || changes == nil {
				return false
			}
		case "planned_values", "prior_state":
			validate = append(validate, m[1])
			s := &doc.PlannedValues
			if key == "prior_state" {
				s = &doc.PriorState
			}
			if err := s.UnmarshalJSON(m[1]); err != nil {
				return false
			}
		default:
			if others.Len() > 1 {
				others.WriteByte(',')
			}
			others.Write(m[0])
			others.WriteByte(':')
			others.Write(m[1])
		}
	}
	if len(changes) < minElements {
		return false
	}
	others.WriteByte('}')
	if err := json.Unmarshal(others.Bytes(), &doc.rawPlan); err != nil {
		return false
	}
	rcs := make([]*tfjson.ResourceChange, len(changes))
	const batch = 64
	tasks := len(validate) + (len(changes)+batch-1)/batch
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), tasks) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				t := int(next.Add(1) - 1)
				if t >= tasks {
					return
				}
				if t < len(validate) {
					if !validJSON(validate[t]) {
						failed.Store(true)
					}
					continue
				}
				b := t - len(validate)
				for i := b * batch; i < min((b+1)*batch, len(changes)); i++ {
					// One pass (fastjson.go); what it leaves, json.Unmarshal.
					if !decodeResourceChange(changes[i], &rcs[i]) && json.Unmarshal(changes[i], &rcs[i]) != nil {
						failed.Store(true)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return false
	}
	if changes != nil { // else absent or null: nil, as json.Unmarshal leaves it
		doc.ResourceChanges = rcs
	}
	return true
}

// splitObject returns the [key, value] byte ranges of the members of the
// JSON object that is all of data (but surrounding white space), or ok
// false. Keys are checked to be strings; values are only delimited.
func splitObject(data []byte) (members [][2][]byte, ok bool) {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return nil, false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil, skipSpace(data, i+1) == len(data)
	}
	for {
		kEnd, ok := scanString(data, i)
		if !ok {
			return nil, false
		}
		j := skipSpace(data, kEnd)
		if j >= len(data) || data[j] != ':' {
			return nil, false
		}
		vStart := skipSpace(data, j+1)
		vEnd, ok := scanValue(data, vStart)
		if !ok {
			return nil, false
		}
		members = append(members, [2][]byte{data[i:kEnd], data[vStart:vEnd]})
		i = skipSpace(data, vEnd)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case '}':
			return members, skipSpace(data, i+1) == len(data)
		default:
			return nil, false
		}
	}
}

// splitArray returns the byte ranges of the elements of the JSON array
// that is data, or ok false.
func splitArray(data []byte) (elems [][]byte, ok bool) {
	if len(data) == 0 || data[0] != '[' {
		return nil, false
	}
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == ']' {
		return [][]byte{}, i+1 == len(data)
	}
	for {
		end, ok := scanValue(data, i)
		if !ok {
			return nil, false
		}
		elems = append(elems, data[i:end])
		i = skipSpace(data, end)
		if i >= len(data) {
			return nil, false
		}
		switch data[i] {
		case ',':
			i = skipSpace(data, i+1)
		case ']':
			return elems, i+1 == len(data)
		default:
			return nil, false
		}
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r') {
		i++
	}
	return i
}

// scanString returns the index just after the JSON string starting at i.
func scanString(data []byte, i int) (int, bool) {
	if i >= len(data) || data[i] != '"' {
		return 0, false
	}
	for j := i + 1; j < len(data); j++ {
		switch c := data[j]; {
		case c == '\\':
			j++
		case c == '"':
			return j + 1, true
		case c < 0x20:
			return 0, false
		}
	}
	return 0, false
}

// scanValue returns the index just after the JSON value starting at i:
// strings and nesting are followed, everything else is left to
// json.Unmarshal to validate.
func scanValue(data []byte, i int) (int, bool) {
	if i >= len(data) {
		return 0, false
	}
	switch data[i] {
	case '"':
		return scanString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, ok := scanString(data, j)
				if !ok {
					return 0, false
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, true
				}
			}
		}
		return 0, false
	case '}', ']', ',', ':':
		return 0, false
	}
	j := i
	for ; j < len(data); j++ {
		switch data[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return j, true
		}
	}
	return j, true
}
