#!/usr/bin/env bash
# The scale benchmark: bench/run.sh [SIZES...]   (default: 10000 100000 1000000)
#
# For each size it generates the seeded registry once (cached as target/bench/registry-v2-N-seedS.csv)
# with the benchmark's generator, which is not part of studybook: it lives in the test source set and
# runs as a single-file program (java src/test/java/studybook/bench/RegistryGenerator.java). The
# registry has the rectal NET study's codebook columns, so the study itself runs on it.
# Then it times, each from a cold JVM through the ./studybook launcher: describe (9 variables by
# recurrence), logistic (lvi = positive on 9 terms) and survival (recurrence = yes by lvi). Wall time
# is the median of $BENCH_REPS runs, peak RSS the largest, both measured by /usr/bin/time -v (installed
# with apt-get when missing and possible, else read from /proc).
# The parsed-column cache lives in $work/column-cache for the benchmark and is emptied before each
# size: the first describe is timed once on its own (cache miss: it parses the CSV and stores the
# columns), then every stage is timed as usual (cache hits). "trio_s" is what a user pays running the
# three commands once on a new file (describe miss + logistic + survival), and is the figure compared
# with R; "warm_s" is the three on a file parsed before.
# When Rscript is present it runs bench/bench.R on the same file (data.table::fread when installed)
# and prints R's wall time over ours; it then checks four answers against R to 1e-9 relative.
# It also times a trivial command (cold start), `./studybook run` and `run --no-cache` on the study, and, for the sizes
# in $BENCH_STUDY_SIZES (default: 10000 100000), the whole study on the registry (a copy of the study
# in target/bench/study, `run --data FILE --no-cache`, once), with the per-stage times the run logs.
#
# The machine may be shared: before timing it waits (up to $BENCH_WAIT s, default 900) for the
# 1-minute load average to drop below $BENCH_MAX_LOAD (default 1.0) and prints the load it ran at.
# A stage that runs longer than $BENCH_TIMEOUT s (default 300) is stopped and shown as "timeout".
# Environment: BENCH_REPS (3), BENCH_SEED (1), BENCH_MAX_LOAD, BENCH_WAIT, BENCH_TIMEOUT, BENCH_STUDY_SIZES,
# STUDYBOOK_JAVA_OPTS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
reps=${BENCH_REPS:-3}
seed=${BENCH_SEED:-1}
max_load=${BENCH_MAX_LOAD:-1.0}
wait_s=${BENCH_WAIT:-900}
limit=${BENCH_TIMEOUT:-300}
work=target/bench
mkdir -p "$work/out"
vars=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin
terms=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,depth,resection_margin
study_sizes=${BENCH_STUDY_SIZES:-100000 1000000}
export STUDYBOOK_COLUMN_CACHE="$root/$work/column-cache"

# generate N FILE: the seeded registry (not part of studybook; see the header)
generate() {
  java src/test/java/studybook/bench/RegistryGenerator.java --rows "$1" --seed "$seed" --out "$2"
}

log() { echo "bench: $*" >&2; }

# --- a timer that reports "wall_seconds peak_rss_kb exit_code" -----------------------------------
if [ ! -x /usr/bin/time ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing GNU time (apt-get install time)"
    apt-get install -y -qq time >/dev/null 2>&1 || log "apt-get failed; falling back to /proc"
  fi
fi
measure() { # measure OUTFILE CMD... ; prints "wall rss_kb rc cpu" (cpu = user + sys seconds, "-" if unknown)
  local out=$1; shift
  local rc=0
  if [ -x /usr/bin/time ]; then
    local tf; tf=$(mktemp)
    /usr/bin/time -v -o "$tf" timeout "$limit" "$@" >"$out" 2>"$out.err" || rc=$?
    local wall rss cpu
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tf")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$tf")
    rm -f "$tf"
    echo "$wall $rss $rc $cpu"
  else
    # VmHWM is the process's own high-water mark of resident memory; poll it until the process ends.
    local start end pid hwm=0 v
    start=$(date +%s.%N)
    timeout "$limit" "$@" >"$out" 2>"$out.err" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.02
    done
    wait "$pid" || rc=$?
    end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') $hwm $rc -"
  fi
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# repeat LABEL OUTFILE CMD... ; sets REPLY_WALL, REPLY_RSS_MB, or "n/a" when the command fails
repeat_timed() {
  local label=$1 out=$2; shift 2
  local walls=() cpus=() rss_max=0 r wall rss rc cpu
  for ((r = 1; r <= reps; r++)); do
    read -r wall rss rc cpu < <(measure "$out" "$@")
    if [ "$rc" = 124 ]; then
      log "$label stopped after ${limit}s"
      REPLY_WALL=timeout; REPLY_CPU=-; REPLY_RSS_MB=$((rss / 1024))
      return
    elif [ "$rc" != 0 ]; then
      log "$label failed (exit $rc): $(head -c 300 "$out.err" | tr '\n' ' ')"
      REPLY_WALL=n/a; REPLY_CPU=-; REPLY_RSS_MB=n/a
      return
    fi
    walls+=("$wall")
    cpus+=("$cpu")
    [ "$rss" -gt "$rss_max" ] && rss_max=$rss
  done
  REPLY_WALL=$(printf '%s\n' "${walls[@]}" | median)
  REPLY_CPU=$(printf '%s\n' "${cpus[@]}" | median)
  REPLY_RSS_MB=$((rss_max / 1024))
}

wait_for_quiet() {
  local waited=0 load
  while true; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$max_load" 'BEGIN {exit !(l < m)}'; then
      log "load average $load (< $max_load) after waiting ${waited}s"
      return
    fi
    if [ "$waited" -ge "$wait_s" ]; then
      log "WARNING: load average still $load after ${waited}s; timing anyway (figures are pessimistic)"
      return
    fi
    sleep 15
    waited=$((waited + 15))
  done
}

# --- build once, so no timed run pays for it ---------------------------------------------------------
./studybook --version >/dev/null
wait_for_quiet
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(java -version 2>&1 | head -n 1)"
echo "load average before timing: $load_before; reps per stage: $reps (median wall, max RSS); seed $seed"
[ -n "${STUDYBOOK_JAVA_OPTS:-}" ] && echo "STUDYBOOK_JAVA_OPTS: $STUDYBOOK_JAVA_OPTS"

repeat_timed "cold start" "$work/out/version.txt" ./studybook --version
echo "cold start (./studybook --version): ${REPLY_WALL} s, ${REPLY_RSS_MB} MB"
repeat_timed "study run" "$work/out/run.txt" ./studybook run
echo "study (./studybook run): ${REPLY_WALL} s, ${REPLY_RSS_MB} MB"
# every cell recomputed (issue 15's 1.5 s target; stage by stage: bench/study-run.sh)
repeat_timed "study run --no-cache" "$work/out/run-no-cache.txt" ./studybook run --no-cache
echo "study, every cell recomputed (./studybook run --no-cache): ${REPLY_WALL} s, ${REPLY_RSS_MB} MB"
echo

declare -A wall rss cpu
num() { [[ $1 =~ ^[0-9.]+$ ]]; }
add3() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || c !~ /^[0-9.]+$/) print "n/a"; else printf "%.2f", a+b+c}'; }
printf '%-8s %6s | %9s %9s %5s | %9s %5s | %9s %5s | %7s %7s %7s | %7s %9s %7s\n' rows gen_s describe1_s describe_s MB \
  logistic_s MB survival_s MB trio_s warm_s cpu_s R_s R_cpu_s R/trio
for n in "${sizes[@]}"; do
  file="$work/registry-v2-$n-seed$seed.csv"
  gen=cached
  if [ ! -f "$file" ]; then
    read -r gen _ rc _ < <(measure "$work/out/gen-$n.txt" generate "$n" "$file")
    [ "$rc" = 0 ] || { log "the registry generator failed: $(cat "$work/out/gen-$n.txt.err")"; exit 1; }
  fi
  # the first command on a new file parses it and fills the column cache (timed once, on its own)
  rm -rf "$STUDYBOOK_COLUMN_CACHE"
  read -r first_wall first_rss rc first_cpu < <(measure "$work/out/describe1-$n.json" ./studybook describe --data "$file" \
    --by recurrence --vars "$vars" --json --verbose)
  [ "$rc" = 0 ] || { log "describe $n failed: $(head -c 300 "$work/out/describe1-$n.json.err")"; first_wall=n/a; first_cpu=-; }
  log "describe $n, first run: $(grep -o 'column cache [^;]*' "$work/out/describe1-$n.json.err" | head -n 1)"
  repeat_timed "describe $n" "$work/out/describe-$n.json" ./studybook describe --data "$file" --by recurrence \
    --vars "$vars" --json
  wall[describe,$n]=$REPLY_WALL; rss[describe,$n]=$REPLY_RSS_MB; cpu[describe,$n]=$REPLY_CPU
  [ "$first_rss" -gt $((REPLY_RSS_MB * 1024)) ] 2>/dev/null && rss[describe,$n]=$((first_rss / 1024))
  repeat_timed "logistic $n" "$work/out/logistic-$n.json" ./studybook logistic --data "$file" \
    --outcome lvi --event positive --terms "$terms" --json
  wall[logistic,$n]=$REPLY_WALL; rss[logistic,$n]=$REPLY_RSS_MB; cpu[logistic,$n]=$REPLY_CPU
  repeat_timed "survival $n" "$work/out/survival-$n.json" ./studybook survival --data "$file" \
    --time followup_months --event recurrence --event-value yes --by lvi --json
  wall[survival,$n]=$REPLY_WALL; rss[survival,$n]=$REPLY_RSS_MB; cpu[survival,$n]=$REPLY_CPU
  wall[sum,$n]=$(add3 "$first_wall" "${wall[logistic,$n]}" "${wall[survival,$n]}")
  warm=$(add3 "${wall[describe,$n]}" "${wall[logistic,$n]}" "${wall[survival,$n]}")
  trio_cpu=$(add3 "$first_cpu" "${cpu[logistic,$n]}" "${cpu[survival,$n]}")
  r_wall=-; r_cpu=-; ratio=-
  if command -v Rscript >/dev/null 2>&1; then
    read -r r_wall _ rc r_cpu < <(measure "$work/out/r-$n.txt" Rscript bench/bench.R "$file")
    [ "$rc" = 0 ] || { log "bench.R failed: $(cat "$work/out/r-$n.txt.err")"; r_wall=n/a; }
    ratio=$(awk -v r="$r_wall" -v j="${wall[sum,$n]}" 'BEGIN {if (r !~ /^[0-9.]+$/ || j !~ /^[0-9.]+$/) print "n/a"; else printf "%.2f", j/r}')
  fi
  printf '%-8s %6s | %9s %9s %5s | %9s %5s | %9s %5s | %7s %7s %7s | %7s %9s %7s\n' "$n" "$gen" "$first_wall" \
    "${wall[describe,$n]}" "${rss[describe,$n]}" "${wall[logistic,$n]}" "${rss[logistic,$n]}" \
    "${wall[survival,$n]}" "${rss[survival,$n]}" "${wall[sum,$n]}" "$warm" "$trio_cpu" "$r_wall" "$r_cpu" "$ratio"
  echo "  (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
done
echo "R/trio is studybook's time over R's (target: at most 0.20); trio = describe (cache miss) + logistic + survival,"
echo "each a fresh JVM; warm = the three on a file already in the column cache; cpu = user + sys of the trio."

# Linear growth shows as a constant marginal cost per row between consecutive sizes.
echo
echo "marginal cost between sizes (seconds per 1,000,000 extra rows; constant = linear):"
prev=
for n in "${sizes[@]}"; do
  if [ -n "$prev" ]; then
    line=$(printf '%s -> %s:' "$prev" "$n")
    for s in describe logistic survival sum; do
      line+=$(awk -v s="$s" -v a="${wall[$s,$prev]}" -v b="${wall[$s,$n]}" -v n0="$prev" -v n1="$n" \
        'BEGIN {if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/) printf " %s n/a", s; else printf " %s %.2f", s, (b-a)/(n1-n0)*1e6}')
    done
    echo "  $line"
  fi
  prev=$n
done
for n in "${sizes[@]}"; do
  [ -f "$work/out/r-$n.txt" ] && echo "R $n rows: $(grep 'R stage' "$work/out/r-$n.txt")"
done
# Same numbers from both tools, as a sanity check of the benchmark itself (not a substitute for the tests).
if [ -x /usr/bin/python3 ]; then
  for n in "${sizes[@]}"; do
    [ -f "$work/out/r-$n.txt" ] && [ -s "$work/out/logistic-$n.json" ] && [ -s "$work/out/survival-$n.json" ] || continue
    /usr/bin/python3 - "$work/out/r-$n.txt" "$work/out/logistic-$n.json" "$work/out/survival-$n.json" "$n" <<'PY'
import json, re, sys
r = dict(re.findall(r"(\w+)=([-+.\deE]+)", next(l for l in open(sys.argv[1]) if l.startswith("R check"))))
lo, su = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
g2 = next(t["estimate"] for t in lo["terms"] if t["term"] == "grade=G2")
pairs = [("logistic loglik", lo["loglik"], r["logistic_loglik"]), ("coef grade=G2", g2, r["coef_g2"]),
         ("logrank chisq", su["logrank"]["chisq"], r["logrank_chisq"]),
         ("median follow-up (reverse KM)", su["followup"]["median_reverse_km"], r["median_followup_reverse"])]
worst = max(abs(a - float(b)) / max(abs(float(b)), 1e-300) for _, a, b in pairs)
print("check %s rows vs R: %s; worst relative difference %.1e: %s" % (sys.argv[4],
      ", ".join("%s %.12g/%s" % (k, a, b) for k, a, b in pairs), worst,
      "AGREE to 1e-9" if worst <= 1e-9 else "DISAGREE (more than 1e-9)"))
PY
  done
fi

# --- the whole study on the registry: a copy of the study (without its twin generator) and --data ----------
rm -rf "$work/study"
mkdir -p "$work/study/data"
cp -r study.properties analysis templates "$work/study/"
rm -rf "$work/study/analysis/twin"
cp data/codebook.csv "$work/study/data/"
for n in $study_sizes; do
  file="$work/registry-v2-$n-seed$seed.csv"
  [ -f "$file" ] || generate "$n" "$file" || { log "the registry generator failed"; exit 1; }
  wait_for_quiet
  read -r wall rss rc _ < <(measure "$work/out/study-$n.txt" ./studybook run --study "$work/study" --data "$file" \
    --out "out-$n" --no-cache)
  if [ "$rc" != 0 ]; then
    log "study on $n rows failed (exit $rc): $(head -c 300 "$work/out/study-$n.txt.err" | tr '\n' ' ')"
    continue
  fi
  echo
  echo "study on the $n-row registry (./studybook run --data, no cache, one cold run): ${wall} s, $((rss / 1024)) MB; stages (ms):"
  # The run logs one line per stage: compile, load data, each cell, render.
  sed -n 's/^studybook: \(compile\|load data\|computed\|render\) \(.*\) (\([0-9]*\) ms.*/\3 \1 \2/p' \
    "$work/out/study-$n.txt.err" | sed 's|'"$root"'/||' | awk '{printf "  %7d  %s\n", $1, substr($0, index($0, $2))}'
done
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
