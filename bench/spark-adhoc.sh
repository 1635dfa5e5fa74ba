#!/usr/bin/env bash
# The ad-hoc trio on Spark local[2] against the local engine:   bench/spark-adhoc.sh [N]   (default 1000000)
#
# On the benchmark's seeded N-row registry (bench/run.sh's generator, cached as target/bench/registry-v2-N-seed1.csv)
# and its typed Parquet copy (bench/CsvToParquet.java), it times describe (9 variables by recurrence), logistic
# (lvi = positive on 9 terms) and survival (recurrence = yes by lvi), each from a cold JVM: the local engine through
# ./studybook (column cache emptied first, so its describe parses the CSV as a user's first command does), and the
# Spark engine through bench/spark.sh with --engine spark --master local[2] on the CSV and on the Parquet copy.
# Wall time, CPU (user + sys) and peak RSS are GNU time's; every Spark answer is checked against the local one
# (same keys, strings and integers; numbers to 1e-12 relative, absolute below 1; odds ratios on the log scale).
# The 1-minute load average is printed with each line, since the machine may be shared.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1000000}
work=target/bench
mkdir -p "$work/spark"
csv="$work/registry-v2-$n-seed1.csv"
pq="$work/registry-v2-$n-seed1.parquet"
vars=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin
terms=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,depth,resection_margin
export STUDYBOOK_COLUMN_CACHE="$root/$work/spark/column-cache"
[ -f "$csv" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed 1 --out "$csv"
bench/spark.sh --version >/dev/null 2>&1 || true # builds the Spark jar and its class path once
if [ ! -d "$pq" ]; then
  opens="-Djdk.reflect.useDirectMethodHandle=false"
  for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
    opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
  done
  # shellcheck disable=SC2086
  java $opens -cp "$(cat target/spark/classpath.txt)" bench/CsvToParquet.java "$csv" "$pq"
fi
./studybook --version >/dev/null 2>&1

commands=(
  "describe --by recurrence --vars $vars"
  "logistic --outcome lvi --event positive --terms $terms"
  "survival --time followup_months --event recurrence --event-value yes --by lvi"
)
timed() { # timed OUT CMD... -> "wall cpu rss_mb rc"
  local out=$1; shift
  local tf rc=0; tf=$(mktemp)
  /usr/bin/time -v -o "$tf" "$@" >"$out" 2>"$out.err" || rc=$?
  awk -F': ' -v rc="$rc" '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; w=s}
    /User time|System time/ {c += $2} /Maximum resident set size/ {m=int($2/1024)} END {printf "%.2f %.2f %d %d\n", w, c, m, rc}' "$tf"
  rm -f "$tf"
}
agree() {
  python3 - "$1" "$2" <<'PY'
import json, math, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
bad = []
def cmp(x, y, path):
    if isinstance(x, dict):
        if list(x) != list(y): bad.append(path + " keys"); return
        for k in x: cmp(x[k], y[k], path + "." + k)
    elif isinstance(x, list):
        if len(x) != len(y): bad.append(path + " length"); return
        for i, (u, v) in enumerate(zip(x, y)): cmp(u, v, "%s[%d]" % (path, i))
    elif isinstance(x, float) or isinstance(y, float):
        if path.rsplit(".", 1)[-1] in ("or", "ci_low", "ci_high") and x > 0 and y > 0: x, y = math.log(x), math.log(y)
        if x != y and abs(x - y) > 1e-12 * max(1, abs(x), abs(y)): bad.append(path)
    elif x != y: bad.append(path)
print("yes" if not bad else "NO: " + ", ".join(bad[:3]))
PY
}
echo "# spark-adhoc: $n rows, $(nproc) cores, $(date -u +%FT%TZ), $(git rev-parse --short HEAD)"
printf '%-9s %-14s %8s %8s %7s %6s  %s\n' command engine wall_s cpu_s rss_MB load1 "equal to local"
rm -rf "$STUDYBOOK_COLUMN_CACHE"
for c in "${commands[@]}"; do
  name=${c%% *}
  # shellcheck disable=SC2086
  read -r w cpu m rc < <(timed "$work/spark/$name-local.json" ./studybook $c --data "$csv" --json)
  printf '%-9s %-14s %8s %8s %7s %6s  %s\n' "$name" local "$w" "$cpu" "$m" "$(cut -d' ' -f1 /proc/loadavg)" "(rc $rc)"
  for input in csv parquet; do
    f=$csv; [ "$input" = parquet ] && f=$pq
    # shellcheck disable=SC2086
    read -r w cpu m rc < <(timed "$work/spark/$name-spark-$input.json" bench/spark.sh $c --data "$f" --json \
      --engine spark --master 'local[2]')
    same=$( [ "$rc" = 0 ] && agree "$work/spark/$name-local.json" "$work/spark/$name-spark-$input.json" || echo "rc $rc")
    printf '%-9s %-14s %8s %8s %7s %6s  %s\n' "$name" "spark $input" "$w" "$cpu" "$m" "$(cut -d' ' -f1 /proc/loadavg)" "$same"
  done
done
