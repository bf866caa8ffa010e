#!/usr/bin/env bash
# JupyterLab for Eddy, installed the way JupyterLab's own docs do it: a Python virtual environment and
# `pip install jupyterlab` (a pinned version). Used by install/eddy.sh and install/test-all.sh. Idempotent: a venv
# that already has this JupyterLab is left alone. Prints only its own short lines; pip's and apt's output goes to
# a log that is shown only when a step fails.
#
# Usage: install/jupyterlab.sh [install | path | remove]
#   install   make sure the venv has JupyterLab (default); Debian's python3-venv comes from apt (sudo when not root)
#   path      print the venv's directory and nothing else
#   remove    delete the venv
# The venv lives in $EDDY_VENV, default ${XDG_DATA_HOME:-~/.local/share}/eddy/venv. The Python that makes it is
# $EDDY_PYTHON, default Debian's /usr/bin/python3 (else the python3 on PATH).
set -euo pipefail

JUPYTERLAB_VERSION=4.6.4
venv="${EDDY_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/eddy/venv}"
action="${1:-install}"

case "$action" in
  path) echo "$venv"; exit 0 ;;
  remove)
    if [ -f "$venv/pyvenv.cfg" ]; then rm -rf "$venv"; echo "eddy: removed JupyterLab's venv $venv"
    elif [ -e "$venv" ]; then echo "eddy: $venv is not a Python venv; left alone" >&2; exit 1
    else echo "eddy: no venv at $venv"; fi
    exit 0 ;;
  install) ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "jupyterlab.sh: unknown argument '$action' (try --help)" >&2; exit 2 ;;
esac

installed_version() {
  [ -x "$venv/bin/python" ] && [ -x "$venv/bin/jupyter-lab" ] || return 0
  "$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("jupyterlab"))' 2>/dev/null || true
}
if [ "$(installed_version)" = "$JUPYTERLAB_VERSION" ]; then
  echo "eddy: JupyterLab $JUPYTERLAB_VERSION in $venv"
  exit 0
fi

if [ -e "$venv" ] && [ ! -f "$venv/pyvenv.cfg" ] && [ -n "$(ls -A "$venv")" ]; then
  echo "eddy: $venv exists and is not a Python venv; set EDDY_VENV to another directory" >&2
  exit 1
fi
log="$(mktemp "${TMPDIR:-/tmp}/eddy-jupyterlab.XXXXXX.log")"
fail() {
  echo "eddy: $1 failed; the end of its log ($log):" >&2
  tail -n 25 "$log" >&2
  exit 1
}
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

py="${EDDY_PYTHON:-}"
if [ -z "$py" ]; then
  if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py="$(command -v python3 || true)"; fi
fi
if [ -z "$py" ]; then
  echo "eddy: no python3 found; install Python 3 (Debian: sudo apt-get install python3 python3-venv)" >&2
  exit 1
fi
# Debian splits venv's pip bootstrap (ensurepip) into python3-venv.
if ! "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  if [ "$py" = /usr/bin/python3 ] && command -v apt-get >/dev/null 2>&1; then
    echo "eddy: installing Debian's python3-venv"
    { sudo_if_needed apt-get -o DPkg::Lock::Timeout=600 update -qq &&
      sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends python3-venv; } >>"$log" 2>&1 || fail "apt-get install python3-venv"
  else
    echo "eddy: $py cannot make a virtual environment (no ensurepip); install its venv module and run me again" >&2
    exit 1
  fi
fi

echo "eddy: installing JupyterLab $JUPYTERLAB_VERSION into a Python venv (about a minute)"
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  "$py" -m venv --clear "$venv" >>"$log" 2>&1 || fail "python3 -m venv"
fi
# pip retries an unreachable index five times with back-off, per package (minutes in all when a configured
# index host is offline); one retry is enough unless the user asked for more with PIP_RETRIES.
retries=(); [ -z "${PIP_RETRIES:-}" ] && retries=(--retries 1)
"$venv/bin/python" -m pip install --disable-pip-version-check --no-input --progress-bar off "${retries[@]}" \
  "jupyterlab==$JUPYTERLAB_VERSION" >>"$log" 2>&1 || fail "pip install jupyterlab==$JUPYTERLAB_VERSION"
[ "$(installed_version)" = "$JUPYTERLAB_VERSION" ] || fail "JupyterLab's install check"
rm -f "$log"
echo "eddy: JupyterLab $JUPYTERLAB_VERSION in $venv"
