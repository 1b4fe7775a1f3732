#!/usr/bin/env bash
# The rounds benchmark: cold build, no-change rebuild, peak memory and the `cp -r` floor on
# generated corpora of 100, 1,000 and 10,000 articles, the demo blog's build, optionally Hugo
# side by side and the watch-mode save-to-page latency. Prints a table of medians and writes
# it to benches/results/<date>.md. See docs/performance.md.
#
#   benches/run.sh [--sizes 100,1000,10000] [--with-hugo] [--no-watch] [--watch-size N]
#                  [--runs 5] [--warmup 1] [--seed 1] [--work DIR]
#
# Timings on a shared machine are noisy: compare only numbers from one run of this script
# (rounds and Hugo are measured in the same run, back to back), and quote medians.
#
# Old outputs are moved into $WORK/trash between runs and deleted only at the end: on this
# machine's ext4, creating files right after deleting thousands of them is up to 10x slower
# (the inode allocator steps over recently freed inodes), which would measure the previous
# run's `rm -rf` rather than the build. See docs/performance.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=100,1000,10000
WITH_HUGO=0
WITH_WATCH=1
WATCH_SIZE=
RUNS=5
WARMUP=1
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-bench
NOW=2026-11-26

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift 2 ;;
    --with-hugo) WITH_HUGO=1; shift ;;
    --no-watch) WITH_WATCH=0; shift ;;
    --watch-size) WATCH_SIZE=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown flag $1" >&2; usage 2 ;;
  esac
done
IFS=, read -r -a NS <<<"$SIZES"
[ -n "$WATCH_SIZE" ] || WATCH_SIZE=${NS[${#NS[@]}-1]}

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------------
need_pkgs=()
command -v hyperfine >/dev/null || need_pkgs+=(hyperfine)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ "$WITH_HUGO" = 1 ] && ! command -v hugo >/dev/null; then need_pkgs+=(hugo); fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  say "installing ${need_pkgs[*]} (Debian)"
  apt-get install -y "${need_pkgs[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${need_pkgs[@]}" >&2; }
fi

say "building rounds and the benchmark tools (release)"
(cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
ROUNDS=$ROOT/target/release/rounds
GEN=$ROOT/target/release/gen-corpus
mkdir -p "$WORK"
RAW=$WORK/raw
TRASH=$WORK/trash
mkdir -p "$TRASH"
# Leftovers of an earlier run go to the trash too (deleted at the end, see above).
for old in "$WORK"/n* "$WORK"/demo-public "$RAW"; do
  if [ -e "$old" ]; then mv "$old" "$(mktemp -d -p "$TRASH")/"; fi
done
mkdir -p "$RAW"
# A --prepare command: move $1 out of the way, if it is there, without deleting anything.
stash() { echo "[ ! -e $1 ] || mv $1 \$(mktemp -d -p $TRASH)/"; }

LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
START_TS=$(date -u +%FT%TZ)

# --- helpers -----------------------------------------------------------------------------
# Runs a command under GNU time, appending its peak RSS (KiB) to file $1: the timed runs
# themselves give the memory figures, with no extra builds.
rss_of() { echo "/usr/bin/time -f %M -a -o $1 $2"; }
# The median peak RSS in MiB of the runs recorded in file $1.
median_rss() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}'; }

# The median (seconds) of command number $2 in a hyperfine JSON export.
median() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"; }

ROWS=()
for N in "${NS[@]}"; do
  SITE=$WORK/n$N
  OUT=$SITE/public
  COPY=$SITE/public-copy
  HSITE=$WORK/n$N-hugo
  HOUT=$HSITE/public
  say "N=$N: generating the corpus (seed $SEED)"
  if [ "$WITH_HUGO" = 1 ]; then
    "$GEN" --articles "$N" --seed "$SEED" --out "$SITE" --hugo "$HSITE"
  else
    "$GEN" --articles "$N" --seed "$SEED" --out "$SITE"
  fi
  BUILD="$ROUNDS build --source $SITE/content --out $OUT --now $NOW"

  say "N=$N: checking that the corpus builds with no errors"
  if ! summary=$($BUILD 2>&1 | tail -n 1); then
    echo "run.sh: the corpus of $N articles does not build: $summary" >&2; exit 1
  fi
  echo "$summary" >&2
  case "$summary" in built*) ;; *) echo "run.sh: unexpected summary: $summary" >&2; exit 1 ;; esac

  say "N=$N: cold build, cp -r floor$([ "$WITH_HUGO" = 1 ] && echo ', Hugo') (hyperfine, $RUNS runs)"
  cmds=(--command-name "rounds cold" --prepare "$(stash "$OUT")" "$(rss_of "$RAW/rss-rounds-$N" "$BUILD")"
        --command-name "cp -r floor" --prepare "$(stash "$COPY")" "cp -r $OUT $COPY")
  if [ "$WITH_HUGO" = 1 ]; then
    cmds+=(--command-name "hugo cold" --prepare "$(stash "$HOUT"); $(stash "$HSITE/resources")"
           "$(rss_of "$RAW/rss-hugo-$N" "hugo --quiet -s $HSITE -d $HOUT")")
  fi
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$RAW/cold-$N.json" "${cmds[@]}" >&2

  say "N=$N: rebuild with nothing changed"
  nochange=$($BUILD 2>&1 | tail -n 1)
  echo "$nochange" >&2
  case "$nochange" in
    *" 0 files written, "*) ;;
    *) echo "run.sh: a rebuild with nothing changed wrote files: $nochange" >&2; exit 1 ;;
  esac
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$RAW/nochange-$N.json" \
    --command-name "rounds no-change" "$BUILD" >&2

  rss=$(median_rss "$RAW/rss-rounds-$N")
  hrss=-
  [ "$WITH_HUGO" = 1 ] && hrss=$(median_rss "$RAW/rss-hugo-$N")
  files=$(find "$OUT" -type f | wc -l)
  mb=$(du -sm "$OUT" | cut -f1)
  cold=$(median "$RAW/cold-$N.json" 0)
  floor=$(median "$RAW/cold-$N.json" 1)
  hugo=-
  [ "$WITH_HUGO" = 1 ] && hugo=$(median "$RAW/cold-$N.json" 2)
  noch=$(median "$RAW/nochange-$N.json" 0)
  ROWS+=("$N|$files|$mb|$cold|$noch|$floor|$hugo|$rss|$hrss")
done

say "the demo blog (content/), cold build from start to exit"
DEMO_OUT=$WORK/demo-public
(cd "$ROOT" && hyperfine --style basic --warmup 3 --runs 20 --export-json "$RAW/demo.json" \
  --command-name "demo cold" --prepare "$(stash "$DEMO_OUT")" \
  "$ROUNDS build --out $DEMO_OUT --now $NOW" >&2)
demo=$(median "$RAW/demo.json" 0)

say "removing the old outputs ($(du -sh "$TRASH" | cut -f1))"
rm -rf "$TRASH"

WATCH_LINE=
if [ "$WITH_WATCH" = 1 ]; then
  say "watch mode: save-to-page latency on N=$WATCH_SIZE"
  [ -d "$WORK/n$WATCH_SIZE/content" ] || "$GEN" --articles "$WATCH_SIZE" --seed "$SEED" --out "$WORK/n$WATCH_SIZE"
  WATCH_LINE=$("$ROOT/benches/watch-latency.sh" --site "$WORK/n$WATCH_SIZE" --no-build | grep '^RESULT' || true)
fi

LOAD_AFTER=$(uptime | sed 's/.*load average: //')
HUGO_VERSION=$([ "$WITH_HUGO" = 1 ] && hugo version | awk '{print $2}' || echo "not run")

# --- the report --------------------------------------------------------------------------
REPORT=$(python3 - "$demo" "$WATCH_SIZE" "$WATCH_LINE" "${ROWS[@]}" <<'PY'
import sys
demo, watch_n, watch = float(sys.argv[1]), sys.argv[2], sys.argv[3]
rows = [r.split("|") for r in sys.argv[4:]]
def s(x):
    x = float(x)
    return f"{x*1000:.0f} ms" if x < 1 else f"{x:.2f} s"
out = []
out.append("| articles | files | output | rounds cold | no-change rebuild | `cp -r` floor | cold / floor | Hugo cold | rounds / Hugo | rounds peak RSS | Hugo peak RSS |")
out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n, files, mb, cold, noch, floor, hugo, rss, hrss in rows:
    ratio = f"{float(cold)/float(hugo):.2f}" if hugo != "-" else "-"
    out.append(f"| {int(n):,} | {int(files):,} | {mb} MB | {s(cold)} | {s(noch)} | {s(floor)} | "
               f"{float(cold)/float(floor):.2f} | {s(hugo) if hugo != '-' else '-'} | {ratio} | "
               f"{rss} MiB | {hrss + ' MiB' if hrss != '-' else '-'} |")
out.append("")
out.append(f"Demo blog (content/), cold build from start to exit: **{demo*1000:.0f} ms** (median of 20).")
if watch:
    kv = dict(p.split("=") for p in watch.split()[1:])
    out.append("")
    out.append(f"Watch mode, N={int(watch_n):,}, 20 saves: save-to-page median **{float(kv['median_ms']):.0f} ms**, "
               f"p95 **{float(kv['p95_ms']):.0f} ms** (max {float(kv['max_ms']):.0f} ms, "
               f"{kv['timeouts']} timeouts), watcher peak RSS **{kv['vmhwm_mib']} MiB**.")
print("\n".join(out))
PY
)

DATE=$(date -u +%F)
RESULTS=$ROOT/benches/results/$DATE.md
mkdir -p "$ROOT/benches/results"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
{
  echo "# rounds benchmark, $START_TS"
  echo
  echo "Medians of $RUNS runs (hyperfine, $WARMUP warmup) unless stated; peak RSS is the median"
  echo "of the same runs (GNU time's %M). rounds at $COMMIT$DIRTY; Hugo $HUGO_VERSION; $(hyperfine --version)."
  echo
  echo "Command: \`benches/run.sh --sizes $SIZES$([ "$WITH_HUGO" = 1 ] && echo ' --with-hugo')$([ "$WITH_WATCH" = 0 ] && echo ' --no-watch') --runs $RUNS --warmup $WARMUP --seed $SEED\`"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM, $(df -T "$WORK" | awk 'NR==2 {print $2}') at $WORK; load average before: $LOAD_BEFORE; after: $LOAD_AFTER."
  echo
  echo "$REPORT"
} >"$RESULTS"
echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/}; raw hyperfine JSON in $RAW)"
