#!/usr/bin/env bash
# Ingest end to end: 5 M JSON bids through a 10 s tumbling count+sum per (window, auction), 5 s watermark, update
# mode, 10 batches of 500,000, a discard (checksum) sink; from a real Kafka broker, JSON-lines files, the embedded
# topic and pre-built batches, next to a bare KafkaConsumer loop and Spark 4.2 local[2] on the same broker and files.
# Median of INGEST_RUNS fresh JVMs (default 3). Prints "<figure> <value> <unit>" lines and the ratios.
# Usage: bench/ingest/run.sh   (INGEST_RUNS=1 for a quick run; INGEST_SPARK=0 skips Spark; INGEST_PATHS=kafka_json,...)
#        INGEST_SPARK=0 bench/ingest/run.sh kafka_probe   (bytes per record of ways to read a topic: README)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
build() {
  if ! mvn -B -q -o -f "$root/pom.xml" -P bench -pl "$1" -am package -DskipTests >"$log" 2>&1; then
    mvn -B -q -f "$root/pom.xml" -P bench -pl "$1" -am package -DskipTests >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  fi
}
build bench/ingest
if [ "${INGEST_SPARK:-1}" != "0" ]; then
  build bench/ingest/spark
  export SPARK_CP="$here/spark/target/classes:$(cat "$here/spark/target/classpath.txt")"
fi
cd "$here"
exec java -Xmx512m -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" dev.eddy.bench.ingest.Ingest "$@"
