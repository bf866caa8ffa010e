#!/usr/bin/env bash
# Parquet write and read (rows/s, bytes/row) beside the CSV and JSON file sink and source, on the same Nexmark
# bids, on one core (one thread; GC and JIT limited to one processor). Prints "<figure> <value> <unit>".
# Usage: bench/io/files.sh   (BENCH_ROWS=N rows, default 1000000)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp="$("$here/build.sh")"
exec java ${BENCH_JAVA_OPTS:-} -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -Xms2g -Xmx2g \
  -cp "$cp" FilesBench "${BENCH_ROWS:-1000000}"
