#!/usr/bin/env bash
# The ad-hoc trio against R, in the same run, as a user runs it: bench/trio.sh FILE [REPS]
# Each rep runs, each a fresh process through the ./studybook launcher (its flags, its class-data
# archive): describe (9 variables by recurrence), logistic (lvi = positive on 9 terms), survival
# (recurrence = yes by lvi), then `Rscript bench/bench.R FILE` (data.table::fread + glm + survival).
# It prints wall and CPU (user + sys) per command and per trio with the load average, and the ratio
# of our CPU and wall to R's; CPU is the steadier figure on a shared machine.
# The column cache is a temporary folder: rep 0 (untimed unless TRIO_MISS=1 prints it) is the describe
# that parses the file and fills it, so the timed reps are the trio on a file parsed before (a second
# look at the same data, which is what the cache is for). The answers of the last rep are left in
# $TRIO_OUT (default target/bench/trio) for byte comparison and checked against R to 1e-9 (python3).
# Environment: STUDYBOOK (the launcher, default ./studybook), STUDYBOOK_JAVA_OPTS, TRIO_OUT, TRIO_MISS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file=$1 reps=${2:-3}
launcher=${STUDYBOOK:-$root/studybook}
out=${TRIO_OUT:-$root/target/bench/trio}
mkdir -p "$out"
vars=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin
terms=age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,depth,resection_margin
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export STUDYBOOK_COLUMN_CACHE=$cache
"$launcher" --version >/dev/null # builds the jar and records the archive outside the timing
timed() { # LABEL OUTFILE CMD... ; prints "label wall cpu rss load" and sets T_WALL T_CPU
  local label=$1 o=$2 tf; shift 2
  tf=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$o" 2>"$o.err" || { echo "$label failed: $(head -c 300 "$o.err")" >&2; exit 1; }
  read -r T_WALL u s rss <"$tf"
  rm -f "$tf"
  T_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')
  printf '  %-9s %6.2f s wall %6.2f s cpu %5d MB | load %s\n' "$label" "$T_WALL" "$T_CPU" $((rss / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1); file $file ($(stat -c %s "$file") bytes)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed "describe (cache miss)" "$out/describe-miss.json" "$launcher" describe --data "$file" --by recurrence --vars "$vars" --json
[ "${TRIO_MISS:-0}" = 1 ] && echo "  (the miss above parses the file and stores its columns)"
for ((r = 1; r <= reps; r++)); do
  echo "rep $r"
  timed describe "$out/describe.json" "$launcher" describe --data "$file" --by recurrence --vars "$vars" --json
  w=$T_WALL c=$T_CPU
  timed logistic "$out/logistic.json" "$launcher" logistic --data "$file" --outcome lvi --event positive --terms "$terms" --json
  w=$(awk -v a="$w" -v b="$T_WALL" 'BEGIN {print a + b}'); c=$(awk -v a="$c" -v b="$T_CPU" 'BEGIN {print a + b}')
  timed survival "$out/survival.json" "$launcher" survival --data "$file" --time followup_months --event recurrence \
    --event-value yes --by lvi --json
  w=$(awk -v a="$w" -v b="$T_WALL" 'BEGIN {print a + b}'); c=$(awk -v a="$c" -v b="$T_CPU" 'BEGIN {print a + b}')
  timed R "$out/r.txt" Rscript "$root/bench/bench.R" "$file"
  printf '  trio %.2f s wall %.2f s cpu; R %.2f s wall %.2f s cpu (%s); ratio wall %.2f cpu %.2f\n' "$w" "$c" "$T_WALL" \
    "$T_CPU" "$(grep -o 'total=[0-9.]*' "$out/r.txt")" "$(awk -v a="$w" -v b="$T_WALL" 'BEGIN {print a / b}')" \
    "$(awk -v a="$c" -v b="$T_CPU" 'BEGIN {print a / b}')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v python3 >/dev/null 2>&1; then
  python3 - "$out/r.txt" "$out/logistic.json" "$out/survival.json" <<'PY'
import json, re, sys
r = dict(re.findall(r"(\w+)=([-+.\deE]+)", next(l for l in open(sys.argv[1]) if l.startswith("R check"))))
lo, su = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
g2 = next(t["estimate"] for t in lo["terms"] if t["term"] == "grade=G2")
pairs = [("logistic loglik", lo["loglik"], r["logistic_loglik"]), ("coef grade=G2", g2, r["coef_g2"]),
         ("logrank chisq", su["logrank"]["chisq"], r["logrank_chisq"]),
         ("median follow-up (reverse KM)", su["followup"]["median_reverse_km"], r["median_followup_reverse"])]
worst = max(abs(a - float(b)) / max(abs(float(b)), 1e-300) for _, a, b in pairs)
print("check vs R: %s; worst relative difference %.1e: %s" % (
      ", ".join("%s %.12g/%s" % (k, a, b) for k, a, b in pairs), worst,
      "AGREE to 1e-9" if worst <= 1e-9 else "DISAGREE (more than 1e-9)"))
PY
fi
