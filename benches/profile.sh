#!/usr/bin/env bash
# Profiles rounds with perf (sampling on the cpu-clock software event, so it works in VMs
# without hardware counters), then attributes the samples to pipeline stages and lists the
# hottest functions (benches/profile/stages.py). Also prints rounds' own stage timings
# (ROUNDS_TIMINGS=1). See docs/performance.md.
#
#   benches/profile.sh [--articles 10000] [--shape default] [--seed 1] [--work DIR]
#                      [--freq 499] [--rounds BIN] [--watch body|title|tags] [--edits 10]
#                      [--out DIR]
#
# Without --watch: a cold build and a no-change rebuild. With --watch KIND: the watcher's
# rebuilds after --edits saves of that kind (benches/tools' watch-latency makes them), perf
# attached to the watcher once its first build is done, and the median of each stage's time
# over the rebuilds. --out is where the outputs go (default: under --work; /dev/shm/... for
# tmpfs). --rounds profiles another binary (default: this worktree's release build).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLES=10000
SHAPE=default
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-bench
FREQ=499
ROUNDS=
WATCH=
EDITS=10
OUTDIR=
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES=$2; shift 2 ;;
    --shape) SHAPE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --freq) FREQ=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --watch) WATCH=$2; shift 2 ;;
    --edits) EDITS=$2; shift 2 ;;
    --out) OUTDIR=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || apt-get install -y linux-perf >&2
if [ -z "$ROUNDS" ]; then
  (cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
  ROUNDS=$ROOT/target/release/rounds
fi
cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
SITE=$WORK/profile-$SHAPE-n$ARTICLES
[ -d "$SITE/content" ] || "$ROOT/target/release/gen-corpus" --articles "$ARTICLES" --seed "$SEED" --shape "$SHAPE" --out "$SITE"
PROF=$WORK/profile
TRASH=${OUTDIR:-$PROF}/trash
OUT=${OUTDIR:-$PROF}/out
mkdir -p "$PROF" "$TRASH"
echo "== $SHAPE, $ARTICLES articles, output in $OUT; load average $(uptime | sed 's/.*load average: //')" >&2

if [ -n "$WATCH" ]; then
  LOG=$PROF/watch-$WATCH.log
  rm -rf "$OUT"
  ROUNDS_TIMINGS=1 "$ROOT/target/release/watch-latency" --rounds "$ROUNDS" --site "$SITE" --out "$OUT" \
    --kinds "$WATCH" --edits "$EDITS" --settle-ms 2000 --hold-ms 3000 --log "$LOG" >"$PROF/watch-$WATCH.out" 2>&1 &
  probe=$!
  # The watcher is the probe's child; profile it from a second after its first build, when
  # the first build's memory has been freed (the probe waits two seconds after each build,
  # --settle-ms, before the next save): the profile then holds only the rebuilds.
  until grep -q '^built ' "$LOG" 2>/dev/null; do
    kill -0 $probe 2>/dev/null || { cat "$PROF/watch-$WATCH.out" >&2; exit 1; }
    sleep 0.5
  done
  sleep 1
  watcher=$(pgrep -P $probe | head -n 1)
  echo "== perf record on the watcher (pid $watcher) during $EDITS $WATCH edits" >&2
  perf record -q -e cpu-clock -F "$FREQ" --call-graph dwarf,32768 -o "$PROF/watch-$WATCH.data" -p "$watcher" 2>/dev/null &
  perf_pid=$!
  # Stop perf when the results are out, before the watcher is stopped (its exit frees memory
  # for a while, which is no rebuild's cost).
  until grep -q "^RESULT kind=$WATCH" "$PROF/watch-$WATCH.out" 2>/dev/null; do
    kill -0 $probe 2>/dev/null || break
    sleep 0.5
  done
  kill -INT $perf_pid 2>/dev/null || true
  wait $perf_pid 2>/dev/null || true
  wait $probe || true
  cat "$PROF/watch-$WATCH.out"
  echo "== stage timings of the rebuilds, median of $EDITS (ROUNDS_TIMINGS=1)"
  python3 - "$LOG" <<'PY'
import re, statistics, sys
runs, cur = [], None
for line in open(sys.argv[1]):
    if line.startswith("probe: "):
        cur = {}
        runs.append(cur)
    m = re.match(r"timing: (\S+)\s+([\d.]+) ms", line)
    if m and cur is not None:
        cur[m.group(1)] = cur.get(m.group(1), 0.0) + float(m.group(2))
stages = list(dict.fromkeys(k for r in runs for k in r))
print("| stage | median ms | max ms |\n|---|---:|---:|")
for s in stages:
    v = [r[s] for r in runs if s in r]
    print(f"| {s} | {statistics.median(v):.1f} | {max(v):.1f} |")
PY
  perf script -i "$PROF/watch-$WATCH.data" -F comm,tid,time,ip,sym 2>/dev/null | python3 "$ROOT/benches/profile/stages.py" 20 40
  echo "(perf data in $PROF/watch-$WATCH.data, the watcher's output in $LOG)" >&2
  exit 0
fi

BUILD=("$ROUNDS" build --source "$SITE/content" --out "$OUT" --now 2026-11-26)
stash() { if [ -e "$OUT" ]; then mv "$OUT" "$(mktemp -d -p "$TRASH")/"; fi; rm -f "$(dirname "$OUT")/.out.rounds-cache"; }

echo "== stage timings, cold (ROUNDS_TIMINGS=1)" >&2
stash
ROUNDS_TIMINGS=1 "${BUILD[@]}" 2>&1 | grep -E '^(timing|built)'
echo "== stage timings, nothing changed" >&2
ROUNDS_TIMINGS=1 "${BUILD[@]}" 2>&1 | grep -E '^(timing|built)'

echo "== perf record (cold build, cpu-clock at $FREQ Hz, DWARF call graphs)" >&2
stash
perf record -q -e cpu-clock -F "$FREQ" --call-graph dwarf,32768 -o "$PROF/cold.data" -- "${BUILD[@]}" 2>/dev/null
perf script -i "$PROF/cold.data" -F comm,tid,time,ip,sym 2>/dev/null | python3 "$ROOT/benches/profile/stages.py" 15 40
echo "(perf data in $PROF/cold.data; old outputs in $TRASH, delete when done)" >&2
