#!/usr/bin/env bash
# The Spark engine's tests (README, "Spark"): the -Pspark build (Spark 3.5, Scala 2.13, provided scope, built
# under target/spark so the default jar is untouched) and its tests on local[2] with a small registry: every
# ad-hoc command's JSON equals the local engine's, CSV and Parquet alike, and bad input is one clear error; a study
# run on Spark (SparkStudyRunTest) gives the local engine's results.json, tables and report.
# The first run downloads Spark and its dependencies from Maven Central (about 300 MB of jars); the tests take a few
# minutes on two cores. A run that finds no Spark test fails, so a filter cannot make it pass by running nothing.
#
#   .ci/spark-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B -Pspark test 2>&1 | tee "$log"
grep -Eq '^\[(INFO|WARNING)\] Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0$' "$log" \
  || { echo "spark-tests: no Spark test ran, or some failed or were skipped" >&2; exit 1; }
