#!/usr/bin/env bash
# JDBC sink throughput on a local PostgreSQL (Debian's postgresql; a throw-away cluster under bench/io/target/, as in
# the tests): append mode (COPY in each batch's transaction with its progress row) beside PostgreSQL's own COPY of the
# same rows, and update-mode upserts. Prints "<figure> <value> <unit>".
# Usage: bench/io/jdbc.sh   (-Drows=N -DbatchRows=M in BENCH_JAVA_OPTS change the load; default 400000 rows in 4 batches)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mkdir -p "$out/classes"
# connectors with its test classes (the LocalPostgres fixture) and its test class path, in one reactor run (the sibling
# modules resolve to their target/ directories; nothing is installed). Offline first, online if something is missing.
build() { mvn -B -q "$@" -f "$root/pom.xml" -pl connectors -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >"$log" 2>&1; }
build -o || build || { cat "$log" >&2; exit 1; }
cp="$root/connectors/target/classes:$root/connectors/target/test-classes:$(cat "$out/classpath.txt")"
javac -d "$out/classes" -cp "$cp" "$here/src/JdbcBench.java" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
# the cluster lives in $out/postgres (LocalPostgres uses ./target/postgres)
cd "$here"
java ${BENCH_JAVA_OPTS:-} -XX:+UseSerialGC -Xmx1g -cp "$out/classes:$cp" JdbcBench
