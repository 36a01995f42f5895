package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	opaversion "github.com/open-policy-agent/opa/v1/version"
)

// Stamped by the release build:
//
//	go build -ldflags "-X main.version=1.2.3 -X main.commit=$(git rev-parse HEAD) -X main.date=$(date -u +%Y-%m-%dT%H:%M:%SZ)" ./cmd/tfgate
//
// (GoReleaser: -X main.version={{.Version}} -X main.commit={{.Commit}}
// -X main.date={{.Date}}). A plain `go build` or `go install` leaves them
// empty and buildInfo falls back to what the Go toolchain recorded.
var (
	version = ""
	commit  = ""
	date    = ""
)

// devVersion is the version of a build that was not stamped and has no
// module version (a `go build` in a checkout).
const devVersion = "0.1.0-dev"

// buildInfo is what `tfgate version` prints.
type buildInfo struct {
	Version   string
	Commit    string
	Date      string
	Modified  bool // built from a checkout with uncommitted changes
	GoVersion string
	OPA       string
}

// currentBuild combines the -ldflags stamps with runtime/debug build
// information: `go install github.com/tfgate/tfgate/cmd/tfgate@v1.2.3`
// records the module version, `go build` in a git checkout records
// vcs.revision and vcs.time.
func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version(), OPA: opaversion.Version}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = s.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				b.Modified = s.Value == "true" && commit == ""
			}
		}
	}
	if b.Version == "" {
		b.Version = devVersion
	}
	return b
}

// toolVersion is the version reports carry.
func toolVersion() string { return currentBuild().Version }

func writeVersion(w io.Writer) error {
	b := currentBuild()
	c := b.Commit
	switch {
	case c == "":
		c = "unknown"
	case b.Modified:
		c += " (modified)"
	}
	d := b.Date
	if d == "" {
		d = "unknown"
	}
	_, err := fmt.Fprintf(w, "tfgate %s\ncommit: %s\nbuilt: %s\ngo: %s\nopa: %s\n", b.Version, c, d, b.GoVersion, b.OPA)
	return err
}
