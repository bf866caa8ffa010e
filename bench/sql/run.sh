#!/usr/bin/env bash
# SQL front-end benchmark: planning time cold (first query in a fresh JVM) and warm (median), and a
# warm batch query over a 10k-row Tablesaw table. Prints "<figure> <value> <unit>" lines.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -pl sql -am test-compile -DskipTests >&2
cp_file="$root/sql/target/bench.classpath"
mvn -B -q -pl sql -am dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
java -Xmx512m -XX:+UseSerialGC -cp "$root/sql/target/classes:$root/sql/target/test-classes:$root/streaming-core/target/classes:$(cat "$cp_file")" \
  dev.eddy.sql.bench.SqlPlanBench
java -Xmx1g -XX:+UseSerialGC -cp "$root/sql/target/classes:$root/sql/target/test-classes:$root/streaming-core/target/classes:$(cat "$cp_file")" \
  dev.eddy.sql.bench.SqlNexmarkBench
