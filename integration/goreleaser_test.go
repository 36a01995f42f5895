package integration

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func goreleaser(t *testing.T) string {
	t.Helper()
	return tool(t, "goreleaser", "TFGATE_REQUIRE_GORELEASER",
		"go install github.com/goreleaser/goreleaser/v2@v2.15.1", goBinDirs()...)
}

// The action downloads what GoReleaser publishes: the names must agree.
func TestReleaseNamesMatchAction(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			Binary  string   `yaml:"binary"`
			Env     []string `yaml:"env"`
			Flags   []string `yaml:"flags"`
			Ldflags []string `yaml:"ldflags"`
			Goos    []string `yaml:"goos"`
			Goarch  []string `yaml:"goarch"`
		} `yaml:"builds"`
		Archives []struct {
			NameTemplate    string   `yaml:"name_template"`
			Formats         []string `yaml:"formats"`
			Files           []string `yaml:"files"`
			FormatOverrides []struct {
				Goos    string   `yaml:"goos"`
				Formats []string `yaml:"formats"`
			} `yaml:"format_overrides"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
			Algorithm    string `yaml:"algorithm"`
		} `yaml:"checksum"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf("want one build and one archive, got %d and %d", len(cfg.Builds), len(cfg.Archives))
	}
	b, a := cfg.Builds[0], cfg.Archives[0]
	script, err := os.ReadFile(filepath.Join(repoRoot(t), "scripts", "action", "install.sh"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"binary", b.Binary, "tfgate"},
		{"archive name", a.NameTemplate, "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}"},
		{"formats", a.Formats, []string{"tar.gz"}},
		{"windows formats", a.FormatOverrides[0].Goos + " " + strings.Join(a.FormatOverrides[0].Formats, ","), "windows zip"},
		{"checksums", cfg.Checksum.NameTemplate + " " + cfg.Checksum.Algorithm, "checksums.txt sha256"},
		{"goos", b.Goos, []string{"linux", "darwin", "windows"}},
		{"goarch", b.Goarch, []string{"amd64", "arm64"}},
		{"CGO", slices.Contains(b.Env, "CGO_ENABLED=0"), true},
		{"trimpath", slices.Contains(b.Flags, "-trimpath"), true},
		{"README and LICENSE", slices.Contains(a.Files, "README.md") && slices.Contains(a.Files, "LICENSE"), true},
	} {
		if d := cmpAny(c.got, c.want); d {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	ld := strings.Join(b.Ldflags, " ")
	for _, x := range []string{"-X main.version={{ .Version }}", "-X main.commit={{ .Commit }}", "-X main.date={{ .Date }}"} {
		if !strings.Contains(ld, x) {
			t.Errorf("ldflags %q lack %q", ld, x)
		}
	}
	// install.sh builds the same name.
	if !strings.Contains(string(script), `archive="tfgate_${version}_${os}_${arch}.${ext}"`) {
		t.Error("scripts/action/install.sh no longer names archives tfgate_<version>_<os>_<arch>.<ext>")
	}
}

func cmpAny(got, want any) bool {
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	return string(g) != string(w)
}

// `goreleaser check`: the configuration is valid for GoReleaser v2 and uses
// nothing deprecated.
func TestGoReleaserCheck(t *testing.T) {
	bin := goreleaser(t)
	r := run(t, repoRoot(t), envWith("NO_COLOR=1"), 5*time.Minute, bin, "check")
	out := r.stdout + r.stderr
	if r.code != 0 || strings.Contains(strings.ToLower(out), "deprecat") {
		t.Fatalf("goreleaser check:\n%s", r)
	}
}

// A snapshot release builds the archives and checksums of linux/amd64 and
// darwin/arm64 (the other four targets build the same way; the full matrix
// is `goreleaser release --snapshot --clean --skip=docker`), the binary
// prints the stamped version, and the action installs from the result.
func TestGoReleaserSnapshot(t *testing.T) {
	bin := goreleaser(t)
	root := repoRoot(t)
	if run(t, root, nil, time.Minute, "git", "rev-parse", "HEAD").code != 0 {
		t.Skipf("%s is not a git checkout: goreleaser needs one", root)
	}
	dist := filepath.Join(t.TempDir(), "dist")
	cfgFile := snapshotConfig(t, dist, []string{"linux_amd64_v1", "darwin_arm64_v8.0"})
	start := time.Now()
	r := run(t, root, envWith("NO_COLOR=1"), 30*time.Minute, bin,
		"release", "--snapshot", "--clean", "--skip=docker,homebrew", "--config", cfgFile)
	if r.code != 0 {
		t.Fatalf("goreleaser release --snapshot:\n%s", r)
	}
	t.Logf("goreleaser release --snapshot (2 targets): %s", time.Since(start).Round(time.Second))

	var meta struct {
		Version string `json:"version"`
		Commit  string `json:"commit"`
	}
	data, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &meta); err != nil || meta.Version == "" {
		t.Fatalf("dist/metadata.json: %v %s", err, data)
	}
	sums := readChecksums(t, filepath.Join(dist, "checksums.txt"))
	for _, target := range []string{"linux_amd64", "darwin_arm64"} {
		name := "tfgate_" + meta.Version + "_" + target + ".tar.gz"
		p := filepath.Join(dist, name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("no archive %s: %v", name, err)
			continue
		}
		sum := sha256.Sum256(data)
		if sums[name] != hex.EncodeToString(sum[:]) {
			t.Errorf("checksums.txt has %q for %s, the file is %x", sums[name], name, sum)
		}
		files := tarNames(t, p)
		for _, want := range []string{"tfgate", "README.md", "LICENSE"} {
			if !slices.Contains(files, want) {
				t.Errorf("%s lacks %s (has %q)", name, want, files)
			}
		}
	}

	// The linux/amd64 binary says what it is.
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skipf("cannot run the linux/amd64 binary on %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	exe := filepath.Join(dist, "tfgate_linux_amd64_v1", "tfgate")
	out := mustRun(t, t.TempDir(), nil, exe, "version")
	if !strings.HasPrefix(out, "tfgate "+meta.Version+"\n") {
		t.Errorf("tfgate version:\n%s\nwant first line tfgate %s", out, meta.Version)
	}
	if meta.Commit != "" && meta.Commit != "none" && !strings.Contains(out, meta.Commit) {
		t.Errorf("tfgate version:\n%s\nwant commit %s", out, meta.Commit)
	}
	if strings.Contains(out, "built: unknown") {
		t.Errorf("tfgate version has no build date:\n%s", out)
	}

	// The action installs this very release (checksums.txt and all).
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{"main.tf": openSecurityGroup})
	ar := runAction(t, ws, map[string]string{"version": meta.Version, "download-url": dist, "upload-sarif": "false"},
		"RUNNER_OS=Linux", "RUNNER_ARCH=X64", "NO_COLOR=1")
	if ar.code != 1 || ar.outputs["tfgate-version"] != meta.Version || ar.outputs["failed"] != "1" {
		t.Errorf("action with the snapshot release: exit %d, outputs %v\n%s", ar.code, ar.outputs, ar.log)
	}
}

// snapshotConfig is .goreleaser.yaml with dist moved to a temporary
// directory and the build limited to the given targets.
func snapshotConfig(t *testing.T, dist string, targets []string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	cfg["dist"] = dist
	builds, _ := cfg["builds"].([]any)
	for _, b := range builds {
		if m, ok := b.(map[string]any); ok {
			m["targets"] = targets
		}
	}
	out, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "goreleaser.yaml")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readChecksums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sum, name, ok := strings.Cut(sc.Text(), "  "); ok {
			sums[name] = sum
		}
	}
	return sums
}

func tarNames(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
	}
}
