package plan

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Limits bound what one input may hold, so that a hostile or broken input
// ends with one clear error instead of exhausting memory or time. Every
// limit can be raised (tfgate check --limit NAME=VALUE); a zero field takes
// its value from DefaultLimits. An input over a limit is an error, never a
// pass.
type Limits struct {
	// InputSize bounds the bytes of one plan JSON: a file, standard input,
	// or what `terraform show -json` printed for a saved binary plan.
	InputSize int64
	// FileSize bounds the bytes of one configuration file (.tf, .tf.json,
	// .tfvars, .tfvars.json). (What file() reads becomes a string value:
	// StringSize bounds it.)
	FileSize int64
	// Resources bounds the resource instances of one document.
	Resources int
	// StringSize bounds the bytes of one string value in a document.
	StringSize int
	// Depth bounds how deeply values nest (objects and lists) in a document.
	Depth int
	// Instances bounds the resource and module instances one root module
	// expands to through count and for_each, nested across modules.
	Instances int
}

// DefaultLimits are generous for real plans: the benchmark plan of 11,000
// resources is 50 MB, with strings of a few kilobytes nested about 10 deep.
var DefaultLimits = Limits{
	InputSize:  512 << 20,
	FileSize:   32 << 20,
	Resources:  100_000,
	StringSize: 16 << 20,
	Depth:      100,
	Instances:  100_000,
}

// limitNames are the names of the limits on the command line, in the
// order they are listed.
var limitNames = []string{"input-size", "file-size", "resources", "string-size", "depth", "instances"}

// LimitNames lists the names SetLimit accepts.
func LimitNames() []string { return append([]string(nil), limitNames...) }

// WithDefaults fills the zero fields of l from DefaultLimits.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits
	if l.InputSize > 0 {
		d.InputSize = l.InputSize
	}
	if l.FileSize > 0 {
		d.FileSize = l.FileSize
	}
	if l.Resources > 0 {
		d.Resources = l.Resources
	}
	if l.StringSize > 0 {
		d.StringSize = l.StringSize
	}
	if l.Depth > 0 {
		d.Depth = l.Depth
	}
	if l.Instances > 0 {
		d.Instances = l.Instances
	}
	return d
}

// Set parses one NAME=VALUE setting (input-size=1GiB, resources=200000)
// into l. Sizes take a unit (B, KB, MB, GB, KiB, MiB, GiB); counts are
// whole numbers. Every value must be positive.
func (l *Limits) Set(setting string) error {
	name, value, ok := strings.Cut(setting, "=")
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if !ok || name == "" || value == "" {
		return fmt.Errorf("%q is not NAME=VALUE (limits: %s)", setting, strings.Join(limitNames, ", "))
	}
	switch name {
	case "input-size", "file-size", "string-size":
		n, err := ParseSize(value)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		switch name {
		case "input-size":
			l.InputSize = n
		case "file-size":
			l.FileSize = n
		default:
			if n > math.MaxInt32 {
				return fmt.Errorf("string-size: %s is more than 2 GiB", value)
			}
			l.StringSize = int(n)
		}
	case "resources", "depth", "instances":
		n, err := strconv.ParseInt(strings.ReplaceAll(value, "_", ""), 10, 32)
		if err != nil || n <= 0 {
			return fmt.Errorf("%s: %q is not a positive whole number", name, value)
		}
		switch name {
		case "resources":
			l.Resources = int(n)
		case "depth":
			l.Depth = int(n)
		default:
			l.Instances = int(n)
		}
	default:
		return fmt.Errorf("no limit %q (limits: %s)", name, strings.Join(limitNames, ", "))
	}
	return nil
}

// sizeUnits are the units ParseSize accepts, longest first.
var sizeUnits = []struct {
	suffix string
	factor int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1000}, {"mb", 1000 * 1000}, {"gb", 1000 * 1000 * 1000},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1},
}

// ParseSize reads a positive size: 1048576, 512KiB, 64MiB, 1GiB, 100MB.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	factor := int64(1)
	for _, u := range sizeUnits {
		if strings.HasSuffix(t, u.suffix) {
			t, factor = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(t, "_", ""), 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/factor {
		return 0, fmt.Errorf("%q is not a positive size (a number of bytes, or with a unit: 64MiB, 1GiB)", s)
	}
	return n * factor, nil
}

// FormatSize renders a byte count for messages: 512 MiB, 1.5 GiB, 900 B.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// LimitError says that an input is over one of the Limits.
type LimitError struct {
	// Subject is what is over the limit: "plan.json", "main.tf:3:
	// aws_s3_bucket.x".
	Subject string
	// What says by how much: "is 600 MiB", "has 120000 resource
	// instances"; "" when that is not known (standard input is not read
	// past the limit).
	What string
	// Name is the limit (input-size, resources, ...).
	Name string
	// Limit is the limit's value as written in messages: "512 MiB".
	Limit string
	// Raise is a value to suggest: "1GiB", "200000".
	Raise string
}

func (e *LimitError) Error() string {
	if e.What == "" {
		return fmt.Sprintf("%s is over the %s limit of %s: if the input is genuine, raise the limit with --limit %s=%s",
			e.Subject, e.Name, e.Limit, e.Name, e.Raise)
	}
	return fmt.Sprintf("%s %s, more than the %s limit of %s: if the input is genuine, raise the limit with --limit %s=%s",
		e.Subject, e.What, e.Name, e.Limit, e.Name, e.Raise)
}

// SizeError is a LimitError for a size limit.
func SizeError(subject, name string, size, limit int64) *LimitError {
	return &LimitError{
		Subject: subject, What: "is " + FormatSize(size), Name: name,
		Limit: FormatSize(limit), Raise: raiseSize(size, limit),
	}
}

// CountError is a LimitError for a count limit.
func CountError(subject, what, name string, got, limit int) *LimitError {
	return &LimitError{
		Subject: subject, What: what, Name: name,
		Limit: strconv.Itoa(limit), Raise: strconv.Itoa(max(2*limit, roundUp(got))),
	}
}

// raiseSize suggests a size above both size and twice the limit, in MiB or
// GiB.
func raiseSize(size, limit int64) string {
	n := max(2*limit, size)
	if n >= 1<<30 {
		return fmt.Sprintf("%dGiB", (n+1<<30-1)>>30)
	}
	return fmt.Sprintf("%dMiB", (n+1<<20-1)>>20)
}

// roundUp rounds n up to one significant digit (123456 -> 200000).
func roundUp(n int) int {
	p := 1
	for p*10 <= n {
		p *= 10
	}
	return (n + p - 1) / p * p
}

// CheckSize is a LimitError when size is over limit.
func CheckSize(subject, name string, size, limit int64) error {
	if size > limit {
		return SizeError(subject, name, size, limit)
	}
	return nil
}

// CheckDocument applies the resource, string and depth limits to a
// document: the first value over a limit is the error, named by resource
// and path.
func CheckDocument(doc *Document, l Limits) error {
	if n := len(doc.Resources); n > l.Resources {
		return CountError(doc.Source.Path, fmt.Sprintf("has %d resource instances", n), "resources", n, l.Resources)
	}
	for i := range doc.Resources {
		r := &doc.Resources[i]
		for _, part := range [...]struct {
			name string
			v    any
		}{{"before", r.Before}, {"after", r.After}, {"unknown", r.Unknown}, {"region", r.Region}, {"tags", r.Tags}} {
			// A walk in map order says whether anything is over a limit; a
			// second, in key order, names the first value that is (the same
			// error for the same input).
			if checkValue(part.v, l, 1, nil, nil) == nil {
				continue
			}
			return checkValue(part.v, l, 1, func() string {
				return doc.Source.Path + ": " + r.Address + " " + part.name
			}, nil)
		}
	}
	return nil
}

// errOverLimit is what checkValue returns, without naming anything, when
// it is given no subject.
var errOverLimit = errors.New("over a limit")

// checkValue walks v at depth (1 for a top-level value). With a subject it
// walks maps in key order and names the path of the first value over a
// limit with subject and the keys walked; without (nil), it walks in map
// order, builds no path and returns errOverLimit.
func checkValue(v any, l Limits, depth int, subject func() string, path []string) error {
	at := func() string {
		return subject() + pathString(path)
	}
	switch x := v.(type) {
	case string:
		if len(x) > l.StringSize {
			if subject == nil {
				return errOverLimit
			}
			e := SizeError(at(), "string-size", int64(len(x)), int64(l.StringSize))
			e.What = "is a string of " + FormatSize(int64(len(x)))
			return e
		}
		return nil
	case map[string]any, []any:
		if depth > l.Depth {
			if subject == nil {
				return errOverLimit
			}
			shown := path
			if len(shown) > 6 {
				shown = append(append([]string(nil), shown[:6]...), "...")
			}
			return &LimitError{
				Subject: subject() + pathString(shown), What: fmt.Sprintf("is nested %d levels deep", depth),
				Name: "depth", Limit: strconv.Itoa(l.Depth), Raise: strconv.Itoa(2 * l.Depth),
			}
		}
	}
	entry := func(k string, e any, keyed bool) error {
		if keyed && len(k) > l.StringSize {
			if subject == nil {
				return errOverLimit
			}
			e := SizeError(at(), "string-size", int64(len(k)), int64(l.StringSize))
			e.What = "has a key of " + FormatSize(int64(len(k)))
			return e
		}
		if subject == nil {
			return checkValue(e, l, depth+1, nil, nil)
		}
		return checkValue(e, l, depth+1, subject, append(path, k))
	}
	switch x := v.(type) {
	case map[string]any:
		if subject == nil {
			for k, e := range x {
				if err := entry(k, e, true); err != nil {
					return err
				}
			}
			return nil
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if err := entry(k, x[k], true); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			k := ""
			if subject != nil {
				k = strconv.Itoa(i)
			}
			if err := entry(k, e, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// pathString renders walked keys for a message, each cut to 40 bytes.
func pathString(path []string) string {
	var b strings.Builder
	for _, p := range path {
		if len(p) > 40 {
			p = p[:40] + "..."
		}
		b.WriteString(".")
		b.WriteString(p)
	}
	return b.String()
}
