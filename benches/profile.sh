#!/usr/bin/env bash
# Profiles a cold rounds build of a generated corpus with perf (sampling on the cpu-clock
# software event, so it works in VMs without hardware counters), then attributes the samples
# to pipeline stages and lists the hottest functions (benches/profile/stages.py). Also prints
# rounds' own stage timings (ROUNDS_TIMINGS=1). See docs/performance.md.
#
#   benches/profile.sh [--articles 10000] [--seed 1] [--work DIR] [--freq 499]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLES=10000
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-bench
FREQ=499
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --freq) FREQ=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || apt-get install -y linux-perf >&2
(cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
SITE=$WORK/n$ARTICLES
[ -d "$SITE/content" ] || "$ROOT/target/release/gen-corpus" --articles "$ARTICLES" --seed "$SEED" --out "$SITE"
PROF=$WORK/profile
TRASH=$WORK/trash
mkdir -p "$PROF" "$TRASH"
BUILD=("$ROOT/target/release/rounds" build --source "$SITE/content" --out "$PROF/out" --now 2026-11-26)
stash() { if [ -e "$PROF/out" ]; then mv "$PROF/out" "$(mktemp -d -p "$TRASH")/"; fi; }

echo "== stage timings, cold (ROUNDS_TIMINGS=1); load average $(uptime | sed 's/.*load average: //')" >&2
stash
ROUNDS_TIMINGS=1 "${BUILD[@]}" 2>&1 | grep -E '^(timing|built)'
echo "== stage timings, nothing changed" >&2
ROUNDS_TIMINGS=1 "${BUILD[@]}" 2>&1 | grep -E '^(timing|built)'

echo "== perf record (cold build, cpu-clock at $FREQ Hz, DWARF call graphs)" >&2
stash
perf record -q -e cpu-clock -F "$FREQ" --call-graph dwarf,32768 -o "$PROF/cold.data" -- "${BUILD[@]}" 2>/dev/null
perf script -i "$PROF/cold.data" -F comm,tid,time,ip,sym 2>/dev/null | python3 "$ROOT/benches/profile/stages.py" 15 40
echo "(perf data in $PROF/cold.data; old outputs in $TRASH, delete when done)" >&2
