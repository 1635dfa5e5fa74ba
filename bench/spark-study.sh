#!/usr/bin/env bash
# The rectal NET study (its analysis/, templates/, codebook and settings, as at the repository's root) on a registry
# of N rows, on both engines, each a cold run with every cell recomputed, timed with /usr/bin/time -v; then
# results.json compared (numbers to 1e-12, frame content hashes aside), and report.md and every figure byte for
# byte. The Spark run uses the -Pspark build through bench/spark.sh, master local[2].
# The cells named in NOT_YET_ON_SPARK (default: none; every cell of the default study runs on Spark)
# are left out of the copy on both engines, with the template lines and claims-cell parameter that read them, as
# SparkStudyRunTest.NOT_YET_ON_SPARK leaves them out; NOT_YET_ON_SPARK="" runs every cell.
#
#   bench/spark-study.sh 1000000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
n=${1:-1000000}
seed=${BENCH_SEED:-1}
not_yet=${NOT_YET_ON_SPARK-}
work=target/bench
study=$work/spark-study
registry=$work/registry-v2-$n-seed$seed.csv
[ -f "$registry" ] || java src/test/java/studybook/bench/RegistryGenerator.java --rows "$n" --seed "$seed" --out "$registry"
rm -rf "$study"
mkdir -p "$study"
cp -r analysis templates data study.properties "$study/"
python3 - "$study" $not_yet <<'PY'
import pathlib, re, sys
study = pathlib.Path(sys.argv[1])
cells = sys.argv[2:]
for cell in cells:
    found = False
    for java in sorted((study / "analysis").glob("*.java")):
        code = java.read_text()
        m = re.search(r"\n  @Cell\([^\n]*\)\n  public [\w.<>, ]+ " + cell + r"\(", code)
        if m:
            found = True
            code = code[:m.start()] + code[code.index("\n  }\n", m.end()) + 4:]
        code = re.sub(r",\s*[\w.<>]+\s+" + cell + r"(?=[,)])", "", code)
        code = re.sub(r"(?<=\()[\w.<>]+\s+" + cell + r",\s*", "", code)
        word = re.compile(r"\b" + cell + r"\b")
        code = "\n".join(l for l in code.splitlines()
                         if not (word.search(l) and l.strip().endswith(";") and not l.strip().startswith("import")))
        java.write_text(code + "\n")
    assert found, "the study has no cell " + cell
if cells:
    t = study / "templates/report.md.ftl"
    words = [re.compile(r"\b" + c + r"\b") for c in cells]
    lines = [re.sub(r"^### Table [0-9]+\.", "### Table #.", l) for l in t.read_text().splitlines()
             if not any(w.search(l) for w in words)]
    t.write_text("\n".join(lines) + "\n")
PY
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores; rows: $n; left out: ${not_yet:-none}"
/usr/bin/time -v ./studybook run --study "$study" --data "$registry" --out local --no-cache 2> "$work/spark-study-local.txt" >/dev/null \
  || { cat "$work/spark-study-local.txt" >&2; exit 1; }
/usr/bin/time -v bench/spark.sh run --study "$study" --data "$registry" --out spark --no-cache --engine spark --master 'local[2]' \
  2> "$work/spark-study-spark.txt" >/dev/null || { cat "$work/spark-study-spark.txt" >&2; exit 1; }
for e in local spark; do
  awk -v e=$e '/Elapsed \(wall/ {w=$NF} /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {m=$NF}
    END {printf "%s: wall %s, cpu %.1f s, peak %.0f MB\n", e, w, u+s, m/1024}' "$work/spark-study-$e.txt"
done
python3 - "$work" <<'PY'
import re, sys
t = {}
for e in ("local", "spark"):
    for m in re.finditer(r"computed (\w+) \((\d+) ms", open(sys.argv[1] + "/spark-study-%s.txt" % e).read()):
        t.setdefault(m.group(1), {})[e] = int(m.group(2))
print("cells, ms: " + ", ".join("%s %d | %d" % (c, v.get("local", -1), v.get("spark", -1)) for c, v in t.items()))
PY
python3 - "$study" <<'PY'
import json, os, re, sys
s = sys.argv[1]
a = json.load(open(s + "/local/results.json")); b = json.load(open(s + "/spark/results.json"))
off = []
def same(p, x, y):
    if isinstance(x, float) or isinstance(y, float):
        if not (x == y or abs(x - y) <= 1e-12 * max(abs(x), abs(y))):
            off.append("%s: %r vs %r (%.1e relative)" % (p, x, y, abs(x - y) / max(abs(x), abs(y))))
    elif isinstance(x, dict):
        assert list(x) == list(y), p
        for k in x:
            if not (k == "hash" and "columns" in x):
                same(p + "." + k, x[k], y[k])
    elif isinstance(x, list):
        assert len(x) == len(y), p
        for i, (u, v) in enumerate(zip(x, y)):
            same("%s[%d]" % (p, i), u, v)
    elif isinstance(x, str) and isinstance(y, str) and x != y:
        # text that quotes a number at full precision (a claim's reason): the same words, the numbers compared
        num = r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
        assert re.sub(num, "#", x) == re.sub(num, "#", y), (p, x, y)
        for u, v in zip(re.findall(num, x), re.findall(num, y)):
            same(p + "~", float(u), float(v))
    else:
        assert x == y, (p, x, y)
same("results", a, b)
files = ["report.md"] + ["figures/" + f for f in sorted(os.listdir(s + "/local/figures"))]
differ = [f for f in files if open(s + "/local/" + f, "rb").read() != open(s + "/spark/" + f, "rb").read()]
print("results.json: %s" % ("the same on both engines (numbers to 1e-12)" if not off else
      "%d numbers differ beyond 1e-12 relative:\n  " % len(off) + "\n  ".join(off)))
print("report.md and %d figures: %s" % (len(files) - 1, "byte for byte the same" if not differ else "differ: " + ", ".join(differ)))
sys.exit(1 if off or differ else 0)
PY
