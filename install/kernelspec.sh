#!/usr/bin/env bash
# Registers (or removes) the Eddy kernelspec "eddy" with Jupyter. Idempotent: installing again replaces it.
#
# Usage: install/kernelspec.sh [install|uninstall] [--user | --sys-prefix | --prefix DIR] [--jar PATH] [--java PATH]
#   --user        per-user install (default): $JUPYTER_DATA_DIR or ~/.local/share/jupyter
#   --sys-prefix  into the prefix of the Python that runs Jupyter (e.g. /usr for Debian's jupyter)
#   --prefix DIR  into DIR/share/jupyter (Jupyter finds it when DIR/share/jupyter is on JUPYTER_PATH)
#   --jar PATH    the shaded kernel jar (default: kernel/target/eddy-kernel.jar); it is copied next to kernel.json
#   --java PATH   the java of a JDK 17 or newer with jdk.jshell (default: $JAVA_HOME/bin/java, else the java on
#                 PATH, resolved to an absolute path); its version shows in the name, e.g. "Java (Eddy, JDK 25)"
#   --engines DIR jars of remote engines (engine-spark) copied to engines/ next to the kernel jar
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
action=install
scope=user
prefix=""
jar="$root/kernel/target/eddy-kernel.jar"
java_bin=""
engines_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    install|uninstall) action="$1" ;;
    --user) scope=user ;;
    --sys-prefix) scope=sys-prefix ;;
    --prefix) scope=prefix; prefix="${2:?--prefix needs a directory}"; shift ;;
    --jar) jar="${2:?--jar needs a path}"; shift ;;
    --java) java_bin="${2:?--java needs a path}"; shift ;;
    --engines) engines_dir="${2:?--engines needs a directory}"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "kernelspec: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

case "$scope" in
  user) data_dir="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}" ;;
  sys-prefix)
    py=/usr/bin/python3; command -v jupyter >/dev/null && py="$(head -1 "$(command -v jupyter)" | sed 's/^#!//; s/ .*//')"
    data_dir="$("$py" -c 'import sys; print(sys.prefix)')/share/jupyter" ;;
  prefix) data_dir="$prefix/share/jupyter" ;;
esac
kernel_dir="$data_dir/kernels/eddy"

if [ "$action" = uninstall ]; then
  if [ -d "$kernel_dir" ]; then rm -rf "$kernel_dir"; echo "kernelspec: removed $kernel_dir"
  else echo "kernelspec: nothing to remove at $kernel_dir"; fi
  exit 0
fi

if [ ! -f "$jar" ]; then
  echo "kernelspec: no kernel jar at $jar; build it first: mvn -B -pl kernel -am package -DskipTests" >&2
  exit 1
fi
if [ -z "$java_bin" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin="$JAVA_HOME/bin/java"
  else java_bin="$(command -v java || true)"; fi
fi
if [ -z "$java_bin" ]; then
  echo "kernelspec: no java found. Install a JDK 17 or newer (Debian: sudo apt-get install openjdk-17-jdk-headless)." >&2
  exit 1
fi
java_bin="$(readlink -f "$java_bin" || true)"
if [ -z "$java_bin" ] || [ ! -x "$java_bin" ]; then
  echo "kernelspec: java not found or not executable: ${java_bin:-(none)}" >&2
  exit 1
fi
if ! "$java_bin" --list-modules 2>/dev/null | grep -q '^jdk.jshell@'; then
  echo "kernelspec: $java_bin has no jdk.jshell module (it is a JRE, not a full JDK)." >&2
  echo "  Install a full JDK 17 or newer (Debian: sudo apt-get install openjdk-17-jdk-headless) and pass --java /path/to/bin/java." >&2
  exit 1
fi
feature="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if ! [ "${feature%%.*}" -ge 17 ] 2>/dev/null; then
  echo "kernelspec: $java_bin is Java $feature; Eddy needs Java 17 or newer." >&2
  exit 1
fi

mkdir -p "$kernel_dir"
cp -f "$jar" "$kernel_dir/eddy-kernel.jar"
if [ -n "$engines_dir" ]; then
  # remote engines (engine-spark): the kernel looks for them in engines/ next to its jar
  rm -rf "$kernel_dir/engines" && mkdir -p "$kernel_dir/engines" && cp -f "$engines_dir"/*.jar "$kernel_dir/engines/"
fi
rm -f "$kernel_dir/eddy.jsa"
# Flags: a modest heap; SerialGC starts fastest on small machines (measured: bench/kernel; ParallelGC was no better
# on 2 shared cores); a 96 MB young generation: an idle kernel keeps every page its eden ever touched, and 256 MB
# (no young collection before the first cell) cost 80 MB more resident memory per kernel (bench/kernel's
# kernel.idle_rss.mb, 385 -> 305 MB) while a collection still fell before the first cell (-Xlog:gc); -Xss for
# deep recursion in cells; headless AWT for images. No security manager: cells are stopped
# and kept from exiting by rewriting their bytecode, which works on every JDK from 17 on.
flags=(-Xmx1g -Xmn96m -Xss4m -XX:+UseSerialGC -Djava.awt.headless=true)
# JDK 24+ warns on stderr when a library (ClassGraph, via the engine's dependencies) calls sun.misc.Unsafe; the
# option that allows it exists from JDK 23 on and is an error before.
if [ "${feature%%.*}" -ge 23 ]; then flags+=(--sun-misc-unsafe-memory-access=allow); fi
# Class-data sharing: a short training run records the classes a kernel start loads (JShell, javac, Jackson...)
# into an archive next to the jar; measured about 40% off start-up and first-cell time. -Xshare:auto makes the
# JVM ignore the archive safely if it no longer matches (e.g. after a JDK update); reinstall to refresh it.
cds_flags=()
if "$java_bin" "${flags[@]}" -XX:ArchiveClassesAtExit="$kernel_dir/eddy.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
     -jar "$kernel_dir/eddy-kernel.jar" --cds-training >/dev/null 2>&1 && [ -s "$kernel_dir/eddy.jsa" ]; then
  cds_flags=("-XX:SharedArchiveFile=$kernel_dir/eddy.jsa")
else
  echo "kernelspec: could not create the class-data-sharing archive; the kernel works, it only starts slower" >&2
  rm -f "$kernel_dir/eddy.jsa"
fi
argv=("$java_bin" "${flags[@]}" "${cds_flags[@]}" -Xshare:auto -jar "$kernel_dir/eddy-kernel.jar" "{connection_file}")
json_argv="$(printf '"%s", ' "${argv[@]}")"
cat > "$kernel_dir/kernel.json" <<JSON
{
  "argv": [${json_argv%, }],
  "display_name": "Java (Eddy, JDK ${feature%%.*})",
  "language": "java",
  "interrupt_mode": "message",
  "env": {},
  "metadata": {"debugger": false}
}
JSON
echo "kernelspec: installed Eddy kernel 'eddy' in $kernel_dir (java: $java_bin)"
