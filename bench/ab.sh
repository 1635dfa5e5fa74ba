#!/usr/bin/env bash
# Before/after at the same moment: bench/ab.sh BEFORE_JAR AFTER_JAR FILE [REPS]
# Runs the ad-hoc trio (as bench/run.sh runs it) with each jar, alternating, REPS times (default 3),
# each a fresh JVM with the launcher's flags (serial GC; no AppCDS, so both jars start alike), and
# prints wall, CPU (user + sys) and peak RSS per run with the load average: on a shared machine CPU
# time is the steadier figure. The after jar reads through a column cache in a temporary folder,
# filled by one untimed describe first (so its figures are cache hits; bench/run.sh times the miss).
set -euo pipefail
before=$1 after=$2 file=$3 reps=${4:-3}
vars=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin
terms=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,depth,resection_margin
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export STUDYBOOK_COLUMN_CACHE=$cache
run() { # LABEL JAR ARGS...
  local label=$1 jar=$2; shift 2
  /usr/bin/time -f "$label %e s wall %U user %S sys %M KB | load $(cut -d' ' -f1 /proc/loadavg)" \
    java -XX:+UseSerialGC -jar "$jar" "$@" >/dev/null
}
java -XX:+UseSerialGC -jar "$after" describe --data "$file" --by recurrence --vars "$vars" --json >/dev/null
for ((r = 1; r <= reps; r++)); do
  for which in before after; do
    jar=$before; [ "$which" = after ] && jar=$after
    run "$which describe" "$jar" describe --data "$file" --by recurrence --vars "$vars" --json
    run "$which logistic" "$jar" logistic --data "$file" --outcome lvi --event positive --terms "$terms" --json
    run "$which survival" "$jar" survival --data "$file" --time followup_months --event recurrence \
      --event-value yes --by lvi --json
  done
done 2>&1
