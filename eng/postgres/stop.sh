#!/usr/bin/env bash
# Stops the cluster start.sh started. Usage: stop.sh DIR
set -euo pipefail
dir="$1"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ "$(id -u)" -eq 0 ]; then
  su postgres -s /bin/bash -c "'$bin/pg_ctl' -D '$dir/data' -m fast stop" >/dev/null 2>&1 || true
else
  "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
fi
