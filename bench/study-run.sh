#!/usr/bin/env bash
# The 322-patient study run with every cell recomputed, stage by stage: bench/study-run.sh [CHECKOUT...]
#
# Times `./studybook run --no-cache` (and, with BENCH_MODES, other argument sets such as "--recompile")
# in each CHECKOUT (default: this one), BENCH_REPS times (default 5), interleaving the checkouts run by run
# so that a before/after pair sees the same machine load. Each line: checkout, arguments, wall, user and
# sys CPU seconds, peak RSS, the 1-minute load average just before the run, then the run's own per-stage
# times from its log: compile, the cells' sum, render (and its parts). A warm-up run per checkout and mode
# comes first and is not shown (it builds the jar, the class-data archive and the caches if missing).
# Needs GNU time (/usr/bin/time). The outputs are compared with git after each run: a changed report is an error.
# Environment: BENCH_REPS (5), BENCH_MODES ("--no-cache"; separate argument sets with ';').
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 0 ] && set -- "$here"
reps=${BENCH_REPS:-5}
IFS=';' read -r -a modes <<<"${BENCH_MODES:---no-cache}"
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed: apt-get install time" >&2; exit 1; }

one() { # one CHECKOUT ARGS... ; prints the result line
  local dir=$1; shift
  local load tf log
  load=$(cut -d' ' -f1 /proc/loadavg)
  tf=$(mktemp); log=$(mktemp)
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$tf" ./studybook run "$@" >/dev/null 2>"$log")
  read -r wall user sys rss <"$tf"
  local compile cells render
  compile=$(sed -n 's/^studybook: compile .*(\([0-9]*\) ms.*/\1/p' "$log")
  cells=$(sed -n 's/^studybook: computed .*(\([0-9]*\) ms.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
  render=$(sed -n 's/^studybook: render [^(]*(\(.*\))$/\1/p' "$log")
  printf '%-28s %-12s %6s s %6s u %5s s %4d MB  load %5s | compile %5s ms, cells %5s ms, render %s\n' \
    "$(basename "$dir")" "$*" "$wall" "$user" "$sys" $((rss / 1024)) "$load" "$compile" "$cells" "$render"
  rm -f "$tf" "$log"
  if [ -d "$dir/.git" ] || git -C "$dir" rev-parse --git-dir >/dev/null 2>&1; then
    if [ -n "$(git -C "$dir" status --porcelain -- reports)" ]; then
      echo "bench: $dir/reports changed after the run (outputs must stay byte-identical)" >&2
      exit 1
    fi
  fi
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); $(date -u '+%Y-%m-%d %H:%M UTC')"
for dir in "$@"; do
  for m in "${modes[@]}"; do
    # shellcheck disable=SC2086
    (cd "$dir" && ./studybook run $m >/dev/null 2>&1)
  done
done
for ((i = 1; i <= reps; i++)); do
  for m in "${modes[@]}"; do
    for dir in "$@"; do
      # shellcheck disable=SC2086
      one "$dir" $m
    done
  done
done
