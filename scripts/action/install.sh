#!/usr/bin/env bash
# Installs tfgate for the GitHub Action (action.yml, step "install").
#
# Downloads the release archive for the runner's OS and architecture
# (archive names from .goreleaser.yaml: tfgate_<version>_<os>_<arch>.tar.gz,
# .zip on Windows) and checksums.txt, verifies the archive's sha256 and only
# then unpacks it; or, with TFGATE_INSTALL_FROM_SOURCE=true, builds it with
# `go install`. Adds the binary's directory to $GITHUB_PATH and writes the
# outputs `path` (the binary) and `version` to $GITHUB_OUTPUT.
#
# Environment (set by action.yml from its inputs; defaults in brackets):
#   TFGATE_VERSION              1.2.3, v1.2.3 or latest [the action's tag, else latest]
#   TFGATE_ACTION_REF           the ref the workflow uses the action at (v1.2.3, main, a SHA)
#   TFGATE_INSTALL_FROM_SOURCE  true or false [false]
#   TFGATE_DOWNLOAD_URL         URL (https://, file://) or directory holding the
#                               archives and checksums.txt [the GitHub release]
#   TFGATE_REPOSITORY           owner/name of the releases [tfgate/tfgate]
#   RUNNER_OS, RUNNER_ARCH      Linux|macOS|Windows, X64|ARM64 (set by the runner)
#   RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT (set by the runner)
set -euo pipefail

version="${TFGATE_VERSION:-}"
if [[ -z "$version" ]]; then
  # tfgate/tfgate@v1.2.3 installs tfgate 1.2.3: the action's scripts and the
  # binary come from the same release. Any other ref (a branch, a SHA): latest.
  ref="${TFGATE_ACTION_REF:-${GITHUB_ACTION_REF:-}}"
  if [[ "$ref" =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then version="$ref"; else version=latest; fi
fi
from_source="${TFGATE_INSTALL_FROM_SOURCE:-false}"
download_url="${TFGATE_DOWNLOAD_URL:-}"
repository="${TFGATE_REPOSITORY:-tfgate/tfgate}"
temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
dest="$temp/tfgate-bin"

# fail prints one clear line (also as a workflow error annotation) and stops.
fail() {
  echo "::error title=tfgate install::$*"
  echo "tfgate install: $*" >&2
  exit 1
}

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# native_path turns a Git Bash path into a Windows one for $GITHUB_PATH.
native_path() {
  if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d' ' -f1
  else
    fail "neither sha256sum nor shasum is installed: cannot verify the download"
  fi
}

case "$from_source" in
  true | false) ;;
  *) fail "install-from-source must be true or false, not '$from_source'" ;;
esac

case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  "") fail "RUNNER_OS is not set (this script runs inside a GitHub Actions job)" ;;
  *) fail "no tfgate release for runner OS '$RUNNER_OS' (Linux, macOS and Windows are built); set install-from-source: true" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  "") fail "RUNNER_ARCH is not set (this script runs inside a GitHub Actions job)" ;;
  *) fail "no tfgate release for runner architecture '$RUNNER_ARCH' (X64 and ARM64 are built); set install-from-source: true" ;;
esac
exe=tfgate
if [[ "$os" == windows ]]; then exe=tfgate.exe; fi

mkdir -p "$dest"

if [[ "$from_source" == true ]]; then
  command -v go >/dev/null 2>&1 || fail "install-from-source needs Go on the runner: set go-version, or run actions/setup-go before this action"
  ref="$version"
  # A release version is a tag vX.Y.Z; anything else (latest, a commit, a
  # branch) goes to go install as it is.
  if [[ "$ref" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then ref="v$ref"; fi
  echo "Building tfgate from source: go install github.com/${repository}/cmd/tfgate@$ref"
  GOBIN="$dest" go install "github.com/${repository}/cmd/tfgate@$ref" ||
    fail "go install github.com/${repository}/cmd/tfgate@$ref failed (see the lines above)"
else
  if [[ "$version" == latest ]]; then
    if [[ -n "$download_url" ]]; then
      fail "version: latest needs the GitHub release; with download-url set, give the version (for example 1.2.3)"
    fi
    # The latest release's page redirects to its tag: no API token needed.
    latest=$(curl -fsSL -o /dev/null -w '%{url_effective}' "https://github.com/${repository}/releases/latest") ||
      fail "cannot find the latest release of ${repository} on GitHub; set version to a release (for example 1.2.3)"
    version="${latest##*/}"
    [[ "$version" =~ ^v[0-9] ]] || fail "cannot find the latest release of ${repository} (GitHub answered $latest); set version"
  fi
  version="${version#v}"
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]*)?$ ]] ||
    fail "version '$version' is not a release version like 1.2.3 (or latest); for a branch or commit set install-from-source: true"

  ext=tar.gz
  if [[ "$os" == windows ]]; then ext=zip; fi
  archive="tfgate_${version}_${os}_${arch}.${ext}"
  base="${download_url:-https://github.com/${repository}/releases/download/v${version}}"
  base="${base%/}"
  work="$temp/tfgate-download"
  rm -rf "$work"
  mkdir -p "$work"

  fetch() { # fetch NAME: from a URL with curl, or copy from a directory
    case "$base" in
      *://*) curl -fsSL --retry 3 --retry-delay 2 -o "$work/$1" "$base/$1" ;;
      *) cp "$base/$1" "$work/$1" ;;
    esac
  }

  echo "Downloading $archive and checksums.txt from $base"
  fetch checksums.txt || fail "cannot download checksums.txt of tfgate $version from $base (does release v$version exist?)"
  fetch "$archive" || fail "cannot download $archive from $base (is $os/$arch in release v$version?)"

  expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$work/checksums.txt")
  [[ -n "$expected" ]] || fail "checksums.txt of tfgate $version has no line for $archive: refusing to install an unverified binary"
  actual=$(sha256 "$work/$archive")
  if [[ "$actual" != "$expected" ]]; then
    fail "checksum mismatch for $archive: checksums.txt says sha256 $expected, the download is $actual; refusing to install it (a corrupted or tampered download)"
  fi
  echo "Verified sha256 $actual of $archive"

  if [[ "$ext" == zip ]]; then
    unzip -o -q "$work/$archive" "$exe" -d "$dest" || fail "cannot unpack $exe from $archive"
  else
    tar -xzf "$work/$archive" -C "$dest" "$exe" || fail "cannot unpack $exe from $archive"
  fi
  chmod +x "$dest/$exe"
  rm -rf "$work"
fi

bin="$dest/$exe"
[[ -x "$bin" ]] || fail "no tfgate binary at $bin after installing"
installed=$("$bin" version 2>&1 | head -n 1) || fail "the installed tfgate does not run: $installed"
echo "Installed $installed at $bin"

if [[ -n "${GITHUB_PATH:-}" ]]; then
  native_path "$dest" >>"$GITHUB_PATH"
fi
output path "$(native_path "$bin")"
output version "${installed#tfgate }"
