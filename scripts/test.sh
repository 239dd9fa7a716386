#!/usr/bin/env bash
# Runs every test: starts a throwaway PostgreSQL 15 cluster in a temp dir on a free port
# (initdb + pg_ctl, no system service), runs ctest against SQLite and PostgreSQL, stops it.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)

pg_bin=/usr/lib/postgresql/15/bin
pg_dir=$(mktemp -d /tmp/hiresafe-pg-XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
run_pg() {
  # initdb refuses to run as root; the cluster belongs to the postgres system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pg() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT

if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; fi
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
echo "throwaway PostgreSQL 15 on 127.0.0.1:$pg_port"

export HIRESAFE_TEST_PG_BASE="postgresql://postgres@127.0.0.1:$pg_port"
cd "$root/$build"
ctest --output-on-failure -j 2
