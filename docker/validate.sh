#!/usr/bin/env bash
# Validates the classroom Docker setup without a Docker engine (none runs on CI machines). Each promise that
# README.md's classroom section makes is checked here:
#  - compose.yaml, through docker-compose's own parser (`docker-compose config`, with and without the variables):
#    JupyterLab published on 127.0.0.1 unless EDDY_BIND opens it; a token per start unless EDDY_TOKEN is set;
#    JupyterLab not waiting for a healthy broker; Kafka in KRaft mode with its data (KAFKA_LOG_DIRS) on its
#    volume; the broker's address in the notebooks' environment; the work volume where entrypoint.sh puts work;
#    a postgres service on its volume, not published, whose address and login are in the notebooks' environment;
#  - entrypoint.sh, run for real with a stand-in `jupyter`: the tutorials land in the work volume on the first
#    start, a student's edit survives the next start, a new token each start unless one is set;
#  - the Dockerfile, with the dockerfile-utils linter (npm), and its layers: the poms and `dependency:go-offline`
#    before any source, so a source change downloads no dependency again;
#  - notebook 07 says when the broker cannot be reached;
#  - the optional spark service (--profile spark): a Spark Connect 4.2 server, EDDY_SPARK_URL for notebook 12, the
#    /shared volume both see, and the image with the Spark engine next to the kernel.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
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
problem() { echo "docker/validate: $*" >&2; fail=1; }
compose_config() { env -u EDDY_BIND -u EDDY_PORT -u EDDY_TOKEN -u EDDY_KAFKA_BOOTSTRAP -u EDDY_SPARK_URL \
  -u EDDY_POSTGRES_URL -u EDDY_POSTGRES_USER -u EDDY_POSTGRES_PASSWORD "$@" \
  docker-compose -f "$here/compose.yaml" config; }

# ---- compose.yaml ---------------------------------------------------------------------------------------
default_config="$(compose_config)"
open_config="$(compose_config EDDY_BIND=0.0.0.0 EDDY_TOKEN=fixed-token)"
if ! /usr/bin/python3 - "$default_config" "$open_config" <<'PY'
import sys, yaml
default, opened = (yaml.safe_load(s) for s in sys.argv[1:3])
problems = []
def need(ok, what):
    if not ok:
        problems.append(what)
def published(cfg):
    ports = cfg["services"]["jupyter"].get("ports") or []
    return [str(p if isinstance(p, str) else "%s:%s:%s" % (p.get("host_ip", ""), p.get("published"), p.get("target")))
            for p in ports]
jupyter, kafka = default["services"]["jupyter"], default["services"]["kafka"]
need("docker/Dockerfile" in str(jupyter.get("build", {}).get("dockerfile")), "no jupyter service built from docker/Dockerfile")
need(published(default) and all(p.startswith("127.0.0.1:") for p in published(default)),
     "JupyterLab is not bound to 127.0.0.1 by default: %s" % published(default))
need(published(opened) and all(p.startswith("0.0.0.0:") for p in published(opened)),
     "EDDY_BIND=0.0.0.0 does not open JupyterLab to the network: %s" % published(opened))
env = jupyter.get("environment") or {}
need(env.get("JUPYTER_TOKEN", None) == "", "JUPYTER_TOKEN is not empty by default (entrypoint.sh makes one per start)")
need((opened["services"]["jupyter"].get("environment") or {}).get("JUPYTER_TOKEN") == "fixed-token",
     "EDDY_TOKEN does not reach JUPYTER_TOKEN")
need(env.get("EDDY_KAFKA_BOOTSTRAP") == "kafka:9092", "the jupyter service lacks EDDY_KAFKA_BOOTSTRAP=kafka:9092")
cond = ((jupyter.get("depends_on") or {}).get("kafka") or {}).get("condition", "service_started") \
    if isinstance(jupyter.get("depends_on"), dict) else "service_started"
need(cond != "service_healthy", "JupyterLab waits for a healthy broker (depends_on condition %s)" % cond)
need(any(str(v).startswith("work:/home/eddy/work") for v in jupyter.get("volumes") or []),
     "no work volume at /home/eddy/work")
need(str(kafka.get("image", "")).startswith("apache/kafka:"), "kafka is not the official apache/kafka image")
kenv = kafka.get("environment") or {}
need(kenv.get("KAFKA_PROCESS_ROLES") == "broker,controller", "kafka is not in KRaft mode (KAFKA_PROCESS_ROLES)")
log_dirs = kenv.get("KAFKA_LOG_DIRS")
mounts = {str(v).split(":")[1]: str(v).split(":")[0] for v in kafka.get("volumes") or [] if ":" in str(v)}
need(log_dirs is not None and mounts.get(log_dirs) in (default.get("volumes") or {}),
     "Kafka's data (KAFKA_LOG_DIRS=%s) is not on a named volume (mounts %s)" % (log_dirs, mounts))
need("classroom" in (default.get("networks") or {}), "no private network")
# the optional Spark Connect server for notebook 12 (--profile spark)
spark = default["services"].get("spark") or {}
need(spark.get("profiles") == ["spark"], "no spark service that only --profile spark starts")
need(str(spark.get("image", "")).startswith("apache/spark:4.2."), "spark is not the official apache/spark 4.2 image")
need("start-connect-server.sh" in " ".join(map(str, spark.get("command") or []))
     and (spark.get("environment") or {}).get("SPARK_NO_DAEMONIZE") == "true",
     "the spark service does not run a Spark Connect server in the foreground")
need("spark.connect.grpc.binding.port=15002" in (spark.get("command") or []), "Spark Connect is not on port 15002")
need(env.get("EDDY_SPARK_URL") == "sc://spark:15002", "the jupyter service lacks EDDY_SPARK_URL=sc://spark:15002")
shared_in = lambda svc: any(str(v).startswith("shared:/shared") for v in svc.get("volumes") or [])
need(env.get("EDDY_SHARED_DIR") == "/shared" and shared_in(jupyter) and shared_in(spark),
     "jupyter and spark do not share the /shared volume named in EDDY_SHARED_DIR")
need(str(spark.get("user", "")).split(":")[0] == "1000", "spark does not run as the notebook user's uid 1000")
need("spark" not in (jupyter.get("depends_on") or {}), "JupyterLab depends on the optional spark service")
postgres = default["services"].get("postgres") or {}
need(str(postgres.get("image", "")).startswith("postgres:"), "no postgres service from the official postgres image")
need(env.get("EDDY_POSTGRES_URL") == "jdbc:postgresql://postgres:5432/eddy",
     "the jupyter service lacks EDDY_POSTGRES_URL=jdbc:postgresql://postgres:5432/eddy")
penv = postgres.get("environment") or {}
need(env.get("EDDY_POSTGRES_USER") == penv.get("POSTGRES_USER") and env.get("EDDY_POSTGRES_PASSWORD")
     and env.get("EDDY_POSTGRES_PASSWORD") == penv.get("POSTGRES_PASSWORD"),
     "the notebooks' database login does not match the postgres service's")
need(not postgres.get("ports"), "the database is published on the host")
pmounts = {str(v).split(":")[1]: str(v).split(":")[0] for v in postgres.get("volumes") or [] if ":" in str(v)}
need(pmounts.get("/var/lib/postgresql/data") in (default.get("volumes") or {}),
     "PostgreSQL's data is not on a named volume (mounts %s)" % pmounts)
for p in problems:
    print("docker/validate: compose.yaml: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
then fail=1; fi
echo "docker/validate: docker-compose config: $( [ $fail -eq 0 ] && echo ok || echo FAILED )"

# ---- entrypoint.sh, run with a stand-in jupyter -----------------------------------------------------------
sandbox="$(mktemp -d)"
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/bin" "$sandbox/work"
cat > "$sandbox/bin/jupyter" <<'SH'
#!/bin/sh
echo "token=$JUPYTER_TOKEN"
echo "args=$*"
SH
chmod +x "$sandbox/bin/jupyter"
start() { env -u JUPYTER_TOKEN PATH="$sandbox/bin:/usr/bin:/bin" EDDY_WORK="$sandbox/work" \
  EDDY_TUTORIALS="$root/notebooks" "$@" sh "$here/entrypoint.sh"; }
first="$(start)"
for nb in "$root"/notebooks/*.ipynb "$root/notebooks/tutorial-setup.jsh"; do
  cmp -s "$nb" "$sandbox/work/tutorials/$(basename "$nb")" || problem "entrypoint.sh: $(basename "$nb") not copied into the work volume"
done
echo "a student's edit" > "$sandbox/work/tutorials/01-welcome.ipynb"
second="$(start)"
grep -q "a student's edit" "$sandbox/work/tutorials/01-welcome.ipynb" || problem "entrypoint.sh: a second start overwrote a student's edit"
t1="$(sed -n 's/^token=//p' <<<"$first")"; t2="$(sed -n 's/^token=//p' <<<"$second")"
[ "${#t1}" -ge 24 ] && [ "$t1" != "$t2" ] || problem "entrypoint.sh: no new token per start ('$t1', '$t2')"
grep -q "token=$t1" <<<"$first" && grep -q "/lab/tree/tutorials?token=$t1" <<<"$first" \
  || problem "entrypoint.sh: the log does not show the address with the token"
[ "$(start JUPYTER_TOKEN=set-by-teacher | sed -n 's/^token=//p')" = "set-by-teacher" ] \
  || problem "entrypoint.sh: a token that is set is not used"
grep -q -- "args=lab --ip=0.0.0.0 --port=8888 --no-browser --ServerApp.root_dir=$sandbox/work" <<<"$first" \
  || problem "entrypoint.sh: JupyterLab is not started on the work volume: $(grep '^args=' <<<"$first")"
echo "docker/validate: entrypoint.sh: $( [ $fail -eq 0 ] && echo ok || echo FAILED )"

# ---- Dockerfile ------------------------------------------------------------------------------------------
if "$tools/node_modules/.bin/dockerfile-utils" lint "$here/Dockerfile"; then
  echo "docker/validate: dockerfile-utils lint: ok"
else
  problem "dockerfile-utils lint: FAILED"
fi
if ! /usr/bin/python3 - "$here/Dockerfile" "$root/pom.xml" <<'PY'
import re, sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
steps = [l.strip() for l in text.split("\n") if l.strip() and not l.strip().startswith("#")]
modules = re.findall(r"<module>([^<]+)</module>", open(sys.argv[2]).read().split("<profiles>")[0])
problems = []
build = steps[:next(i for i, s in enumerate(steps) if s.startswith("FROM") and i > 0)]
run_stage = steps[len(build):]
offline = next((i for i, s in enumerate(build) if s.startswith("RUN") and "dependency:go-offline" in s), None)
package = next((i for i, s in enumerate(build) if s.startswith("RUN") and " package" in s), None)
if offline is None or package is None or offline > package:
    problems.append("the build stage does not run dependency:go-offline before package")
else:
    before = [s for s in build[:offline] if s.startswith("COPY")]
    copied = {s.split()[1] for s in before}
    for m in [""] + [m + "/" for m in modules]:
        if m + "pom.xml" not in copied:
            problems.append("%spom.xml is not copied before dependency:go-offline" % m)
    others = [s for s in before if not s.split()[1].endswith("pom.xml")]
    if others:
        problems.append("more than the poms is copied before dependency:go-offline: %s" % others)
    if not any(s.startswith("COPY") and "/src" in s for s in build[offline:package]):
        problems.append("the sources are not copied between dependency:go-offline and package")
def has(pattern, where=run_stage):
    return any(re.search(pattern, s) for s in where)
for pattern, what in [(r"^HEALTHCHECK", "a health check"), (r"^USER eddy", "a non-root user"),
                      (r"kernelspec\.sh install", "the kernelspec"), (r"^ARG JUPYTERLAB_VERSION=4\.", "JupyterLab 4"),
                      (r'jupyterlab==\$\{JUPYTERLAB_VERSION\}', "JupyterLab at its pinned version"),
                      (r"^COPY notebooks/ /opt/eddy/notebooks/", "the tutorials at EDDY_TUTORIALS"),
                      (r"^COPY --from=build /src/engine-spark/target/engines/ /opt/eddy/engines/",
                       "the Spark engine (notebook 12)"),
                      (r"kernelspec\.sh install .*--engines /opt/eddy/engines", "the kernel with its engines/"),
                      (r"chown eddy:eddy .*/shared", "/shared owned by the notebook user"),
                      (r"EDDY_TUTORIALS=/opt/eddy/notebooks", "EDDY_TUTORIALS"),
                      (r"EDDY_WORK=/home/eddy/work", "EDDY_WORK on the work volume"),
                      (r'^ENTRYPOINT \["tini", "--", "/opt/eddy/entrypoint.sh"\]', "entrypoint.sh under tini")]:
    if not has(pattern):
        problems.append("the image lacks " + what)
for p in problems:
    print("docker/validate: Dockerfile: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
then fail=1; fi
[ -x "$here/entrypoint.sh" ] || problem "docker/entrypoint.sh is not executable"
if grep -Eq '^[^#]*notebooks' "$root/.dockerignore" 2>/dev/null; then
  problem ".dockerignore leaves notebooks out of the image"
fi

# ---- notebook 07 when the broker is unhealthy --------------------------------------------------------------
grep -q 'No Kafka broker answers at' "$root/notebooks/07-kafka.ipynb" \
  || problem "notebooks/07-kafka.ipynb does not say when the broker cannot be reached"
echo "docker/validate: $( [ $fail -eq 0 ] && echo ok || echo FAILED )"
exit $fail
