#!/usr/bin/env bash
# Runs one `tfgate check` for the GitHub Action (action.yml, step "check").
#
# One evaluation writes four reports: SARIF (for code scanning), the full
# JSON report (every finding: keep it as a workflow artifact), the markdown
# summary (appended to $GITHUB_STEP_SUMMARY with a note on where the reports
# are and whether GitHub's SARIF limits cut anything) and `::error file=...`
# annotations on standard output. tfgate's exit code and the counts become
# step outputs; this script itself exits 0 when tfgate ran, so that the SARIF
# upload still happens, and the action's last step (result.sh) exits with
# tfgate's code.
#
# Environment (set by action.yml from its inputs):
#   TFGATE_BIN                the tfgate binary [tfgate on PATH]
#   TFGATE_PATHS, TFGATE_PLAN what to check (space or newline separated) [.]
#   TFGATE_CONFIG             --config FILE [tfgate finds .tfgate.yaml itself]
#   TFGATE_POLICIES           --policy DIR for each directory
#   TFGATE_FAIL_ON            --fail-on [tfgate's default]
#   TFGATE_ARGS               extra arguments, split like a shell (quotes) without expansion
#   TFGATE_WORKING_DIRECTORY  where to run [.]
#   TFGATE_OUTPUT_DIR         where the reports go [$RUNNER_TEMP/tfgate-results]
#   TFGATE_UPLOAD_SARIF       true: output upload-sarif=true when a SARIF file was written
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY (set by the runner)
set -euo pipefail

fail() {
  echo "::error title=tfgate::$*"
  echo "tfgate action: $*" >&2
  exit 2
}

output() {
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

summary() {
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    printf '%s\n' "$@" >>"$GITHUB_STEP_SUMMARY"
  fi
}

# words splits a list on blanks and new lines; shell patterns
# (envs/*/plan.json) are expanded (paths with blanks: pass them in args).
words() {
  local w
  for w in $1; do printf '%s\0' "$w"; done
}

bin="${TFGATE_BIN:-}"
if [[ -z "$bin" ]]; then bin=tfgate; fi
command -v "$bin" >/dev/null 2>&1 || fail "tfgate binary '$bin' not found (the install step did not run?)"

case "${TFGATE_UPLOAD_SARIF:-true}" in
  true | false) ;;
  *) fail "upload-sarif must be true or false, not '${TFGATE_UPLOAD_SARIF}'" ;;
esac

workdir="${TFGATE_WORKING_DIRECTORY:-.}"
cd "$workdir" 2>/dev/null || fail "working-directory '$workdir' does not exist"

out="${TFGATE_OUTPUT_DIR:-}"
if [[ -z "$out" ]]; then out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tfgate-results"; fi
mkdir -p "$out" || fail "cannot create the output directory $out"
out="$(cd "$out" && pwd)"
sarif="$out/tfgate.sarif"
json="$out/tfgate.json"
md="$out/tfgate.md"
rm -f "$sarif" "$json" "$md"

args=(check
  --format "sarif=$sarif"
  --format "json=$json"
  --format "markdown=$md"
  --format github)
if [[ -n "${TFGATE_CONFIG:-}" ]]; then args+=(--config "$TFGATE_CONFIG"); fi
if [[ -n "${TFGATE_FAIL_ON:-}" ]]; then args+=(--fail-on "$TFGATE_FAIL_ON"); fi
while IFS= read -r -d '' dir; do
  args+=(--policy "$dir")
done < <(words "${TFGATE_POLICIES:-}")
if [[ "${TFGATE_ARGS:-}" =~ [^[:space:]] ]]; then
  # xargs splits on blanks and honours quotes; it expands nothing.
  printf '%s' "$TFGATE_ARGS" | xargs printf '%s\0' >"$out/args" 2>"$out/args.err" ||
    fail "args: cannot split '$TFGATE_ARGS': $(cat "$out/args.err")"
  while IFS= read -r -d '' a; do
    args+=("$a")
  done <"$out/args"
  rm -f "$out/args" "$out/args.err"
fi
paths=()
while IFS= read -r -d '' p; do
  paths+=("$p")
done < <(words "${TFGATE_PLAN:-} ${TFGATE_PATHS:-}")
if [[ ${#paths[@]} -eq 0 ]]; then paths=(.); fi
args+=(-- "${paths[@]}")

echo "tfgate ${args[*]}"
set +e
"$bin" "${args[@]}"
code=$?
set -e
output exit-code "$code"
output markdown-file "$md"

if [[ ! -s "$json" ]]; then
  # Exit 2 before any report: tfgate said why on stderr (in the log above).
  summary "## tfgate" "" "tfgate could not check (exit code $code): the reason is in the log of the step \"Check\"."
  echo "tfgate wrote no report (exit code $code)"
  exit 0
fi

# The counts, from the JSON report's summary (jq, else Python).
counts() {
  if command -v jq >/dev/null 2>&1; then
    jq -r --slurpfile s "$2" '
      .summary as $m |
      "failed=\($m.failed)", "indeterminate=\($m.unknown)", "failing=\($m.failing)",
      "critical=\($m.by_severity.critical)", "high=\($m.by_severity.high)",
      "medium=\($m.by_severity.medium)", "low=\($m.by_severity.low)",
      "resources=\($m.resources)", "findings=\(.findings | length)",
      "sarif-results=\([$s[0].runs[]? | (.results // []) | length] | add // 0)"' "$1"
  else
    local py
    py=$(command -v python3 || command -v python) || fail "jq or Python is needed to read the report"
    "$py" - "$1" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
m = r["summary"]
print("failed=%d" % m["failed"])
print("indeterminate=%d" % m["unknown"])
print("failing=%d" % m["failing"])
for k in ("critical", "high", "medium", "low"):
    print("%s=%d" % (k, m["by_severity"][k]))
print("resources=%d" % m["resources"])
print("findings=%d" % len(r["findings"]))
print("sarif-results=%d" % sum(len(run.get("results") or []) for run in s.get("runs", [])))
EOF
  fi
}

counted="$sarif"
if [[ ! -s "$sarif" ]]; then
  counted="$out/empty.sarif"
  echo '{"runs":[]}' >"$counted"
fi
kv=$(counts "$json" "$counted") || fail "cannot read the reports in $out"
findings=0
sarif_results=0
while IFS='=' read -r k v; do
  case "$k" in
    findings) findings="$v" ;;
    sarif-results) sarif_results="$v"; output "$k" "$v" ;;
    *) output "$k" "$v" ;;
  esac
done <<<"$kv"

output json-file "$json"
if [[ -s "$sarif" ]]; then
  output sarif-file "$sarif"
  if [[ "${TFGATE_UPLOAD_SARIF:-true}" == true ]]; then output upload-sarif true; fi
fi

# The job summary: tfgate's markdown, then where the reports are.
if [[ -s "$md" ]]; then
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then cat "$md" >>"$GITHUB_STEP_SUMMARY"; fi
fi
summary "" "**Reports** (exit code $code):" ""
summary "- JSON, every finding: \`$json\` (keep it with actions/upload-artifact; see the action's json-file output)"
if [[ -s "$sarif" ]]; then
  if ((sarif_results < findings)); then
    summary "- SARIF: \`$sarif\` holds $sarif_results of the $findings findings: GitHub code scanning limits a SARIF run (25,000 results and fewer locations, rules and tags), so $((findings - sarif_results)) are only in the JSON report and the annotations."
    echo "::warning title=tfgate SARIF cut::the SARIF file holds $sarif_results of $findings findings (GitHub's SARIF limits); every finding is in $json"
  else
    summary "- SARIF: \`$sarif\`, all $sarif_results findings"
  fi
else
  summary "- SARIF: none written"
fi
exit 0
