package schema

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"strconv"
	"strings"
)

// The embedded tables (<provider>.tbl) hold each resource type's entry as
// its own compressed chunk behind an index, so that a run inflates only the
// entries of the types its configuration uses: inflating and scanning the
// whole 4 MB AWS table took a fifth of a small configuration's check
// (docs/benchmarks.md). They are made from the generator's output
// (<provider>.json.gz, plan/internal/genschema), which stays the source:
//
//	go test ./plan/schema -run TestChunkedTables -update
//
// Format: the line "tfgate-schema-chunks 1", one line "<type> <offset>
// <length>" per type (sorted), an empty line, then the chunks: raw DEFLATE
// streams of the type's entry (compact JSON), offsets counted from the
// first chunk.
const chunksMagic = "tfgate-schema-chunks 1\n"

// chunk locates one type's entry in a table.
type chunk struct{ off, n int }

// splitChunkIndex splits a chunked table into its index (the lines
// "<type> <offset> <length>\n", sorted) and its chunks, without reading
// the index: a run looks up the few types its configuration uses
// (findChunk) instead of decoding every line (2 ms of a small
// configuration's check for the AWS table). TestChunkedTables decodes and
// checks every line of the embedded tables (decodeChunkIndex).
func splitChunkIndex(tbl []byte) (index, body []byte, err error) {
	if !bytes.HasPrefix(tbl, []byte(chunksMagic)) {
		return nil, nil, errors.New("schema table: not a chunked table")
	}
	rest := tbl[len(chunksMagic):]
	if len(rest) > 0 && rest[0] == '\n' {
		return rest[:0], rest[1:], nil
	}
	end := bytes.Index(rest, []byte("\n\n"))
	if end < 0 {
		return nil, nil, errors.New("schema table: truncated index")
	}
	return rest[:end+1], rest[end+2:], nil
}

// findChunk returns the chunk of typ from an index (splitChunkIndex) of a
// table whose chunks are body; false when the index has no line for typ or
// its line is not a chunk of body.
func findChunk(index, body []byte, typ string) (chunk, bool) {
	if typ == "" || strings.ContainsAny(typ, " \n") {
		return chunk{}, false // not a type name: it could span index lines
	}
	key := []byte(typ + " ")
	for i := 0; ; {
		j := bytes.Index(index[i:], key)
		if j < 0 {
			return chunk{}, false
		}
		at := i + j
		i = at + 1
		if at > 0 && index[at-1] != '\n' {
			continue // the end of a longer type's name
		}
		line := index[at+len(key):]
		if nl := bytes.IndexByte(line, '\n'); nl >= 0 {
			line = line[:nl]
		}
		offS, nS, ok := bytes.Cut(line, []byte(" "))
		off, err1 := strconv.Atoi(string(offS))
		n, err2 := strconv.Atoi(string(nS))
		if !ok || err1 != nil || err2 != nil || off < 0 || n < 0 || off+n > len(body) {
			return chunk{}, false
		}
		return chunk{off, n}, true
	}
}

// inflate returns one chunk's entry.
func inflate(body []byte, c chunk) ([]byte, error) {
	zr := flate.NewReader(bytes.NewReader(body[c.off : c.off+c.n]))
	defer zr.Close()
	return io.ReadAll(zr)
}
