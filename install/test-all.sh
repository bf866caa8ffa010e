#!/usr/bin/env bash
# Runs Eddy's whole test suite on a fresh Debian machine (Java 17, Maven; root or sudo).
# Installs what the tests need (Debian's Jupyter client and kernel test suite, Chromium for the browser
# tests), then builds every module and runs unit tests (Surefire) and integration tests (Failsafe).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages the integration tests use. Debian's python lives in /usr/bin/python3, which may not be
# the first python3 on PATH; the tests always call /usr/bin/python3.
DEB_PACKAGES=(python3-jupyter-kernel-test python3-jupyter-client python3-nbclient python3-nbformat
              python3-ipykernel jupyter-notebook python3-nbconvert chromium chromium-driver python3-websocket
              docker-compose)
# npm: the magics build fetches the pinned Vega-Lite release's JSON schema with it (chart-spec test)
DEB_PACKAGES+=(npm)
missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test-all: installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The classroom Docker setup, checked without a Docker engine (compose parser + Dockerfile linter).
docker/validate.sh

mvn -B -ntp verify "$@"
