#!/usr/bin/env bash
# Table 3 of the rectal NET study (analysis/Outcomes.java's table3 cell, extracted unchanged, with the study's
# Cohort.java and codebook) on both engines: the cell's own time as the run reports it ("computed table3 (N ms)"),
# and the run's wall and CPU time. The Spark run uses the -Pspark build through bench/spark.sh, master local[2].
#
#   bench/spark-table3.sh data/rectal_net_twin.csv        # the twin: Firth with profile limits is fitted
#   bench/spark-table3.sh 1000000                         # a generated registry of N rows (RegistryGenerator, seed 1)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=target/bench
mkdir -p "$work"
if [ -f "${1:-}" ]; then
  registry=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
  n=${1:-100000}
  registry=$root/$work/registry-v2-$n-seed1.csv
  [ -f "$registry" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed 1 --out "$registry"
fi
study=$work/spark-table3
rm -rf "$study"
mkdir -p "$study/analysis" "$study/templates" "$study/data"
cp analysis/Cohort.java "$study/analysis/"
cp data/codebook.csv "$study/data/"
python3 - analysis/Outcomes.java "$study/analysis/Outcomes.java" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
consts = "".join(re.search(r"(?s)  static final List<String> %s = .*?;\n" % c, src).group(0) for c in ("MODEL", "CANDIDATES"))
def cell(sig):
    at = src.index(sig)
    start = src.rindex("  @Cell(", 0, at)
    return src[start:src.index("\n  }\n", at) + 5]
open(sys.argv[2], "w").write("""import static studybook.data.Condition.is;

import java.util.List;
import studybook.data.Frame;
import studybook.kernel.Cell;
import studybook.tables.RegressionTable;

public class Outcomes {
""" + consts + "\n" + cell("public Frame nonCurative(") + "\n" + cell("public RegressionTable table3(") + "}\n")
PY
printf '# ${study.title}\n\n<@table table3/>\n' > "$study/templates/report.md.ftl"
printf 'title=Table 3\ndata=data/registry.csv\ncodebook=data/codebook.csv\nseed=4911\nstyle.or_decimals=3\nstyle.p_decimals=3\n' \
  > "$study/study.properties"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; $(basename "$registry")"
for e in local spark; do
  if [ $e = local ]; then
    cmd=(./studybook run --study "$study" --data "$registry" --out local --no-cache)
  else
    cmd=(bench/spark.sh run --study "$study" --data "$registry" --out spark --no-cache --engine spark --master 'local[2]')
  fi
  /usr/bin/time -v "${cmd[@]}" > "$work/spark-table3-$e.out" 2> "$work/spark-table3-$e.txt" \
    || { cat "$work/spark-table3-$e.txt" >&2; exit 1; }
  cell=$(grep -o 'computed table3 ([0-9]* ms' "$work/spark-table3-$e.txt" | grep -o '[0-9]* ms')
  awk -v e=$e -v c="$cell" '/Elapsed \(wall/ {w=$NF} /User time/ {u=$NF} /System time/ {s=$NF}
    END {printf "%s: table3 cell %s; run wall %s, cpu %.1f s\n", e, c, w, u+s}' "$work/spark-table3-$e.txt"
done
cmp "$study/local/report.md" "$study/spark/report.md" && echo "report.md: the same on both engines"
