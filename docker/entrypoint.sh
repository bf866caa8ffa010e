#!/bin/sh
# Starts JupyterLab in the classroom image (docker/Dockerfile's ENTRYPOINT, under tini).
#  - The tutorials are copied into the work volume, into tutorials/, on the first start; later starts copy only
#    files that are not there yet (a new tutorial of a newer image), never over a student's edited copy.
#  - A token is made for this start unless JUPYTER_TOKEN is set (compose passes EDDY_TOKEN); the log shows
#    the address to open with it.
# EDDY_WORK (the work volume) and EDDY_TUTORIALS (the image's copy of notebooks/) say where things are.
set -eu
work="${EDDY_WORK:-/home/eddy/work}"
tutorials="${EDDY_TUTORIALS:-/opt/eddy/notebooks}"
mkdir -p "$work/tutorials"
# -n: no file that is already there is replaced; -R: the whole tree, so new files in old folders come too
cp -Rn "$tutorials/." "$work/tutorials/"
if [ -z "${JUPYTER_TOKEN:-}" ]; then
  JUPYTER_TOKEN="$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')"
fi
export JUPYTER_TOKEN
echo "Eddy classroom: open http://${EDDY_HOST:-localhost}:${EDDY_PORT:-8888}/lab/tree/tutorials?token=$JUPYTER_TOKEN"
# 0.0.0.0 inside the container; which host addresses reach it is the port mapping's choice (compose.yaml)
exec jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --ServerApp.root_dir="$work" "$@"
