#!/usr/bin/env bash
# Runs Eddy's whole test suite on a fresh Debian machine (Java 17, Maven; root or sudo).
# Installs what the tests need (Debian's Jupyter client and kernel test suite; JupyterLab in its venv, Chromium,
# Node.js and Playwright for the browser tests), then builds every module and runs unit tests (Surefire) and
# integration tests (Failsafe). Idempotent: what is there already is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the integration tests use. Debian's python lives in /usr/bin/python3, which may not be
# the first python3 on PATH; the tests always call /usr/bin/python3.
DEB_PACKAGES=(python3-jupyter-kernel-test python3-jupyter-client python3-nbclient python3-nbformat
              python3-ipykernel python3-nbconvert python3-venv chromium docker-compose
              postgresql)
# Node.js for Playwright and for the magics build (it fetches the pinned Vega-Lite JSON schema with npm) (playwright-core is pinned to a release that still runs on Debian 12's Node.js 18).
command -v node >/dev/null 2>&1 || DEB_PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || DEB_PACKAGES+=(npm)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-all: installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# JupyterLab for the browser tests, in the venv install/eddy.sh uses (install/jupyterlab.sh; $EDDY_VENV moves it).
install/jupyterlab.sh install
# Playwright from npm (never a browser download: the tests drive Debian's chromium).
(cd kernel/src/test/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)

# The classroom Docker setup, checked without a Docker engine (compose parser + Dockerfile linter).
docker/validate.sh

# -Pfuzz: each *FuzzTest is fuzzed for its maxDuration (15 s) in a JVM of its own after the unit tests.
mvn -B -ntp verify -Pfuzz "$@"
