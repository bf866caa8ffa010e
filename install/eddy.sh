#!/usr/bin/env bash
# One command to try Eddy: installs JupyterLab 4 if no JupyterLab 4 is found (install/jupyterlab.sh: a Python venv
# in ~/.local/share/eddy/venv, or $EDDY_VENV), builds the kernel, registers the "eddy" kernelspec and starts
# JupyterLab on notebooks/, on 127.0.0.1 only.
#
# Usage: install/eddy.sh [--no-start] [--skip-build] [--with-spark] [--user | --sys-prefix | --prefix DIR] [--uninstall]
#   --no-start    install only; do not start JupyterLab (used by tests and Docker builds)
#   --skip-build  reuse kernel/target/eddy-kernel.jar instead of running Maven
#   --with-spark  also build the Spark engine (%engine connect spark sc://...) and install it next to the kernel
#   --user, --sys-prefix, --prefix DIR   where the kernelspec goes (default --user; see install/kernelspec.sh)
#   --uninstall   remove the kernelspec again (from the location chosen by the scope flags)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
start=1
build=1
scope=(--user)
uninstall=0
spark=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-start) start=0 ;;
    --skip-build) build=0 ;;
    --with-spark) spark=1 ;;
    --user|--sys-prefix) scope=("$1") ;;
    --prefix) scope=(--prefix "${2:?--prefix needs a directory}"); shift ;;
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "eddy: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$uninstall" -eq 1 ]; then
  exec "$root/install/kernelspec.sh" uninstall "${scope[@]}"
fi

if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "eddy: Java 17 (JDK) and Maven are needed to build. Debian: sudo apt-get install openjdk-17-jdk-headless maven" >&2
  exit 1
fi

# JupyterLab: Eddy's venv (install/jupyterlab.sh) once it exists; else a JupyterLab 4 already on PATH (older ones
# cannot draw Vega-Lite v5 charts); else a new venv.
venv="$("$root/install/jupyterlab.sh" path)"
jupyter="$venv/bin/jupyter"
if [ ! -f "$venv/pyvenv.cfg" ]; then
  on_path="$(command -v jupyter || true)"
  v="$( [ -n "$on_path" ] && "$on_path" lab --version 2>/dev/null | tail -n 1 || true)"
  if [ -n "$v" ] && [ "${v%%.*}" -ge 4 ] 2>/dev/null; then
    jupyter="$on_path"
    echo "eddy: JupyterLab $v in $(dirname "$on_path")"
  fi
fi
if [ "$jupyter" = "$venv/bin/jupyter" ]; then "$root/install/jupyterlab.sh" install; fi

if [ "$build" -eq 1 ]; then
  echo "eddy: building the kernel (mvn package, tests skipped; install/test-all.sh runs them)"
  # Maven's own output (code generators' chatter, colour codes) goes to a log shown only when the build fails.
  log="$(mktemp "${TMPDIR:-/tmp}/eddy-build.XXXXXX.log")"
  if ! (cd "$root" && mvn -B -q -ntp -Dstyle.color=never -pl kernel -am package -DskipTests) >"$log" 2>&1; then
    echo "eddy: the build failed; the end of its log ($log):" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi
engines=()
if [ "$spark" -eq 1 ]; then
  # %engine connect spark: engine-spark and the Spark Connect client (85 MB) in a directory of their own, loaded
  # by the kernel in a separate class loader only when a notebook connects
  echo "eddy: building the Spark engine (engine-spark and the Spark Connect client 4.2.0)"
  (cd "$root" && mvn -B -q -ntp -pl engine-spark -am package -DskipTests)
  engines=(--engines "$root/engine-spark/target/engines")
fi
# kernelspec.sh finds the prefix for --sys-prefix through the first jupyter on PATH: make that ours.
PATH="$(dirname "$jupyter"):$PATH" "$root/install/kernelspec.sh" install "${scope[@]}" \
  --jar "$root/kernel/target/eddy-kernel.jar" "${engines[@]}"
if [ "${scope[0]}" != --prefix ] && ! "$jupyter" kernelspec list 2>/dev/null | grep -q '^ *eddy '; then
  echo "eddy: '$jupyter kernelspec list' does not show the kernel 'eddy'; is JUPYTER_PATH or JUPYTER_DATA_DIR set?" >&2
  exit 1
fi

if [ "$start" -eq 1 ]; then
  echo "eddy: starting JupyterLab on $root/notebooks (open 01-welcome.ipynb; its kernel is 'Java (Eddy)')"
  cd "$root/notebooks"
  # Jupyter refuses to run as root unless told; the README allows a root install (e.g. a fresh VM).
  root_flag=(); [ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)
  exec "$jupyter" lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$root/notebooks" "${root_flag[@]}"
fi
