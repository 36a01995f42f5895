package integration

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tfgate/tfgate/internal/sarifcheck"

	"github.com/google/go-cmp/cmp"
)

// runnerPlatform is RUNNER_OS and RUNNER_ARCH for this machine, so that the
// release archive the action picks holds a binary that runs here.
func runnerPlatform(t *testing.T) (osName, arch string) {
	t.Helper()
	switch runtime.GOOS {
	case "linux":
		osName = "Linux"
	case "darwin":
		osName = "macOS"
	default:
		t.Skipf("the action's scripts are tested on Linux and macOS, not %s", runtime.GOOS)
	}
	switch runtime.GOARCH {
	case "amd64":
		arch = "X64"
	case "arm64":
		arch = "ARM64"
	default:
		t.Skipf("no release for %s", runtime.GOARCH)
	}
	return osName, arch
}

// makeRelease lays out what a GitHub release of tfgate holds for this
// platform, as .goreleaser.yaml names it: the archive with the binary,
// README.md and LICENSE, and checksums.txt. Each call gets its own copy
// (tests tamper with them); the archive is made once.
func makeRelease(t *testing.T, version string) (dir, archive string) {
	t.Helper()
	archive = fmt.Sprintf("tfgate_%s_%s_%s.tar.gz", version, runtime.GOOS, runtime.GOARCH)
	releaseOnce.Do(func() { releaseData, releaseErr = makeArchive(t) })
	if releaseErr != nil {
		t.Fatal(releaseErr)
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, archive), releaseData, 0o644); err != nil {
		t.Fatal(err)
	}
	writeChecksums(t, dir)
	return dir, archive
}

var (
	releaseOnce sync.Once
	releaseData []byte
	releaseErr  error
)

// makeArchive is the tar.gz of a release: tfgate, README.md, LICENSE.
func makeArchive(t *testing.T) ([]byte, error) {
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct{ name, src string }{
		{"tfgate", tfgateBinary(t)},
		{"README.md", filepath.Join(repoRoot(t), "README.md")},
		{"LICENSE", filepath.Join(repoRoot(t), "LICENSE")},
	} {
		data, err := os.ReadFile(f.src)
		if err != nil {
			return nil, err
		}
		mode := int64(0o644)
		if f.name == "tfgate" {
			mode = 0o755
		}
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: mode, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			return nil, err
		}
		if _, err := tw.Write(data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeChecksums writes checksums.txt as GoReleaser does: "<sha256>  <name>".
func writeChecksums(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range entries {
		if e.Name() == "checksums.txt" || e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		lines = append(lines, hex.EncodeToString(sum[:])+"  "+e.Name())
	}
	if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runnerEnv(t *testing.T) []string {
	osName, arch := runnerPlatform(t)
	return []string{"RUNNER_OS=" + osName, "RUNNER_ARCH=" + arch, "NO_COLOR=1"}
}

// The action installs the release binary after checking its sha256, runs
// one check, and reports it four ways: outputs, SARIF, job summary and
// annotations; its exit code follows tfgate's and fail-on.
func TestActionRunsOneCheck(t *testing.T) {
	release, _ := makeRelease(t, testVersion)
	fixed := strings.Replace(openSecurityGroup, `["0.0.0.0/0"]`, `["10.0.0.0/8"]`, 1)
	line := fmt.Sprint(openSecurityGroupLine)
	for _, c := range []struct {
		name     string
		files    map[string]string
		inputs   map[string]string
		env      []string
		git      bool // the workspace is a git repository
		wantCode int
		want     map[string]string // outputs
		upload   bool
		summary  []string // in the job summary
		log      []string // in the job log
	}{
		{
			name:     "finding",
			files:    map[string]string{"infra/main.tf": openSecurityGroup},
			inputs:   map[string]string{"paths": "infra"},
			wantCode: 1,
			want: map[string]string{"exit-code": "1", "failed": "1", "failing": "1", "indeterminate": "0",
				"critical": "0", "high": "1", "medium": "0", "low": "0", "resources": "1", "sarif-results": "1", "tfgate-version": testVersion},
			upload:  true,
			summary: []string{"## tfgate", "TFG-AWS-EGRESS-001", "`infra/main.tf:" + line + "`", "tfgate.json", "all 1 findings"},
			log:     []string{"::error file=infra/main.tf,line=" + line, "Verified sha256", "finding(s) at or above the failure threshold"},
		},
		{
			name:     "below fail-on, no upload",
			files:    map[string]string{"infra/main.tf": openSecurityGroup},
			inputs:   map[string]string{"paths": "infra", "fail-on": "critical", "upload-sarif": "false"},
			wantCode: 0,
			want:     map[string]string{"exit-code": "0", "failed": "1", "failing": "0", "high": "1"},
			summary:  []string{"TFG-AWS-EGRESS-001"},
			log:      []string{"nothing at or above the failure threshold"},
		},
		{
			name:  "clean, working directory, version from the action's tag",
			files: map[string]string{"stacks/web/main.tf": fixed},
			// uses: tfgate/tfgate@v9.8.7 without a version installs 9.8.7.
			inputs:   map[string]string{"working-directory": "stacks/web", "version": ""},
			env:      []string{"GITHUB_ACTION_REF=v" + testVersion},
			wantCode: 0,
			want:     map[string]string{"exit-code": "0", "failed": "0", "failing": "0", "resources": "1", "sarif-results": "0", "tfgate-version": testVersion},
			upload:   true,
			summary:  []string{"No findings"},
		},
		{
			name:  "args split like a shell",
			files: map[string]string{"infra/main.tf": openSecurityGroup},
			inputs: map[string]string{"paths": "infra", "upload-sarif": "false",
				"args": `--param 'required_tags={"Cost Center": ".+"}'`},
			wantCode: 1,
			// The tagging rule now fails too: the quoted JSON reached tfgate whole.
			want:    map[string]string{"exit-code": "1", "failed": "2"},
			summary: []string{"TFG-AWS-TAG-001"},
		},
		{
			name: "config input",
			files: map[string]string{"infra/main.tf": openSecurityGroup,
				"ci/tfgate.yaml": "fail_on: critical\n"},
			inputs:   map[string]string{"paths": "infra", "config": "ci/tfgate.yaml", "upload-sarif": "false"},
			wantCode: 0,
			want:     map[string]string{"exit-code": "0", "failed": "1", "failing": "0"},
		},
		{
			// No config input: tfgate finds .tfgate.yaml itself, walking up
			// from the module to the repository root.
			name: "config file found upward",
			git:  true,
			files: map[string]string{"infra/main.tf": openSecurityGroup,
				".tfgate.yaml": "fail_on: critical\n"},
			inputs:   map[string]string{"paths": "infra", "upload-sarif": "false"},
			wantCode: 0,
			want:     map[string]string{"exit-code": "0", "failed": "1", "failing": "0"},
		},
		{
			name:     "not checked",
			files:    map[string]string{"infra/main.tf": openSecurityGroup},
			inputs:   map[string]string{"paths": "infra missing.json"},
			wantCode: 2,
			want:     map[string]string{"exit-code": "2", "sarif-file": "", "failed": ""},
			summary:  []string{"could not check"},
			log:      []string{"missing.json", "could not check everything"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws := t.TempDir()
			writeFiles(t, ws, c.files)
			if c.git {
				mustRun(t, ws, nil, "git", "init", "-q")
			}
			inputs := map[string]string{"version": testVersion, "download-url": "file://" + release}
			for k, v := range c.inputs {
				inputs[k] = v
			}
			r := runAction(t, ws, inputs, append(runnerEnv(t), c.env...)...)
			if r.code != c.wantCode {
				t.Errorf("action exit code %d, want %d\n%s", r.code, c.wantCode, r.log)
			}
			got := map[string]string{}
			for k := range c.want {
				got[k] = r.outputs[k]
			}
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("outputs (-want +got):\n%s\nall outputs: %v\n%s", d, r.outputs, r.log)
			}
			for _, s := range c.summary {
				if !strings.Contains(r.summary, s) {
					t.Errorf("job summary lacks %q:\n%s", s, r.summary)
				}
			}
			for _, s := range c.log {
				if !strings.Contains(r.log, s) {
					t.Errorf("job log lacks %q:\n%s", s, r.log)
				}
			}
			if len(r.path) != 1 || !strings.HasSuffix(r.path[0], "tfgate-bin") {
				t.Errorf("GITHUB_PATH = %q, want the directory of the installed tfgate", r.path)
			}
			upload, uploaded := r.uses["github/codeql-action/upload-sarif@v4"]
			if uploaded != c.upload {
				t.Errorf("SARIF upload ran: %v, want %v (steps that ran: %q)", uploaded, c.upload, r.ran)
			}
			if _, ok := r.uses["actions/setup-go@v5"]; ok {
				t.Error("actions/setup-go ran without install-from-source")
			}
			if c.wantCode == 2 {
				return
			}
			sarifFile := r.outputs["sarif-file"]
			if uploaded && (upload["sarif_file"] != sarifFile || upload["category"] != "tfgate") {
				t.Errorf("upload-sarif with %v, want sarif_file %s, category tfgate", upload, sarifFile)
			}
			checkActionSARIF(t, sarifFile, r.outputs["sarif-results"], c.name == "finding")
			checkActionJSON(t, r.outputs["json-file"], r.outputs["failed"])
		})
	}
}

// checkActionSARIF: the SARIF file the action claims is there, valid (the
// schema from ../shared, and with multitool Microsoft's SARIF multitool
// with GitHub's rules, when installed), and holds as many results as the
// output says.
func checkActionSARIF(t *testing.T, path, results string, multitool bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("sarif-file output %q: %v", path, err)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string `json:"version"`
				} `json:"driver"`
			} `json:"tool"`
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if len(doc.Runs) != 1 || fmt.Sprint(len(doc.Runs[0].Results)) != results {
		t.Errorf("SARIF has %d runs, results %v; sarif-results output %s", len(doc.Runs), len(doc.Runs[0].Results), results)
	}
	if doc.Runs[0].Tool.Driver.Version != testVersion {
		t.Errorf("SARIF tool version %q, want the installed release's %s", doc.Runs[0].Tool.Driver.Version, testVersion)
	}
	schema := filepath.Join(repoRoot(t), "..", "shared", "schemas", "sarif-schema-2.1.0.json")
	if _, err := os.Stat(schema); err == nil {
		if err := sarifcheck.ValidateSARIF(data, schema); err != nil {
			t.Errorf("SARIF schema: %v", err)
		}
	} else {
		t.Logf("%s absent: SARIF not validated against the schema", schema)
	}
	if !multitool {
		return
	}
	tool, ok := sarifcheck.FindMultitool()
	if !ok {
		if os.Getenv("TFGATE_REQUIRE_SARIF_MULTITOOL") == "1" {
			t.Fatal("sarif-multitool not found (run .ci/install-sarif-multitool.sh)")
		}
		t.Log("sarif-multitool not found: GitHub's ingestion rules not checked")
		return
	}
	problems, err := sarifcheck.RunMultitool(tool, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("sarif-multitool:\n%s", strings.Join(problems, "\n"))
	}
}

func checkActionJSON(t *testing.T, path, failed string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("json-file output %q: %v", path, err)
	}
	var rep struct {
		Summary struct {
			Failed int `json:"failed"`
		} `json:"summary"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("JSON report: %v", err)
	}
	if fmt.Sprint(rep.Summary.Failed) != failed {
		t.Errorf("JSON report: %d failed, the failed output says %s", rep.Summary.Failed, failed)
	}
}

// A download whose sha256 is not the one in checksums.txt is never run:
// the action stops at the install step with a clear message.
func TestActionRejectsBadChecksum(t *testing.T) {
	for _, c := range []struct {
		name   string
		tamper func(t *testing.T, dir, archive string)
		want   string
	}{
		{"archive changed after release", func(t *testing.T, dir, archive string) {
			p := filepath.Join(dir, archive)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data[len(data)/2] ^= 0xff
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "checksum mismatch for tfgate_"},
		{"wrong checksum", func(t *testing.T, dir, archive string) {
			line := strings.Repeat("0", 64) + "  " + archive + "\n"
			if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(line), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "refusing to install it"},
		{"archive not in checksums.txt", func(t *testing.T, dir, archive string) {
			if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(strings.Repeat("0", 64)+"  other.tar.gz\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "has no line for tfgate_"},
		{"no checksums.txt", func(t *testing.T, dir, archive string) {
			if err := os.Remove(filepath.Join(dir, "checksums.txt")); err != nil {
				t.Fatal(err)
			}
		}, "cannot download checksums.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			release, archive := makeRelease(t, testVersion)
			c.tamper(t, release, archive)
			ws := t.TempDir()
			writeFiles(t, ws, map[string]string{"main.tf": openSecurityGroup})
			r := runAction(t, ws, map[string]string{"version": testVersion, "download-url": release}, runnerEnv(t)...)
			if r.code == 0 {
				t.Fatalf("the action succeeded:\n%s", r.log)
			}
			if !strings.Contains(r.log, c.want) || !strings.Contains(r.log, "::error title=tfgate install::") {
				t.Errorf("log lacks %q as an error annotation:\n%s", c.want, r.log)
			}
			if slices.Contains(r.ran, "Check") || len(r.uses) > 0 || r.summary != "" {
				t.Errorf("steps ran after the failed install: %q, uses %v, summary %q", r.ran, r.uses, r.summary)
			}
			if len(r.path) != 0 || r.outputs["tfgate-version"] != "" {
				t.Errorf("a binary was installed: GITHUB_PATH %q, version %q", r.path, r.outputs["tfgate-version"])
			}
		})
	}
}

// Inputs that make no sense stop the action with a message naming them.
func TestActionRejectsBadInputs(t *testing.T) {
	release, _ := makeRelease(t, testVersion)
	for _, c := range []struct {
		inputs map[string]string
		env    []string
		want   string
	}{
		{map[string]string{"version": "main"}, nil, "version 'main' is not a release version"},
		{map[string]string{"version": "latest"}, nil, "version: latest needs the GitHub release"},
		{map[string]string{"install-from-source": "yes"}, nil, "install-from-source must be true or false"},
		{map[string]string{"upload-sarif": "maybe"}, nil, "upload-sarif must be true or false"},
		{map[string]string{"working-directory": "nowhere"}, nil, "working-directory 'nowhere' does not exist"},
		{nil, []string{"RUNNER_ARCH=ARM"}, "no tfgate release for runner architecture 'ARM'"},
	} {
		t.Run(c.want, func(t *testing.T) {
			inputs := map[string]string{"version": testVersion, "download-url": release}
			for k, v := range c.inputs {
				inputs[k] = v
			}
			r := runAction(t, t.TempDir(), inputs, append(runnerEnv(t), c.env...)...)
			if r.code == 0 || !strings.Contains(r.log, c.want) {
				t.Errorf("exit %d, want non-zero with %q:\n%s", r.code, c.want, r.log)
			}
		})
	}
}
