package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// indentShallow indents marshalled JSON by two spaces, except that an
// object or array that is an element of an array nested at least
// compactDepth containers deep is written on one line. A SARIF log
// indented this way shows its structure and one result (and one rule) per
// line; writeSARIFLog writes it in one pass: re-indenting all of a large
// log with encoding/json took as long as marshalling it
// (docs/benchmarks.md).
//
// indentShallow appends src, compact JSON as json.Marshal writes it, to
// dst, indented as json.Indent(dst, src, "", "  ") would, except for the
// values described above, copied as they are.
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

// marshalEach marshals value(0) ... value(n-1), each compact as
// json.Marshal writes it, on every CPU.
func marshalEach(n int, value func(int) any) ([][]byte, error) {
	return encodeEach(n, func(i int) ([]byte, error) { return json.Marshal(value(i)) })
}

// encodeEach calls encode(0) ... encode(n-1) on every CPU and returns
// their results in order.
func encodeEach(n int, encode func(int) ([]byte, error)) ([][]byte, error) {
	const batch = 64
	out := make([][]byte, n)
	errs := make([]error, (n+batch-1)/batch)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(errs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := 0
			defer func() {
				// A panic here would end the process: it becomes an error.
				if r := recover(); r != nil {
					errs[b] = fmt.Errorf("internal error: %v", r)
				}
			}()
			for {
				b = int(next.Add(1) - 1)
				if b >= len(errs) {
					return
				}
				for i := b * batch; i < min((b+1)*batch, n); i++ {
					if out[i], errs[b] = encode(i); errs[b] != nil {
						break
					}
				}
			}
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// writeSARIFLog writes log as writeJSONShallow(w, log, 3) would with
// tool.driver.rules and run.results set to the already marshalled rules
// and results: log holds them empty, and each element is written on its
// own line, indented one level below its array (what indentShallow does to
// an element of an array that deep), without marshalling the whole log
// into one buffer and indenting it into another.
func writeSARIFLog(w io.Writer, log sarifLog, rules, results [][]byte) error {
	src, err := json.Marshal(log)
	if err != nil {
		return err
	}
	var skel bytes.Buffer
	indentShallow(&skel, src, 3)
	skel.WriteByte('\n')
	// A caller that collects the report in memory (a bytes.Buffer, so
	// that a report is written whole or not at all) gets its size at once,
	// instead of doubling its buffer (and touching fresh memory) a dozen
	// times on a large report.
	if g, ok := w.(interface{ Grow(int) }); ok {
		size := skel.Len()
		for _, arr := range [][][]byte{rules, results} {
			for _, e := range arr {
				size += len(e) + 16
			}
		}
		g.Grow(size)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	rest := skel.Bytes()
	for _, arr := range []struct {
		key   string
		elems [][]byte
	}{{`"rules": []`, rules}, {`"results": []`, results}} {
		at := bytes.Index(rest, []byte(arr.key))
		if at < 0 {
			return fmt.Errorf("SARIF skeleton has no %s", arr.key)
		}
		if len(arr.elems) == 0 {
			continue
		}
		line := bytes.LastIndexByte(rest[:at], '\n') + 1
		indent := rest[line : line+len(rest[line:at])-len(bytes.TrimLeft(rest[line:at], " "))]
		open := at + len(arr.key) - 1 // the "]" of "[]"
		bw.Write(rest[:open])
		for i, e := range arr.elems {
			bw.WriteByte('\n')
			bw.Write(indent)
			bw.WriteString("  ")
			bw.Write(e)
			if i < len(arr.elems)-1 {
				bw.WriteByte(',')
			}
		}
		bw.WriteByte('\n')
		bw.Write(indent)
		rest = rest[open:]
	}
	bw.Write(rest)
	return bw.Flush()
}

// appendJSONString appends s as json.Marshal writes a string: quoted as it
// is when no byte needs escaping (the usual case), else by json.Marshal
// itself (HTML characters, control characters, non-ASCII text), so the
// bytes are always encoding/json's.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always marshals
			return append(dst, b...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
