#!/usr/bin/env bash
# Runs Eddy's benchmarks and prints one line per figure: "<figure> <value> <unit>".
# Usage: bench/run.sh [NAME...]   (NAME is a folder under bench/ holding a run.sh; all of them by default)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for d in "$here"/*/; do [ -x "$d/run.sh" ] && names+=("$(basename "$d")"); done
fi
for n in "${names[@]}"; do
  if [ ! -x "$here/$n/run.sh" ]; then echo "bench: no benchmark named '$n' (expected bench/$n/run.sh)" >&2; exit 2; fi
  "$here/$n/run.sh"
done
