#!/usr/bin/env bash
# Times `convert --applicants` on generated TOEFL scores against a generated applicant file, beside the same convert
# without --applicants, and prints the median wall time and peak RSS of RUNS runs of each (the machine is shared:
# quote medians, compare pairs). A benchmark, not a test.
# usage: Tests/Bench/match.sh PATH/TO/scoreimport [SCORES] [APPLICANTS] [RUNS]   (defaults 100000 200000 5)
set -euo pipefail
bin=$(readlink -f "$1"); n=${2:-100000}; total=${3:-200000}; runs=${4:-5}
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../../shared}
scores=/tmp/scoreimport-bench-toefl-$n.json
applicants=/tmp/scoreimport-bench-applicants-$n-$total.csv
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
[[ -s $scores ]] || python3 "$shared/bench/gen_toefl.py" "$n" > "$scores"
[[ -s $applicants && $applicants -nt $here/gen_applicants.py ]] \
    || python3 "$here/gen_applicants.py" "$scores" "$total" > "$applicants"
run() { # name, args... -> one line "name wall_s rss_kb" per run in $work/times
    local name=$1; shift
    /usr/bin/time -f "$name %e %M" -a -o "$work/times" "$bin" convert --template e-delivery --format csv "$@" \
        "$scores" > /dev/null 2> "$work/stderr" || { echo "match.sh: $name failed: $(tail -1 "$work/stderr")" >&2; exit 1; }
}
for _ in $(seq "$runs"); do   # alternate, so drift in the machine's speed touches both alike
    run plain
    run applicants --applicants "$applicants" --review "$work/review.csv"
done
echo "convert, $n TOEFL records ($(( $(stat -c %s "$scores") / 1000000 )) MB), e-delivery CSV; $runs runs each"
python3 - "$work/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, rss = line.split()
    rows.setdefault(name, []).append((float(wall), int(rss)))
print(f"{'':38} {'median wall s':>14} {'min':>6} {'max':>6} {'median peak RSS MB':>19}")
for name, label in [("plain", "convert"), ("applicants", "convert --applicants --review")]:
    walls = [w for w, _ in rows[name]]
    print(f"{label:38} {statistics.median(walls):14.2f} {min(walls):6.2f} {max(walls):6.2f} "
          f"{statistics.median(r for _, r in rows[name]) / 1024:19.1f}")
PY
echo "applicants: $(( $(wc -l < "$applicants") - 1 )) rows; $(grep -o 'matched .*' "$work/stderr")"
echo "review file: $(python3 -c "import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))) - 1)" "$work/review.csv") records"
