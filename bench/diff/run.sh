#!/usr/bin/env bash
# The differential tests against real Spark 4.2.0 with larger counts than the test run's seeded subset: batch SQL
# queries (SparkBatchDifferentialIT) and streaming windowed queries batch by batch (SparkStreamDifferentialIT).
# Prints "<figure> <value> <unit>" lines; the mismatch reports (seed, minimal query) are in
# sql/target/diff-batch-report.txt and sql/target/diff-stream-report.txt.
# Usage: bench/diff/run.sh [BATCH_COUNT [STREAM_COUNT [SEED]]]   (defaults 3000 1000 and the tests' seed; the test run has 300 and 200)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
batch="${1:-3000}"
stream="${2:-1000}"
seed_opt=()
[ -n "${3:-}" ] && seed_opt=("-Deddy.diff.seed=$3")
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
start=$(date +%s)
status=0
mvn -B -q -ntp -pl sql -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='Spark*DifferentialIT' -Dfailsafe.failIfNoSpecifiedTests=false \
  -Deddy.diff.batch="$batch" -Deddy.diff.stream="$stream" "${seed_opt[@]}" >"$log" 2>&1 || status=$?
end=$(date +%s)
for f in sql/target/diff-batch-report.txt sql/target/diff-stream-report.txt; do
  [ -f "$f" ] && head -1 "$f" >&2
done
mism() { [ -f "$1" ] && sed -n 's/.* \([0-9][0-9]*\) mismatches.*/\1/p' "$1" | head -1 || echo "n/a"; }
echo "diff_batch_queries $batch count"
echo "diff_batch_mismatches $(mism sql/target/diff-batch-report.txt) count"
echo "diff_stream_queries $stream count"
echo "diff_stream_mismatches $(mism sql/target/diff-stream-report.txt) count"
echo "diff_wall_time $((end - start)) s"
if [ "$status" -ne 0 ]; then tail -40 "$log" >&2; exit "$status"; fi
