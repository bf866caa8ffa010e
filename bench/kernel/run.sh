#!/usr/bin/env bash
# Kernel benchmark: start-up to first kernel_info_reply, kernel_info and `1 + 1` round trips (medians), and the
# first cell's latency, for Eddy and for Debian's python3-ipykernel in the same run. Prints "<figure> <value> <unit>".
# Builds the shaded kernel jar if it is missing; installs the kernelspec into a temporary Jupyter path.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/kernel/target/eddy-kernel.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp -pl kernel -am package -DskipTests) >&2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/install/kernelspec.sh" install --prefix "$tmp" --jar "$jar" >&2
export JUPYTER_PATH="$tmp/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_DATA_DIR="$tmp/data"
/usr/bin/python3 "$root/bench/kernel/bench.py" eddy 2> "$tmp/kernel-stderr.log" || { cat "$tmp/kernel-stderr.log" >&2; exit 1; }
