#!/usr/bin/env bash
# Runs the browser tests (README.md): builds the demo blog, then each *.test.mjs in headless
# Chromium. Installs Chromium, Node.js and puppeteer-core when they are missing.
#   tests/browser/run.sh [FILTER]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
filter="${1:-}"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "--- apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d "$here/node_modules/puppeteer-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  echo "--- npm install (puppeteer-core, axe-core)"
  (cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
fi

bin="${ROUNDS_BIN:-$root/target/release/rounds}"
if [ -z "${ROUNDS_BIN:-}" ]; then
  (cd "$root" && cargo build --release --quiet)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
site="$work/public"
(cd "$root" && "$bin" build --source content --out "$site" >/dev/null 2>&1) || {
  echo "the demo blog did not build"; exit 1; }
base_url=$(sed -n 's/^base_url: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$root/content/site.yaml" | head -1)

status=0
for t in "$here"/*.test.mjs; do
  name="$(basename "$t")"
  if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then continue; fi
  echo "--- $name"
  if SITE_DIR="$site" BASE_URL="$base_url" ROUNDS_BIN="$bin" CONTENT_DIR="$root/content" \
     node "$t"; then
    echo "ok"
  else
    status=1
  fi
done
exit $status
