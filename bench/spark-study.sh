#!/usr/bin/env bash
# The rectal NET study's cohort and survival cells (bench/spark-study/ plus the study's own analysis/Cohort.java and
# codebook) on a registry of N rows, on both engines, each a cold run with every cell recomputed, timed with
# /usr/bin/time -v; then results.json compared (numbers to 1e-12, frame content hashes aside). The Spark run uses the
# -Pspark build through bench/spark.sh, master local[2].
#
#   bench/spark-study.sh 1000000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1000000}
seed=${BENCH_SEED:-1}
work=target/bench
study=$work/spark-study
registry=$work/registry-v2-$n-seed$seed.csv
[ -f "$registry" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed "$seed" --out "$registry"
rm -rf "$study"
mkdir -p "$study/data"
cp -r bench/spark-study/. "$study/"
cp analysis/Cohort.java "$study/analysis/"
cp data/codebook.csv "$study/data/"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
/usr/bin/time -v ./studybook run --study "$study" --data "$registry" --out local --no-cache 2> "$work/spark-study-local.txt" >/dev/null \
  || { cat "$work/spark-study-local.txt" >&2; exit 1; }
/usr/bin/time -v bench/spark.sh run --study "$study" --data "$registry" --out spark --no-cache --engine spark --master 'local[2]' \
  2> "$work/spark-study-spark.txt" >/dev/null || { cat "$work/spark-study-spark.txt" >&2; exit 1; }
for e in local spark; do
  awk -v e=$e '/Elapsed \(wall/ {w=$NF} /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {m=$NF}
    END {printf "%s: wall %s, cpu %.1f s, peak %.0f MB\n", e, w, u+s, m/1024}' "$work/spark-study-$e.txt"
done
python3 - "$study" <<'PY'
import json, sys
s = sys.argv[1]
a = json.load(open(s + "/local/results.json")); b = json.load(open(s + "/spark/results.json"))
def same(p, x, y):
    if isinstance(x, float) or isinstance(y, float):
        assert x == y or abs(x - y) <= 1e-12 * max(abs(x), abs(y)), (p, x, y)
    elif isinstance(x, dict):
        assert list(x) == list(y), p
        for k in x:
            if not (k == "hash" and "columns" in x):
                same(p + "." + k, x[k], y[k])
    elif isinstance(x, list):
        assert len(x) == len(y), p
        for i, (u, v) in enumerate(zip(x, y)):
            same("%s[%d]" % (p, i), u, v)
    else:
        assert x == y, (p, x, y)
same("results", a, b)
assert open(s + "/local/report.md").read() == open(s + "/spark/report.md").read(), "report.md differs"
print("results.json and report.md: the same on both engines")
PY
