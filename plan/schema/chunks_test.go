package schema

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the chunked tables (<provider>.tbl) from <provider>.json.gz")

// encodeChunks writes a table in the chunked format from its entries.
func encodeChunks(entries map[string]json.RawMessage) ([]byte, error) {
	names := make([]string, 0, len(entries))
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	var head, body bytes.Buffer
	head.WriteString(chunksMagic)
	for _, n := range names {
		start := body.Len()
		zw, err := flate.NewWriter(&body, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(entries[n]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(&head, "%s %d %d\n", n, start, body.Len()-start)
	}
	head.WriteByte('\n')
	return append(head.Bytes(), body.Bytes()...), nil
}

// indexResources finds the entries of the top-level "resources" object of
// a generated table (<provider>.json.gz, decompressed) without decoding
// them: TestChunkedTables checks it against a full decoding.
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

// generated reads a generator's table (<provider>.json.gz) and its entries.
func generated(t *testing.T, name string) map[string]json.RawMessage {
	t.Helper()
	gz, err := os.ReadFile(name + ".json.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	var table struct {
		Resources map[string]json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	got, err := indexResources(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(got) != len(table.Resources) || len(got) == 0 {
		t.Fatalf("%s: the scanner finds %d entries, decoding %d", name, len(got), len(table.Resources))
	}
	for k, v := range table.Resources {
		if !bytes.Equal(got[k], v) {
			t.Fatalf("%s: entry %s differs between the scanner and decoding", name, k)
		}
	}
	return got
}

// TestChunkedTables: each embedded table (<provider>.tbl) holds exactly
// the entries of the generator's table (<provider>.json.gz), byte for
// byte once inflated; -update rewrites them.
func TestChunkedTables(t *testing.T) {
	for name, tab := range map[string]*schemaTable{"aws": awsSchema, "azurerm": azurermSchema, "google": googleSchema} {
		entries := generated(t, name)
		if *update {
			out, err := encodeChunks(entries)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name+".tbl", out, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		index, body, err := decodeChunkIndex(tab.tbl)
		if err != nil {
			t.Fatalf("%s.tbl: %v", name, err)
		}
		if len(index) != len(entries) {
			t.Errorf("%s.tbl has %d types, %s.json.gz %d: run go test ./plan/schema -run TestChunkedTables -update", name, len(index), name, len(entries))
		}
		for typ, want := range entries {
			c, ok := index[typ]
			if !ok {
				t.Fatalf("%s.tbl has no %s: run go test ./plan/schema -run TestChunkedTables -update", name, typ)
			}
			got, err := inflate(body, c)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s.tbl: entry %s differs (%v): run go test ./plan/schema -run TestChunkedTables -update", name, typ, err)
			}
		}
	}
}

func TestIndexResourcesRefusesBadTables(t *testing.T) {
	for _, bad := range []string{``, `{"resources":{`, `{"resources":{"a":`, `{"resources":{"a":{"b":"}}`, `{"resources":{"a":1}}`, `{"resources":{a}}`} {
		if _, err := indexResources([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	for _, bad := range []string{"", "x\n", chunksMagic, chunksMagic + "a 1\n\n", chunksMagic + "a 0 5\n\nab", chunksMagic + "a -1 1\n\nab"} {
		if _, _, err := decodeChunkIndex([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	_ = flate.BestCompression
	_ = errors.New
	_ = fmt.Sprint
	_ = sort.Strings
}

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

// TestFindChunkEqualsIndex: the lookup a run makes finds, for every type of
// every embedded table, the chunk the decoded index gives, and nothing for
// a type the table does not have, a prefix of a type or a type with a
// suffix.
func TestFindChunkEqualsIndex(t *testing.T) {
	for _, name := range []string{"aws", "azurerm", "google"} {
		tbl := schemaTables[name].tbl
		want, wantBody, err := decodeChunkIndex(tbl)
		if err != nil {
			t.Fatal(err)
		}
		index, body, err := splitChunkIndex(tbl)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(body, wantBody) {
			t.Fatalf("%s: the chunks differ", name)
		}
		for typ, c := range want {
			if got, ok := findChunk(index, body, typ); !ok || got != c {
				t.Errorf("%s: %s: %v %v, want %v", name, typ, got, ok, c)
			}
			for _, other := range []string{typ[:len(typ)-1], typ + "_x", "x" + typ} {
				if _, in := want[other]; in {
					continue
				}
				if got, ok := findChunk(index, body, other); ok {
					t.Errorf("%s: %s found: %v", name, other, got)
				}
			}
		}
	}
	for _, bad := range []string{"", "x\n", chunksMagic, chunksMagic + "a 1\n"} {
		if _, _, err := splitChunkIndex([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	index, body, err := splitChunkIndex([]byte(chunksMagic + "a 0 5\nb -1 1\nc x 1\n\nab"))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"a", "b", "c"} {
		if got, ok := findChunk(index, body, typ); ok {
			t.Errorf("bad line of %s gives %v", typ, got)
		}
	}
	// A name that spans lines (a configuration's label can be any string)
	// finds nothing, not the next line's chunk.
	index, body, err = splitChunkIndex([]byte(chunksMagic + "a 0 1\nb 1 1\n\nxy"))
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := findChunk(index, body, "b"); !ok || c != (chunk{1, 1}) {
		t.Errorf("b: %v %v", c, ok)
	}
	for _, typ := range []string{"a 0 1\nb", "0 1\nb", "", "a 0"} {
		if got, ok := findChunk(index, body, typ); ok {
			t.Errorf("%q gives %v", typ, got)
		}
	}
}
