#!/usr/bin/env bash
# Standards checks in a real browser, on a fresh machine with no manual step:
#   1. installs what is missing: Debian's Chromium (and a font), Java, and the pinned
#      npm packages (browser/package-lock.json: playwright-core, axe-core, vnu-jar);
#   2. builds the example site and the demo site (demo/) with the release binary into
#      temporary folders, with a loopback base URL;
#   3. proves the suite fails when it should (selftest.mjs on fixtures/broken/);
#   4. runs the suite on the example site and on the demo site: Nu Html Checker, its
#      language check, axe-core, keyboard, reflow at 320 px, text at 200%, language
#      toggles, status words;
#   4a. reads reports and indicator pages of both at 320 and 1280 px (reading.mjs): no
#      figure split across lines; the latest report at 320 px no taller than its limit
#      (the example's at most 8,000 px in English and in Welsh, from 11,866 and
#      12,670 before issue 21; the demo's at most two-thirds of what it was); printed,
#      the example's and the demo's reports have the start of their scorecard on page 1;
#   5. measures chart text in Chromium at 320 and 1280 px on every indicator page of the
#      example and of a generated site with long histories (chart-text.mjs): none
#      under 12 CSS px, none cut off;
#   5a. takes screenshots into screenshots/ (kept out of git);
#   6. checks live reload in a real browser: `dangos serve` on a copy of the example
#      site, a figure edited, the front matter broken and fixed (livereload.mjs; skipped,
#      with the reason, in a build without `serve`).
# Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

echo "== browser checks: install what is missing"
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v fc-match >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ] || packages+=(fonts-dejavu-core)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
# pdftotext reads the printed report back (reading.mjs: the scorecard on page 1).
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)
if [ ${#packages[@]} -gt 0 ]; then
  echo "apt-get install ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "node (20 or later) and npm are required (the machine image provides them)" >&2
  exit 1
fi
# --ignore-scripts: vnu-jar's install script would download a Java of its own; we use
# Debian's. No other package here has an install step.
(cd browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
echo "java: $(java -version 2>&1 | head -1)"
echo "node: $(node --version)"

echo "== browser checks: build the example site and the demo site"
work=$(mktemp -d "${TMPDIR:-/tmp}/dangos-browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
cargo run --release --locked --quiet -- build --output "$work/site" --base-url http://127.0.0.1:8000/
cargo run --release --locked --quiet -- build --root demo --output "$work/demo" --base-url http://127.0.0.1:8000/

echo "== browser checks: the suite fails when it should (fixtures/broken)"
node --test --test-reporter=spec browser/selftest.mjs

echo "== browser checks: standards suite on the example site and the demo site"
node browser/standards.mjs "$work/site"
node browser/standards.mjs "$work/demo"

echo "== browser checks: figures never split, report length on a phone, the printed scorecard"
node browser/reading.mjs --max-height en:8000,cy:8000 --max-height en:12400,cy:13200 \
  "$work/site" --print-scorecard "$work/demo" --print-scorecard

echo "== browser checks: chart text at 320 and 1280 px (the example, and a site with long histories)"
node browser/chart-text.mjs --long-site "$work/long-src"
cargo run --release --locked --quiet -- build --root "$work/long-src" --output "$work/long" --base-url http://127.0.0.1:8000/
node browser/chart-text.mjs "$work/site" "$work/long"

echo "== browser checks: screenshots"
node browser/screenshots.mjs "$work/site" screenshots

echo "== browser checks: live reload"
node --test --test-reporter=spec browser/livereload.mjs

echo "browser checks passed in $((SECONDS - started)) s"
