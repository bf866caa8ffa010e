#!/usr/bin/env bash
# IO benchmarks: every part script in this folder, in order - files.sh (Parquet, CSV and JSON file sinks and
# sources on the same Nexmark bids), then jdbc.sh if present. Each prints "<figure> <value> <unit>" lines.
# Shared pieces: src/Bids.java (the bids) and src/Figures.java (timing and printing); build.sh compiles them with
# the connectors module's class path. Usage: bench/io/run.sh   (BENCH_ROWS=N changes the row count)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
for part in files jdbc; do
  if [ -x "$here/$part.sh" ]; then
    "$here/$part.sh"
  fi
done
