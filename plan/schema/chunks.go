package schema

import (
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// decodeChunkIndex reads the index of a chunked table: each type's chunk,
// and the chunks.
func decodeChunkIndex(tbl []byte) (map[string]chunk, []byte, error) {
	if !bytes.HasPrefix(tbl, []byte(chunksMagic)) {
		return nil, nil, errors.New("schema table: not a chunked table")
	}
	rest := tbl[len(chunksMagic):]
	out := map[string]chunk{}
	for {
		nl := bytes.IndexByte(rest, '\n')
		if nl < 0 {
			return nil, nil, errors.New("schema table: truncated index")
		}
		line := rest[:nl]
		rest = rest[nl+1:]
		if len(line) == 0 {
			break
		}
		f := bytes.Fields(line)
		if len(f) != 3 {
			return nil, nil, fmt.Errorf("schema table: bad index line %q", line)
		}
		off, err1 := strconv.Atoi(string(f[1]))
		n, err2 := strconv.Atoi(string(f[2]))
		if err1 != nil || err2 != nil || off < 0 || n < 0 {
			return nil, nil, fmt.Errorf("schema table: bad index line %q", line)
		}
		out[string(f[0])] = chunk{off, n}
	}
	for name, c := range out {
		if c.off+c.n > len(rest) {
			return nil, nil, fmt.Errorf("schema table: the chunk of %s is out of the table", name)
		}
	}
	return out, rest, nil
}

// inflate returns one chunk's entry.
func inflate(body []byte, c chunk) ([]byte, error) {
	zr := flate.NewReader(bytes.NewReader(body[c.off : c.off+c.n]))
	defer zr.Close()
	return io.ReadAll(zr)
}
