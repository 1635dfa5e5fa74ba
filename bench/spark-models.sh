#!/usr/bin/env bash
# linear and cuminc on Spark local[2] against the local engine:   bench/spark-models.sh [N]   (default 1000000)
#
# On the benchmark's seeded N-row registry (bench/run.sh's generator, cached as target/bench/registry-v2-N-seed1.csv)
# it runs, each from a cold JVM, linear (ki67_percent on 8 terms, classical and HC3) and cuminc (additional_treatment:
# surgical against endoscopic, by er_method): the local engine through ./studybook with the column cache off (so
# it parses the CSV, as a first command does), the Spark engine through bench/spark.sh --engine spark --master
# local[2]. Prints wall s, CPU s (user + sys), peak RSS MB and whether the two JSON answers are byte-identical, with
# the 1-minute load average (the machine may be shared).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1000000}
work=target/bench
mkdir -p "$work/models"
csv="$work/registry-v2-$n-seed1.csv"
[ -f "$csv" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed 1 --out "$csv"
bench/spark.sh --version >/dev/null 2>&1 || true
./studybook --version >/dev/null 2>&1
export STUDYBOOK_COLUMN_CACHE=off
terms=age,sex,tumor_size_mm,distance_av_cm,er_method,grade,depth,lvi
commands=(
  "linear --outcome ki67_percent --terms $terms"
  "linear --outcome ki67_percent --terms $terms --se hc3"
  "cuminc --time followup_months --status additional_treatment --event surgical --censor none --by er_method"
)
echo "command | engine | wall s | CPU s | peak RSS MB | load"
for c in "${commands[@]}"; do
  for engine in local spark; do
    out="$work/models/$engine.json"
    if [ "$engine" = local ]; then run=(./studybook); more=(); else run=(bench/spark.sh); more=(--engine spark --master 'local[2]'); fi
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %U %S %M" -o "$work/models/time" "${run[@]}" $c --data "$csv" --json "${more[@]}" >"$out" 2>/dev/null
    read -r wall user sys rss <"$work/models/time"
    echo "$c | $engine | $wall | $(echo "$user + $sys" | bc) | $((rss / 1024)) | $(cut -d' ' -f1 /proc/loadavg)"
  done
  if cmp -s "$work/models/local.json" "$work/models/spark.json"; then echo "  answers: byte-identical"; else echo "  answers: DIFFER"; fi
done
