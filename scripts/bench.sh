#!/usr/bin/env bash
# Benchmarks tfgate against plain `opa eval` (issue 10's targets), on real
# plans made by ../shared/bench/make-plan.sh (needs terraform and the aws
# provider mirror) and on a small fixture directory.
#
#   scripts/bench.sh [N ...]     default: 200 2000 (about 1,100 and 11,000 resources)
#   scripts/bench.sh small       only the small directory
#
# For each input, `tfgate check --format sarif` and
# `opa eval -d ../shared/bench/baseline.rego -i PLAN 'count(data.main.deny)'`
# run alternately RUNS times (default 5); it prints the rule count, the
# resource count, the median (and range) of wall time, CPU time (user+sys)
# and peak RSS of each, the ratios tfgate/opa of the medians, and the
# scaling of tfgate's wall time from the first size to the last.
# The small input is `tfgate check fixtures/tagging` (the directory) against
# opa eval of the baseline on fixtures/tagging/plan.json.
#
# Environment: RUNS, TFGATE_BENCH_DIR (keeps plans and binaries between
# runs), TFGATE_SHARED, TFGATE_PROVIDER_MIRROR, OPA (an opa binary; else
# `opa` on PATH, else v1.22.2 is installed into the work directory),
# GO_BENCH=1 also runs the Go stage benchmarks on each plan.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${TFGATE_SHARED:-$root/../shared}
work=${TFGATE_BENCH_DIR:-$(mktemp -d)}
mirror=${TFGATE_PROVIDER_MIRROR:-/opt/tf-plugins}
runs=${RUNS:-5}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(200 2000)
# "small": only the small directory (RUNS=80 scripts/bench.sh small).
[ "${sizes[0]}" != small ] || sizes=()
mkdir -p "$work"

printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$mirror" > "$work/tf.rc"
export TF_CLI_CONFIG_FILE="$work/tf.rc" CHECKPOINT_DISABLE=1
(cd "$root" && go build -o "$work/tfgate" ./cmd/tfgate)
opa=${OPA:-$(command -v opa || true)}
if [ -z "$opa" ]; then
  GOBIN="$work" go install github.com/open-policy-agent/opa@v1.22.2
  opa="$work/opa"
fi
baseline="$shared/bench/baseline.rego"
params=(--param required_tags=Owner,CostCenter --param allowed_regions=us-east-1,eu-west-1)

echo "tfgate $(git -C "$root" rev-parse --short HEAD): $("$work/tfgate" rules | grep -c '^TFG-') rules; $("$opa" version | head -n 1); $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# stats FILE COLUMN: "median (min-max)" of one column.
stats() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {printf "%s (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }
med() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timeit OUT CMD...: appends "wall cpu rssMB" of one run of CMD to OUT
# (exit status 1, findings, is expected from tfgate). Wall time in
# milliseconds from the clock (/usr/bin/time's is in hundredths).
timeit() {
  local out=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -o "$work/t" -f "%U %S %M" "$@" > /dev/null || [ $? -eq 1 ]
  end=$(date +%s%N)
  tail -n 1 "$work/t" | awk -v ms="$(( (end - start) / 1000000 ))" '{printf "%.3f %.2f %d\n", ms / 1000, $1 + $2, $3 / 1024}' >> "$out"
}

# compare KEY NAME RESOURCES OPA_INPUT TFGATE_ARGS...
compare() {
  local key=$1 name=$2 count=$3 input=$4; shift 4
  : > "$work/tfgate.times"; : > "$work/opa.times"
  # One warm-up run of each (file cache).
  "$work/tfgate" check --format sarif "${params[@]}" "$@" > /dev/null || true
  "$opa" eval -d "$baseline" -i "$input" 'count(data.main.deny)' > /dev/null
  for _ in $(seq "$runs"); do
    timeit "$work/tfgate.times" "$work/tfgate" check --format sarif "${params[@]}" "$@"
    timeit "$work/opa.times" "$opa" eval -d "$baseline" -i "$input" 'count(data.main.deny)'
  done
  echo "== $name: $count resources, median (range) of $runs alternating runs"
  for t in tfgate opa; do
    printf '%-7s wall %s s, cpu %s s, peak RSS %s MB\n' "$t" "$(stats "$work/$t.times" 1)" "$(stats "$work/$t.times" 2)" "$(stats "$work/$t.times" 3)"
  done
  awk -v tw="$(med "$work/tfgate.times" 1)" -v ow="$(med "$work/opa.times" 1)" \
      -v tc="$(med "$work/tfgate.times" 2)" -v oc="$(med "$work/opa.times" 2)" \
      -v tm="$(med "$work/tfgate.times" 3)" -v om="$(med "$work/opa.times" 3)" \
      'BEGIN {printf "ratio   wall %.2fx, cpu %.2fx, peak RSS %.2fx (tfgate/opa)\n", tw/ow, tc/oc, tm/om}'
  med "$work/tfgate.times" 1 > "$work/wall-$key"
  med "$work/tfgate.times" 2 > "$work/cpu-$key"
}

small="$root/fixtures/tagging"
resources() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resource_changes"]))' "$1"; }
compare small "fixtures/tagging (the directory; opa: its plan.json)" "$(resources "$small/plan.json")" "$small/plan.json" --no-config "$small"

for n in "${sizes[@]}"; do
  plan="$work/plan-$n.json"
  [ -f "$plan" ] || bash "$shared/bench/make-plan.sh" "$n" "$plan"
  compare "$n" "N=$n" "$(resources "$plan")" "$plan" --no-config "$plan"
  if [ "${GO_BENCH:-}" = 1 ]; then
    (cd "$root" && TFGATE_BENCH_PLAN="$plan" go test -run '^$' -bench 'Check$|Load|Evaluate$|Render' -benchtime 3x -benchmem ./cmd/tfgate/ | grep '^Benchmark')
    (cd "$root" && TFGATE_BENCH_PLAN="$plan" go test -run '^$' -bench 'New|Compile|Convert|Shards|Rule/' -benchtime 3x -benchmem ./rules/ | grep '^Benchmark')
  fi
done
if [ ${#sizes[@]} -ge 2 ]; then
  first=${sizes[0]} last=${sizes[$((${#sizes[@]} - 1))]}
  awk -v a="$(cat "$work/wall-$first")" -v b="$(cat "$work/wall-$last")" -v f="$first" -v l="$last" \
    -v c="$(cat "$work/cpu-$first")" -v d="$(cat "$work/cpu-$last")" \
    'BEGIN {printf "scaling N=%s -> N=%s (%.0fx resources): tfgate wall %.2fx, cpu %.2fx\n", f, l, l/f, b/a, d/c}'
fi
