#!/usr/bin/env bash
# Live-view benchmark: event-to-screen latency of a %%sql live view at a 100 ms trigger (time from producing a
# record to the update_display_data carrying it, via jupyter_client) and the IOPub update rate with 20 queries.
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
# LIVE_READAHEAD=both (default) first runs the same kernel with read-ahead off (-Deddy.readAhead=false, main's
# strictly serial batches; figures live.readahead_off.*), then as shipped; LIVE_READAHEAD=on skips the first run.
if [ "${LIVE_READAHEAD:-both}" != "on" ]; then
  JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Deddy.readAhead=false" \
    /usr/bin/python3 "$root/bench/live/bench.py" 2> "$tmp/kernel-stderr.log" \
    | sed -u 's/^live\./live.readahead_off./' || { cat "$tmp/kernel-stderr.log" >&2; exit 1; }
fi
/usr/bin/python3 "$root/bench/live/bench.py" 2> "$tmp/kernel-stderr.log" || { cat "$tmp/kernel-stderr.log" >&2; exit 1; }
