#!/usr/bin/env bash
# Watch-mode latency (issues 6 and 19): starts `rounds watch` on a generated corpus and, for
# each kind of edit (body, title, tags), saves 20 articles one after the other (alternating a
# plain write and write-temp-then-rename, as editors do), measuring the time from each save
# until that article's page on disk shows the change. Prints every sample, and per kind the
# median, the 95th percentile, the maximum and the watcher's peak RSS (VmHWM).
#
#   benches/watch-latency.sh [--articles 10000] [--shape default] [--site DIR] [--out DIR]
#                            [--kinds body,title,tags] [--edits 20] [--debounce MS]
#                            [--log FILE] [--seed 1] [--work DIR] [--no-build]
#
# Without --site it generates (once) a corpus of --articles articles of the --shape in
# $WORK/<shape>-n<articles>. --out puts the watcher's output elsewhere (/dev/shm/... for a
# tmpfs); --log keeps the watcher's stderr (with ROUNDS_TIMINGS=1: its stage timings).
# Without --debounce, rounds' default settle time is used. It only watches files on disk, so
# it measures whatever `rounds watch` does (a full rebuild per change, or an incremental one).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLES=10000
SHAPE=default
SITE=
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-bench
BUILD=1
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES=$2; shift 2 ;;
    --shape) SHAPE=$2; shift 2 ;;
    --site) SITE=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --debounce|--edits|--timeout-s|--poll-ms|--settle-ms|--kinds|--out|--log) PASS+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "watch-latency.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done

if [ "$BUILD" = 1 ]; then
  (cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
  cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
fi
if [ -z "$SITE" ]; then
  SITE=$WORK/$SHAPE-n$ARTICLES
  if [ ! -d "$SITE/content" ]; then
    mkdir -p "$WORK"
    "$ROOT/target/release/gen-corpus" --articles "$ARTICLES" --seed "$SEED" --shape "$SHAPE" --out "$SITE"
  fi
fi
echo "watch-latency.sh: load average $(uptime | sed 's/.*load average: //') on $(nproc) cores" >&2
exec "$ROOT/target/release/watch-latency" --rounds "$ROOT/target/release/rounds" --site "$SITE" "${PASS[@]}"
