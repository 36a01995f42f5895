#!/usr/bin/env bash
# Installs the real tools the integration tests (integration/) run:
# pre-commit and shellcheck from Debian, actionlint and GoReleaser as Go
# modules into $(go env GOPATH)/bin, each at the version the docs name.
# Idempotent: a tool already at that version is kept. Prints the time of
# each install (docs/integrations.md quotes them).
set -euo pipefail

apt_pkgs=()
command -v pre-commit >/dev/null 2>&1 || apt_pkgs+=(pre-commit)
command -v shellcheck >/dev/null 2>&1 || apt_pkgs+=(shellcheck)
command -v git >/dev/null 2>&1 || apt_pkgs+=(git)
if ((${#apt_pkgs[@]})); then
  start=$SECONDS
  sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo -n); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
  echo "== apt-get install ${apt_pkgs[*]}: $((SECONDS - start)) s"
fi

gobin="$(go env GOPATH)/bin"
mkdir -p "$gobin"
export PATH="$gobin:$PATH"

# go_tool NAME MODULE VERSION: go install MODULE@VERSION unless NAME reports VERSION.
go_tool() {
  local name=$1 module=$2 want=$3 have=""
  if command -v "$name" >/dev/null 2>&1; then
    have=$("$name" --version 2>/dev/null | grep -Eo 'v?[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)
  fi
  if [ "${have#v}" != "${want#v}" ]; then
    local start=$SECONDS
    GOBIN="$gobin" go install "$module@$want"
    echo "== go install $module@$want: $((SECONDS - start)) s"
  fi
}
go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint v1.7.12
go_tool goreleaser github.com/goreleaser/goreleaser/v2 v2.15.1

echo "== $(pre-commit --version), shellcheck $(shellcheck --version | sed -n 's/^version: //p'), actionlint $(actionlint --version | head -n 1), goreleaser $(goreleaser --version 2>/dev/null | grep -Eo 'v?[0-9]+\.[0-9]+\.[0-9]+' | head -n 1)"
