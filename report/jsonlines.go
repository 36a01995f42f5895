package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// writeJSONShallow writes v as JSON indented by two spaces, except that an
// object or array that is an element of an array nested at least
// compactDepth containers deep is written on one line. A SARIF log
// indented this way shows its structure and one result (and one rule) per
// line, and is written in one pass over the marshalled bytes: re-indenting
// all of a large log with encoding/json took as long as marshalling it
// (docs/benchmarks.md).
func writeJSONShallow(w io.Writer, v any, compactDepth int) error {
	src, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var dst bytes.Buffer
	dst.Grow(len(src) + len(src)/8)
	indentShallow(&dst, src, compactDepth)
	dst.WriteByte('\n')
	_, err = w.Write(dst.Bytes())
	return err
}

// indentShallow appends src, compact JSON as json.Marshal writes it, to
// dst, indented as json.Indent(dst, src, "", "  ") would, except for the
// values described at writeJSONShallow, copied as they are.
func indentShallow(dst *bytes.Buffer, src []byte, compactDepth int) {
	var stack []byte // open containers: '{' or '['
	newline := func() {
		dst.WriteByte('\n')
		for range stack {
			dst.WriteString("  ")
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := skipString(src, i)
			dst.Write(src[i:j])
			i = j - 1
		case '{', '[':
			if len(stack) >= compactDepth && stack[len(stack)-1] == '[' {
				j := skipContainer(src, i)
				dst.Write(src[i:j])
				i = j - 1
				continue
			}
			dst.WriteByte(c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst.WriteByte(src[i+1])
				i++
				continue
			}
			stack = append(stack, c)
			newline()
		case '}', ']':
			stack = stack[:len(stack)-1]
			newline()
			dst.WriteByte(c)
		case ',':
			dst.WriteByte(c)
			newline()
		case ':':
			dst.WriteString(": ")
		default:
			dst.WriteByte(c)
		}
	}
}

// skipString returns the index just after the JSON string starting at i.
func skipString(src []byte, i int) int {
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(src)
}

// skipContainer returns the index just after the object or array starting
// at i.
func skipContainer(src []byte, i int) int {
	depth := 0
	for j := i; j < len(src); j++ {
		switch src[j] {
		case '"':
			j = skipString(src, j) - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(src)
}
