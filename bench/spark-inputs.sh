#!/usr/bin/env bash
# A study run on Spark by its input (README "Spark", sizing): the cells of bench/spark-study (with the study's own
# analysis/Cohort.java and codebook) on a registry of N rows, read by the Spark engine (local[2]) as one CSV file
# (hashed on the driver, as the local engine hashes it) and as a Parquet folder written by Spark (its part files
# hashed on the executors, the manifest listing each), each a cold run with every cell recomputed, timed with
# /usr/bin/time -v; the local engine on the CSV for reference. results.json of the two Spark runs must be equal.
#
#   bench/spark-inputs.sh 1000000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1000000}
seed=${BENCH_SEED:-1}
work=target/bench
study=$work/spark-inputs-study
registry=$work/registry-v2-$n-seed$seed.csv
folder=$work/registry-v2-$n-seed$seed-parts
[ -f "$registry" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed "$seed" --out "$registry"
bench/spark.sh --version >/dev/null 2>&1 || true   # builds the Spark jar and its class path once
if [ ! -f "$folder/_SUCCESS" ]; then
  java -cp "$(cat target/spark/classpath.txt)" --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED bench/CsvToParquet.java "$registry" "$folder" 2>/dev/null
fi
rm -rf "$study"
mkdir -p "$study/data"
cp -r bench/spark-study/. "$study/"
cp analysis/Cohort.java "$study/analysis/"
cp data/codebook.csv "$study/data/"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $(du -sh "$registry" | cut -f1) CSV, $(du -sh "$folder" | cut -f1) Parquet in $(ls "$folder" | grep -c '\.parquet$') files"
/usr/bin/time -v ./studybook run --study "$study" --data "$registry" --out local --no-cache 2> "$work/inputs-local.txt" >/dev/null \
  || { cat "$work/inputs-local.txt" >&2; exit 1; }
/usr/bin/time -v bench/spark.sh run --study "$study" --data "$registry" --out spark-csv --no-cache --engine spark \
  --master 'local[2]' 2> "$work/inputs-spark-csv.txt" >/dev/null || { cat "$work/inputs-spark-csv.txt" >&2; exit 1; }
/usr/bin/time -v bench/spark.sh run --study "$study" --data "$folder" --out spark-parquet --no-cache --engine spark \
  --master 'local[2]' 2> "$work/inputs-spark-parquet.txt" >/dev/null || { cat "$work/inputs-spark-parquet.txt" >&2; exit 1; }
for e in local spark-csv spark-parquet; do
  awk -v e=$e '/Elapsed \(wall/ {w=$NF} /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {m=$NF}
    END {printf "%s: wall %s, cpu %.1f s, peak %.0f MB\n", e, w, u+s, m/1024}' "$work/inputs-$e.txt"
done
python3 - "$study" <<'PY'
import json, sys
s = sys.argv[1]
a = json.load(open(s + "/spark-csv/results.json")); b = json.load(open(s + "/spark-parquet/results.json"))
for r in (a, b):
    for v in r.values():
        if isinstance(v, dict):
            v.pop("hash", None)
assert a == b, "the CSV and the Parquet folder give different results"
m = json.load(open(s + "/spark-parquet/manifest.json"))
parts = [p for v in m["inputParts"].values() for p in v]
print("results.json equal; the manifest lists %d part files, %d bytes" % (len(parts), sum(p["bytes"] for p in parts)))
PY
