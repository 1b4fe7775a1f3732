#!/usr/bin/env bash
# The pathological-input benchmark (issue 13): sites built to hurt, at the sizes the issue
# gives, each run through `rounds build` or `rounds check` under GNU time. Prints one row per
# case: exit code (1 is a content error, what these inputs should get; 101 is a panic), wall
# time, peak memory and the bytes written to stderr. Every case should finish in under 2 s
# with a bounded report.
#
#   benches/pathological.sh [--rounds BIN] [--cases a,b,...] [--timeout SECONDS] [--keep]
#
#   --rounds   the binary to measure (default: this worktree's release build, built first)
#   --cases    a subset of the case names below
#   --timeout  stop a case after this long (default 120 s; a stopped case shows "timeout")
#   --keep     leave the generated sites in $TMPDIR/rounds-pathological
#
# Not part of `cargo test`: it measures time, and the sites are large.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=
CASES=
TIMEOUT=120
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) BIN=$2; shift 2 ;;
    --cases) CASES=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    *) echo "unknown flag $1" >&2; exit 2 ;;
  esac
done
if [ -z "$BIN" ]; then
  (cd "$ROOT" && cargo build --release --quiet)
  BIN=$ROOT/target/release/rounds
fi
BIN=$(realpath "$BIN")
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

WORK=${TMPDIR:-/tmp}/rounds-pathological
rm -rf "$WORK"
mkdir -p "$WORK"

# Every case is a small valid site plus one absurd part, written by gen.py below.
python3 - "$WORK" <<'PY'
import json, os, sys

work = sys.argv[1]
SITE = """title: "Pathological"
base_url: "https://clinic.test/"
author: jdoe
disclaimer: "Education only."
"""
AUTHORS = """jdoe:
  name: "Jane Doe"
  credentials: [MD]
  role: "Physician"
  disclosures: ["None"]
"""
PAGES = ["about", "disclaimer", "privacy", "contact", "advertising-policy"]
REFS = """- id: known2020
  type: article-journal
  title: "A known article"
  author: [{family: Doe, given: Jane}]
  container-title: "J Test"
  issued: {date-parts: [[2020]]}
"""

def site(name, body="Text.\n", front="", site_extra="", refs=None, refs_name="references.yaml"):
    root = os.path.join(work, name, "content")
    os.makedirs(os.path.join(root, "articles"), exist_ok=True)
    os.makedirs(os.path.join(root, "pages"), exist_ok=True)
    open(os.path.join(root, "site.yaml"), "w").write(SITE + site_extra)
    open(os.path.join(root, "authors.yaml"), "w").write(AUTHORS)
    open(os.path.join(root, refs_name), "w").write(REFS if refs is None else refs)
    for p in PAGES:
        open(os.path.join(root, "pages", p + ".md"), "w").write(
            f'---\ntitle: "{p}"\n---\n{p} text.\n')
    fm = '---\ntitle: "A case"\ndate: 2026-01-15\n' + front + '---\n'
    open(os.path.join(root, "articles", "case.md"), "w").write(fm + body)

# 1. Numbers and columns that used to panic.
site("review-interval", front="reviewed_by: jdoe\nreviewed_on: 2026-01-20\n",
     site_extra="review_interval: 239977\n")
site("long-line-cite", body="Word " * 20000 + "[@nobody2020].\n")
items = [{"id": f"item{i}", "type": "book", "title": f"Book {i}",
          "issued": {"date-parts": [[2000 + i % 20]]}} for i in range(2000)]
items[-1]["DOI"] = "not a doi"
site("minified-json", body="See [@item1].\n",
     refs=json.dumps(items, separators=(",", ":")), refs_name="references.json")
# 2. Time and output that grew faster than the input.
site("brackets-20k", body="[@" * 20000 + "\n")
site("brackets-300k", body="[@" * 300000 + "\n")
site("unknown-cites-10k", body=" ".join(f"[@nobody{i}]" for i in range(10000)) + "\n")
site("unknown-cites-50k", body=" ".join(f"[@nobody{i}]" for i in range(50000)) + "\n")
site("tags-5000", front="tags: [" + ", ".join(f"topic {i}" for i in range(5000)) + "]\n")
site("headings-10k", body="## Risks\n\nText.\n\n" * 10000)
site("title-1mb", body="Text.\n")
path = os.path.join(work, "title-1mb", "content", "articles", "case.md")
open(path, "w").write('---\ntitle: "' + "Long " * 200000 + '"\ndate: 2026-01-15\n---\nText.\n')
# 50,000 items, each nested one level deeper than the last, 400 levels over and over
# (a 20 MB body, mostly indentation).
site("nested-lists", body="".join(
    "  " * (i % 400) + f"- item {i}\n" for i in range(50000)))
PY

# name, command
ALL=(
  "review-interval build"
  "long-line-cite build"
  "minified-json build"
  "brackets-20k build"
  "brackets-300k build"
  "unknown-cites-10k build"
  "unknown-cites-50k build"
  "tags-5000 build"
  "headings-10k build"
  "title-1mb build"
  "nested-lists check"
)

printf '| case | command | exit | wall (s) | peak RSS (MB) | stderr (bytes) |\n'
printf '|---|---|---:|---:|---:|---:|\n'
for entry in "${ALL[@]}"; do
  read -r name cmd <<<"$entry"
  if [ -n "$CASES" ] && [[ ",$CASES," != *",$name,"* ]]; then continue; fi
  dir=$WORK/$name
  set +e
  (cd "$dir" && timeout "$TIMEOUT" /usr/bin/time -v -o "$dir/time.txt" \
    "$BIN" "$cmd" --source content --out public >/dev/null 2>"$dir/stderr.txt")
  code=$?
  set -e
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt" 2>/dev/null |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$dir/time.txt" 2>/dev/null)
  if [ "$code" = 124 ]; then code=timeout; wall=">$TIMEOUT"; fi
  # GNU time reports the child's exit status in its own file; prefer it when present.
  status=$(awk -F': ' '/Exit status/ {print $2}' "$dir/time.txt" 2>/dev/null || true)
  [ "$code" != timeout ] && [ -n "$status" ] && code=$status
  bytes=$(stat -c %s "$dir/stderr.txt")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$cmd" "$code" "${wall:-?}" "${rss:-?}" "$bytes"
done
[ "$KEEP" = 1 ] || rm -rf "$WORK"
