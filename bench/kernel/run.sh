#!/usr/bin/env bash
# Kernel benchmark, for Eddy and for Debian's python3-ipykernel in the same run, measured with Debian's
# jupyter_client as a client sees it: start (start_new_kernel until wait_for_ready returns), first kernel_info
# reply, kernel_info and `1 + 1` round trips (medians), the first cell, and the idle kernel's resident memory.
# Prints "<figure> <value> <unit>" (see bench.py). Builds the shaded kernel jar if it is missing; installs the
# kernelspec (its flags and class-data archive) into a temporary Jupyter path.
# EDDY_BENCH_JAVA=/path/to/bin/java measures the kernel on another JDK (default: the java that install uses).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/kernel/target/eddy-kernel.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -ntp -pl kernel -am package -DskipTests) >&2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java_args=()
if [ -n "${EDDY_BENCH_JAVA:-}" ]; then java_args=(--java "$EDDY_BENCH_JAVA"); fi
"$root/install/kernelspec.sh" install --prefix "$tmp" --jar "$jar" "${java_args[@]}" >&2
export JUPYTER_PATH="$tmp/share/jupyter" JUPYTER_RUNTIME_DIR="$tmp/runtime" JUPYTER_DATA_DIR="$tmp/data"
/usr/bin/python3 "$root/bench/kernel/bench.py" eddy 2> "$tmp/kernel-stderr.log" || { cat "$tmp/kernel-stderr.log" >&2; exit 1; }
