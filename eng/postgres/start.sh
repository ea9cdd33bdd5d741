#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests on 127.0.0.1 (Debian's postgresql package, any major version)
# and prints the connection string the tests read from BRIEFINGBOT_TEST_POSTGRES. Usage: start.sh DIR [PORT]
set -euo pipefail
dir="$1"
port="${2:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
mkdir -p "$dir"

run_as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

if [ ! -f "$dir/data/PG_VERSION" ]; then
  run_as_postgres "'$bin/initdb' -D '$dir/data' -U briefingbot --auth=trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
fi
run_as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c max_connections=200\" start >/dev/null"
echo "Host=127.0.0.1;Port=$port;Username=briefingbot;Database=postgres"
