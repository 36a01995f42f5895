#!/usr/bin/env bash
# Installs Microsoft's SARIF multitool (npm @microsoft/sarif-multitool) into
# $HOME/.cache/tfgate-tools, where the tests look for it. Idempotent.
set -euo pipefail
prefix="$HOME/.cache/tfgate-tools"
bin="$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$bin" ]; then
  mkdir -p "$prefix"
  npm install --no-audit --no-fund --prefix "$prefix" @microsoft/sarif-multitool@5.7.0 >/dev/null
fi
# npm 11 may skip the package's postinstall (chmod u+x of the .NET binary).
find "$prefix/node_modules/@microsoft" -name 'Sarif.Multitool' -type f -exec chmod u+x {} + 2>/dev/null || true
# The multitool is a .NET program: without ICU it must run in invariant mode.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
"$bin" --version >/dev/null 2>&1 || { echo "sarif-multitool does not run: $bin" >&2; exit 1; }
echo "sarif-multitool: $bin"
