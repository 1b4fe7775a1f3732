#!/usr/bin/env bash
# Checks that two rounds binaries write byte-identical sites: the demo blog and generated
# corpora (10,000 articles by default, both shapes) are built by each, and the SHA-256 of every
# output file is compared (the manifest and other dot-files excepted: they record the binary).
# Run it before landing a refactoring that must not change the output.
#
#   benches/same-output.sh OLD [NEW] [--articles 10000] [--shapes default,tag-heavy]
#                          [--seed 1] [--work DIR] [--out-root DIR]
#
#   --work     corpora and binaries (default $TMPDIR/rounds-same-output; corpora are kept there
#              and reused)
#   --out-root where the outputs are written (default /dev/shm/rounds-same-output when there
#              is a /dev/shm: thousands of small files are written much faster on tmpfs)
#   OLD, NEW   rounds executables; NEW defaults to `.`, this worktree's release build (built
#              first). Copy the old binary aside before rebuilding, e.g.
#              `git stash; cargo build --release; cp target/release/rounds /tmp/rounds-old`.
#
# Exits 1 and lists the differing files when the outputs differ.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ARTICLES=10000
SHAPES=default,tag-heavy
SEED=1
WORK=${TMPDIR:-/tmp}/rounds-same-output
OUTS=/dev/shm/rounds-same-output
[ -d /dev/shm ] || OUTS=
NOW=2026-11-26
BINS=()

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --articles) ARTICLES=$2; shift 2 ;;
    --shapes) SHAPES=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --out-root) OUTS=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    -*) echo "same-output.sh: unknown flag $1" >&2; usage 2 ;;
    *) BINS+=("$1"); shift ;;
  esac
done
[ ${#BINS[@]} -ge 1 ] && [ ${#BINS[@]} -le 2 ] || usage 2
[ ${#BINS[@]} -eq 2 ] || BINS+=(.)
say() { echo "same-output: $*" >&2; }

[ -n "$OUTS" ] || OUTS=$WORK
mkdir -p "$WORK" "$OUTS"
for i in 0 1; do
  bin=${BINS[$i]}
  if [ "$bin" = . ]; then
    say "building rounds from this worktree (release)"
    (cd "$ROOT" && cargo build --release --locked --bin rounds >&2)
    bin=$ROOT/target/release/rounds
  fi
  [ -x "$bin" ] || { echo "same-output.sh: $bin is not an executable" >&2; exit 2; }
  cp "$bin" "$WORK/rounds-$i"
done

say "building the corpus generator (release)"
cargo build --release --manifest-path "$ROOT/benches/tools/Cargo.toml" --target-dir "$ROOT/target" >&2
GEN=$ROOT/target/release/gen-corpus

# SHA-256 of every output file but dot-files, one `hash  path` line each, sorted by path.
digests() { (cd "$1" && find . -type f -not -path '*/.*' | sort | xargs -d '\n' sha256sum); }

failed=0
compare() {
  local name=$1 source=$2
  for i in 0 1; do
    rm -rf "$OUTS/out-$i" "$OUTS"/.out-$i.rounds-*
    "$WORK/rounds-$i" build --quiet --source "$source" --out "$OUTS/out-$i" --now $NOW
    digests "$OUTS/out-$i" >"$WORK/$name-$i.sha256"
  done
  local files
  files=$(wc -l <"$WORK/$name-0.sha256")
  if cmp -s "$WORK/$name-0.sha256" "$WORK/$name-1.sha256"; then
    say "$name: the same $files files, byte for byte"
  else
    say "$name: the outputs DIFFER (old: $files files, new: $(wc -l <"$WORK/$name-1.sha256"))"
    diff "$WORK/$name-0.sha256" "$WORK/$name-1.sha256" | grep '^[<>]' | head -n 20 >&2 || true
    failed=1
  fi
}

compare demo "$ROOT/content"
IFS=, read -r -a SHAPE_LIST <<<"$SHAPES"
for shape in "${SHAPE_LIST[@]}"; do
  C=$WORK/corpus-$shape-n$ARTICLES
  if [ ! -f "$C/.done-$SEED" ]; then
    say "generating the $shape corpus of $ARTICLES articles (seed $SEED)"
    rm -rf "$C"
    "$GEN" --articles "$ARTICLES" --seed "$SEED" --shape "$shape" --out "$C/site" >/dev/null
    touch "$C/.done-$SEED"
  fi
  compare "$shape-n$ARTICLES" "$C/site/content"
done
rm -rf "$OUTS"/out-? "$OUTS"/.out-?.rounds-*
exit $failed
