#!/usr/bin/env bash
# Eddy on Spark: the same windowed query on the embedded engine and on a local Spark Connect 4.2.0 server in
# local[2] (started here from Maven Central's artifacts, as engine-spark's tests start it), side by side: per-batch
# latency and throughput; then, through the installed kernel (with the Spark engine in engines/) and jupyter_client,
# the time from a %%sql cell to its first rows on screen on each engine. Prints "<figure> <value> <unit>".
# Usage: bench/spark/run.sh   (BENCH_JAVA_OPTS="-Dfiles=N -Drows=M -Druns=K" change the load)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
log="$(mktemp)"
tmp="$(mktemp -d)"
trap 'rm -rf "$log" "$tmp"' EXIT
mkdir -p "$out/classes"
# the kernel jar, engine-spark's engines/ and test classes, the test server's classpath; and the test class path
# (the reactor writes each module's classpath to the same file: engine-spark, the last module, writes it last)
# (BENCH_SKIP_BUILD=1 reuses what an earlier run built)
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -s "$out/classpath.txt" ]; then
  (cd "$root" && mvn -B -q -ntp -pl engine-spark -am package -DskipTests \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt") >"$log" 2>&1 \
    || { cat "$log" >&2; exit 1; }
fi
# a copy of what the run uses, so a build in the same tree meanwhile cannot pull classes from under it
snap="$tmp/snapshot"
mkdir -p "$snap"
cp -r "$root/engine-spark/target/classes" "$snap/classes"
cp -r "$root/engine-spark/target/test-classes" "$snap/test-classes"
cp -r "$root/engine-spark/target/engines" "$snap/engines"
cp "$root/kernel/target/eddy-kernel.jar" "$snap/eddy-kernel.jar"
cp "$root/engine-spark/spark-server/target/spark-server.classpath" "$snap/spark-server.classpath"
deps=()
IFS=: read -r -a entries < "$out/classpath.txt" || true  # no newline at its end
for e in "${entries[@]}"; do
  case "$e" in
    "$root"/*.jar) cp "$e" "$snap/" && deps+=("$snap/$(basename "$e")") ;;  # Eddy's modules, built here
    "$root"/*) ;;                                                         # reactor-order poms
    *) deps+=("$e") ;;
  esac
done
cp="$snap/classes:$snap/test-classes:$(IFS=:; echo "${deps[*]}")"
javac -d "$out/classes" -cp "$cp" "$here/src/SparkBench.java" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
"$root/install/kernelspec.sh" install --prefix "$tmp" --jar "$snap/eddy-kernel.jar" \
  --engines "$snap/engines" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
export JUPYTER_PATH="$tmp/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_DATA_DIR="$tmp/data"
java ${BENCH_JAVA_OPTS:-} -Xmx1g -XX:+UseSerialGC \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -Deddy.spark.server.classpath="$snap/spark-server.classpath" \
  -Dbench.py="$here/bench.py" -cp "$out/classes:$cp" SparkBench 2>"$log" || { cat "$log" >&2; exit 1; }
