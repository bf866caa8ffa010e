#!/usr/bin/env bash
# Validates the classroom Docker setup without a Docker engine (none runs on CI machines):
#  - compose.yaml with docker-compose's own parser (`docker-compose config`), plus the promises the README
#    makes of it (JupyterLab with Eddy, a KRaft Kafka on a private network, a work volume, the broker's
#    address in EDDY_KAFKA_BOOTSTRAP);
#  - the Dockerfile with the dockerfile-utils linter (npm), which exits non-zero on any error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
DFU_VERSION=0.16.3

if ! command -v docker-compose >/dev/null; then
  echo "docker/validate: installing Debian's docker-compose"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi
if ! command -v npm >/dev/null; then
  echo "docker/validate: installing Debian's npm (for the Dockerfile linter)"
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
tools="${XDG_CACHE_HOME:-$HOME/.cache}/eddy-dockerfile-utils-$DFU_VERSION"
if [ ! -x "$tools/node_modules/.bin/dockerfile-utils" ]; then
  echo "docker/validate: installing dockerfile-utils@$DFU_VERSION from npm"
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund --prefix "$tools" "dockerfile-utils@$DFU_VERSION" >/dev/null 2>&1)
fi

fail=0
check() { if ! grep -Eq -- "$2" <<<"$config"; then echo "docker/validate: compose.yaml: $1" >&2; fail=1; fi; }

# the default broker address, whatever the calling shell has set
config="$(env -u EDDY_KAFKA_BOOTSTRAP docker-compose -f "$here/compose.yaml" config)"
check "no jupyter service built from docker/Dockerfile" 'dockerfile: .*docker/Dockerfile'
check "kafka is not the official apache/kafka image" 'image: apache/kafka:[0-9]'
check "kafka is not in KRaft mode (KAFKA_PROCESS_ROLES)" 'KAFKA_PROCESS_ROLES: broker,controller'
check "notebooks are not told where the broker is" 'EDDY_KAFKA_BOOTSTRAP: kafka:9092'
check "no private network" 'classroom:'
check "no volume for work" 'work:/home/eddy/work'
check "no token auth" 'JUPYTER_TOKEN:'
# the broker's address must reach the Jupyter service itself (the kernels inherit its environment)
if ! /usr/bin/python3 -c 'import sys, yaml
env = yaml.safe_load(sys.stdin)["services"]["jupyter"].get("environment") or {}
sys.exit(0 if env.get("EDDY_KAFKA_BOOTSTRAP") == "kafka:9092" else 1)' <<<"$config"; then
  echo "docker/validate: compose.yaml: the jupyter service lacks EDDY_KAFKA_BOOTSTRAP=kafka:9092" >&2; fail=1
fi
echo "docker/validate: docker-compose config: $( [ $fail -eq 0 ] && echo ok || echo FAILED )"

if "$tools/node_modules/.bin/dockerfile-utils" lint "$here/Dockerfile"; then
  echo "docker/validate: dockerfile-utils lint: ok"
else
  echo "docker/validate: dockerfile-utils lint: FAILED" >&2; fail=1
fi
for need in 'HEALTHCHECK' '^USER eddy' 'kernelspec.sh install' 'jupyterlab==' '^COPY .*notebooks/ '; do
  grep -Eq "$need" "$here/Dockerfile" || { echo "docker/validate: Dockerfile lacks $need" >&2; fail=1; }
done
# the image ships notebooks/ as it is in the build context: the Kafka notebook must be there, not ignored
[ -f "$here/../notebooks/07-kafka.ipynb" ] || { echo "docker/validate: notebooks/07-kafka.ipynb is missing" >&2; fail=1; }
if grep -Eq '^[^#]*notebooks' "$here/../.dockerignore" 2>/dev/null; then
  echo "docker/validate: .dockerignore leaves notebooks out of the image" >&2; fail=1
fi
exit $fail
