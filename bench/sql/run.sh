#!/usr/bin/env bash
# SQL front-end benchmark: planning time cold (first query in a fresh JVM) and warm (median), a warm batch query
# over a 10k-row Tablesaw table, and Nexmark queries written in SQL against the same queries built with the Java
# API (module bench/sql, Maven profile "bench"). Prints "<figure> <value> <unit>" lines.
# Then batch SQL over the same rows as a CSV table and a Parquet table (TableScanBench).
# Usage: bench/sql/run.sh [explain|tables|dates]   (explain: print both sides' engine plans instead of timing; tables:
# the table scans only; dates: collecting a batch DATE result against an INT one only (DateResultBench);
# -Dbench.only=<query prefix> in BENCH_JAVA_OPTS runs only matching Nexmark queries)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# offline first (fast); online only if a dependency is missing from the local repository
if ! mvn -B -q -o -P bench -pl bench/sql -am package -DskipTests >"$log" 2>&1; then
  mvn -B -q -P bench -pl bench/sql -am package -DskipTests >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
if [ "${1:-}" = tables ]; then
  exec java ${BENCH_JAVA_OPTS:-} -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$cp" dev.eddy.bench.sql.TableScanBench
fi
if [ "${1:-}" = dates ]; then
  exec java ${BENCH_JAVA_OPTS:-} -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$cp" dev.eddy.bench.sql.DateResultBench
fi
if [ "${1:-}" != explain ]; then
  # -am: build sql against this tree's streaming-core, never a stale one in ~/.m2
  mvn -B -q -o -pl sql -am test-compile -DskipTests >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  java -Xmx512m -XX:+UseSerialGC -cp "$root/sql/target/test-classes:$cp" dev.eddy.sql.bench.SqlPlanBench
fi
if [ "${1:-}" != explain ]; then
  # batch SQL over a CSV and a Parquet file table (the file is read on every query)
  java ${BENCH_JAVA_OPTS:-} -XX:+UseSerialGC -Xms2g -Xmx2g -cp "$cp" dev.eddy.bench.sql.TableScanBench
fi
# one processor's worth of work, as in bench/engine: the query runs on one thread
exec java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms2g -Xmx2g \
  -cp "$cp" dev.eddy.bench.sql.SqlVsJavaBench "$@"
