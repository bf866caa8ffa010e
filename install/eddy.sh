#!/usr/bin/env bash
# One command to try Eddy: installs Jupyter if missing (Debian/Ubuntu: apt-get, with sudo when not root),
# builds the kernel, registers the "eddy" kernelspec and starts Jupyter on notebooks/.
#
# Usage: install/eddy.sh [--no-start] [--skip-build] [--with-spark] [--user | --sys-prefix | --prefix DIR] [--uninstall]
#   --no-start    install only; do not start Jupyter (used by tests and Docker builds)
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
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "eddy: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$uninstall" -eq 1 ]; then
  exec "$root/install/kernelspec.sh" uninstall "${scope[@]}"
fi

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v jupyter >/dev/null 2>&1 || ! jupyter notebook --version >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "eddy: installing Jupyter (Debian package jupyter-notebook)"
    sudo_if_needed apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends jupyter-notebook
  else
    echo "eddy: Jupyter is missing and this is not a Debian/Ubuntu system; install Jupyter (e.g. 'pip install notebook'), then run me again." >&2
    exit 1
  fi
fi
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  echo "eddy: Java 17 (JDK) and Maven are needed to build. Debian: sudo apt-get install openjdk-17-jdk-headless maven" >&2
  exit 1
fi

if [ "$build" -eq 1 ]; then
  echo "eddy: building the kernel (mvn package, tests skipped; install/test-all.sh runs them)"
  (cd "$root" && mvn -B -q -ntp -pl kernel -am package -DskipTests)
fi
engines=()
if [ "$spark" -eq 1 ]; then
  # %engine connect spark: engine-spark and the Spark Connect client (85 MB) in a directory of their own, loaded
  # by the kernel in a separate class loader only when a notebook connects
  echo "eddy: building the Spark engine (engine-spark and the Spark Connect client 4.2.0)"
  (cd "$root" && mvn -B -q -ntp -pl engine-spark -am package -DskipTests -Pengines)
  engines=(--engines "$root/engine-spark/target/engines")
fi
"$root/install/kernelspec.sh" install "${scope[@]}" --jar "$root/kernel/target/eddy-kernel.jar" "${engines[@]}"

if [ "$start" -eq 1 ]; then
  echo "eddy: starting Jupyter on $root/notebooks (pick the kernel 'Java (Eddy)')"
  cd "$root/notebooks"
  # Jupyter refuses to run as root unless told; the README allows a root install (e.g. a fresh VM).
  root_flag=(); [ "$(id -u)" -eq 0 ] && root_flag=(--allow-root)
  exec jupyter notebook --notebook-dir="$root/notebooks" "${root_flag[@]}"
fi
