#!/usr/bin/env bash
# Compiles connectors (and what it needs) and bench/io/src/*.java; prints the class path to run them with.
# Usage: cp="$(bench/io/build.sh)"
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/target"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mkdir -p "$out/classes"
# offline first (fast); online only if a dependency is missing from the local repository. The reactor (-am) resolves
# Eddy's own modules to their target/classes; each module writes its class path to its own target/.
args=(-B -q -f "$root/pom.xml" -pl connectors -am test-compile dependency:build-classpath -Dmdep.includeScope=runtime
  -Dmdep.outputFile=target/io-classpath.txt)
if ! mvn -o "${args[@]}" >"$log" 2>&1; then
  mvn "${args[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
cp="$root/connectors/target/classes:$(cat "$root/connectors/target/io-classpath.txt")"
# JdbcBench needs connectors' test classes (the PostgreSQL fixture): jdbc.sh compiles it with its own class path
srcs=(); for f in "$here"/src/*.java; do [ "$(basename "$f")" = JdbcBench.java ] || srcs+=("$f"); done
javac -d "$out/classes" -cp "$cp" "${srcs[@]}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
echo "$out/classes:$cp"
