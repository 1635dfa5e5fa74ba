#!/usr/bin/env bash
# JVM start-up and memory options for the ad-hoc commands: bench/jvm.sh [ROWS]   (default 1000000)
#
# 1. Cold start: a trivial command (--version) and survival on a 10,000-row registry, without and with
#    an application class-data archive (AppCDS, recorded once by studybook.cli.ClassDataTraining).
#    The registries come from the benchmark's generator (src/test/java/studybook/bench/RegistryGenerator.java).
# 2. Garbage collector and heap cap on the three commands at ROWS rows: wall time and peak RSS.
# Medians of $BENCH_REPS (default 5) runs; runs java -jar target/studybook.jar directly so only the
# options differ. Waits for a quiet machine like run.sh (BENCH_MAX_LOAD, BENCH_WAIT).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rows=${1:-1000000}
reps=${BENCH_REPS:-5}
max_load=${BENCH_MAX_LOAD:-1.0}
wait_s=${BENCH_WAIT:-900}
work=target/bench
mkdir -p "$work/out"
jar=target/studybook.jar
jsa=$work/studybook.jsa
vars=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin
terms=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,depth,resection_margin

./studybook --version >/dev/null
for n in 10000 "$rows"; do
  [ -f "$work/registry-v2-$n-seed1.csv" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" \
    --seed 1 --out "$work/registry-v2-$n-seed1.csv"
done
rm -f "$jsa"
java -XX:ArchiveClassesAtExit="$jsa" -cp "$jar" studybook.cli.ClassDataTraining >/dev/null 2>&1
cds="-XX:SharedArchiveFile=$jsa -Xlog:disable -Xlog:all=warning:stderr"

waited=0
while ! awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max_load" 'BEGIN {exit !(l < m)}'; do
  [ "$waited" -ge "$wait_s" ] && { echo "jvm.sh: WARNING: load still $(cut -d' ' -f1 /proc/loadavg)" >&2; break; }
  sleep 15; waited=$((waited + 15))
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -n 1)"

# timed LABEL OPTIONS ARGS... : median wall (s) and max RSS (MB) of $reps cold runs
timed() {
  local label=$1 opts=$2; shift 2
  local walls=() rss=0 tf w m
  tf=$(mktemp)
  for ((i = 0; i < reps; i++)); do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M" -o "$tf" timeout "${BENCH_TIMEOUT:-120}" java $opts -jar "$jar" "$@" >/dev/null 2>"$work/out/jvm.err" \
      || { echo "$label: failed or timed out: $(head -c 120 "$work/out/jvm.err" | tr '\n' ' ')"; rm -f "$tf"; return 1; }
    read -r w m <"$tf"
    walls+=("$w"); [ "$m" -gt "$rss" ] && rss=$m
  done
  rm -f "$tf"
  printf '%-58s %6s s %6d MB\n' "$label" "$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" $((rss / 1024))
}
small=$work/registry-v2-10000-seed1.csv
big=$work/registry-v2-$rows-seed1.csv
echo "--- cold start"
timed "--version" "" --version || true
timed "--version, AppCDS" "$cds" --version || true
timed "survival 10k rows" "" survival --data "$small" --time followup_months --event recurrence --event-value yes --by lvi --json || true
timed "survival 10k rows, AppCDS" "$cds" survival --data "$small" --time followup_months --event recurrence --event-value yes --by lvi --json || true
timed "describe 10k rows" "" describe --data "$small" --by recurrence --vars "$vars" --json || true
timed "describe 10k rows, AppCDS" "$cds" describe --data "$small" --by recurrence --vars "$vars" --json || true
echo "--- collector and heap at $rows rows"
logistic_ok=yes
for opts in "" "-XX:+UseParallelGC" "-XX:+UseSerialGC" "-XX:+UseSerialGC -Xmx1g" "-XX:+UseParallelGC -Xmx1g" "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"; do
  timed "describe  ${opts:-(default G1)}" "$opts" describe --data "$big" --by recurrence --vars "$vars" --json || true
  timed "survival  ${opts:-(default G1)}" "$opts" survival --data "$big" --time followup_months --event recurrence --event-value yes --by lvi --json || true
  # a logistic that fails once (it cannot scale while its separation check is a dense LP) is not retried
  if [ "$logistic_ok" = yes ]; then
    timed "logistic  ${opts:-(default G1)}" "$opts" logistic --data "$big" --outcome lvi --event positive \
      --terms "$terms" --json || logistic_ok=no
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
