#!/usr/bin/env bash
# Runs studybook from the Spark build with Spark on the class path, as spark-submit would but without a Spark
# installation (README, "Spark"): bench/spark.sh describe --data F --by G --engine spark --master local[2] --json
# It builds the Spark profile once (mvn -B -Pspark -DskipTests package: target/spark/studybook-spark.jar, which
# leaves out Spark and logging, as a cluster brings its own) and the class path of the dependencies from the local
# Maven repository (target/spark/classpath.txt: Spark's jars, and slf4j-nop so Spark's logging stays quiet), then
# runs the jar with the --add-opens that Spark 3.5 needs on JDK 17.
# STUDYBOOK_JAVA_OPTS adds JVM options (the driver's heap: -Xmx4g).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/spark/studybook-spark.jar"
cp_file="$root/target/spark/classpath.txt"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" "$root/src/spark" -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
  echo "studybook: building $jar ..." >&2
  (cd "$root" && mvn -B -q -Pspark -DskipTests package >&2)
fi
if [ ! -f "$cp_file" ] || [ "$root/pom.xml" -nt "$cp_file" ]; then
  (cd "$root" && mvn -B -q -Pspark dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2)
fi
opens="-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false"
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
  java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java $opens ${STUDYBOOK_JAVA_OPTS:-} -cp "$jar:$(cat "$cp_file")" studybook.cli.Main "$@"
