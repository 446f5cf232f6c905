#!/bin/sh
# Makes the chart font from Roboto (Apache License 2.0: static/fonts/LICENSE.txt): one subset,
# written twice, with the same glyphs and the same advance widths.
#   fonts/Roboto-chart.ttf          what dangos measures chart labels with (charts-rs
#                                   reads TrueType, not WOFF2); not served
#   static/fonts/Roboto-chart.woff2 what the browser draws them with (@font-face)
# Latin (ASCII, Latin-1, Latin Extended-A: every Welsh letter with its accents, â ŵ ŷ
# ä ë ẅ ÿ á ẃ ý à ẁ ỳ...), Welsh ẁ ẃ ẅ ỳ, and typographic punctuation (’ – … ‑).
# No layout features (kerning, ligatures) and no hinting: charts-rs measures text as
# the sum of its glyphs' advances, so the browser must not kern what was measured.
#
#   pip install fonttools brotli
#   sh themes/default/fonts/make-chart-font.sh [path/to/Roboto-Regular.ttf]
#
# The default source is the Roboto (2.137) charts-rs embeds.
set -eu
cd "$(dirname "$0")/.."
src="${1:-$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/charts-rs-2.3.*/src/Roboto.ttf | tail -n 1)}"
unicodes="U+0020-007E,U+00A0-017F,U+1E80-1E85,U+1EF2-1EF3,U+2010-2011,U+2013-2014,U+2018-201A,U+201C-201E,U+2022,U+2026,U+2030,U+2032-2033,U+20AC,U+2212"
for flavor in ttf woff2; do
    case "$flavor" in
        ttf) out=fonts/Roboto-chart.ttf; opt= ;;
        woff2) out=static/fonts/Roboto-chart.woff2; opt=--flavor=woff2 ;;
    esac
    pyftsubset "$src" --unicodes="$unicodes" --layout-features='' --no-hinting \
        --name-IDs='*' --name-languages='*' $opt --output-file="$out"
done
ls -l fonts/Roboto-chart.ttf static/fonts/Roboto-chart.woff2
