#!/usr/bin/env bash
# Engine benchmarks: builds bench/engine (Maven profile "bench") and runs it in one JVM with one core's worth of
# work (a single query thread; GC and JIT limited to one processor). Prints "<figure> <value> <unit>" lines.
# Usage: bench/engine/run.sh [quick]   (-Dbench.only=<figure prefix> in BENCH_JAVA_OPTS runs only matching figures)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# offline first (fast); online only if a dependency is missing from the local repository
if ! mvn -B -q -o -f "$root/pom.xml" -P bench -pl bench/engine -am package -DskipTests >"$log" 2>&1; then
  mvn -B -q -f "$root/pom.xml" -P bench -pl bench/engine -am package -DskipTests >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
# BENCH_JAVA_OPTS: extra JVM flags, e.g. a JFR recording when looking for where the time goes
exec java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms3g -Xmx3g -XX:+AlwaysPreTouch \
  -cp "$cp" dev.eddy.bench.engine.EngineBench "$@"
