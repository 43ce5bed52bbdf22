#!/usr/bin/env bash
# make verify-xlsx: converts a mixed IELTS and TOEFL input to XLSX, has LibreOffice (headless) turn it into CSV,
# and checks every value against scoreimport's own CSV of the same input. Installs libreoffice-calc if missing.
set -euo pipefail
bin=${1:-.build/debug/scoreimport}
command -v soffice >/dev/null || {
    echo "verify-xlsx: installing libreoffice-calc-nogui" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=(Fixtures/cases/ielts-api-response/input.json Fixtures/cases/toefl-score-objects/input.json)
export SCOREIMPORT_TODAY=2026-11-22
"$bin" convert -q --date-format yyyy-mm-dd -f xlsx -o "$work/scores.xlsx" "${inputs[@]}" 2>/dev/null
"$bin" convert -q --date-format yyyy-mm-dd --no-formula-guard -o "$work/expected.csv" "${inputs[@]}" 2>/dev/null
HOME="$work" soffice --headless --calc --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false' \
    --outdir "$work" "$work/scores.xlsx" >/dev/null 2>&1
python3 - "$work/scores.csv" "$work/expected.csv" <<'PY'
import csv, sys
got = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
want = list(csv.reader(open(sys.argv[2], newline="", encoding="utf-8")))
assert len(got) == len(want), f"{len(got)} rows from LibreOffice, {len(want)} expected"
bad = [(r, want[0][c], g, w) for r, (grow, wrow) in enumerate(zip(got, want))
       for c, (g, w) in enumerate(zip(grow + [""] * (len(wrow) - len(grow)), wrow)) if g != w]
for r, name, g, w in bad[:20]:
    print(f"row {r + 1} {name}: LibreOffice {g!r}, expected {w!r}")
print(f"verify-xlsx: {len(want) - 1} rows x {len(want[0])} columns, {len(bad)} differences")
sys.exit(1 if bad else 0)
PY
