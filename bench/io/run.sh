#!/usr/bin/env bash
# I/O benchmarks (bench/run.sh io): each of bench/io/files.sh (Parquet and the CSV/JSON file sink and source) and
# bench/io/jdbc.sh (the JDBC sink on a local PostgreSQL) that is present. Prints "<figure> <value> <unit>".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ran=0
for b in files jdbc; do
  if [ -x "$here/$b.sh" ]; then
    "$here/$b.sh"
    ran=1
  fi
done
[ "$ran" -eq 1 ] || { echo "bench/io: no benchmark scripts found" >&2; exit 2; }
