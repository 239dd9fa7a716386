# PostgreSQL for the benchmarks that measure both databases (bench/resumes.sh, bench/hiring.sh):
# sourced after bench/lib.sh. start_pg reads BENCH_PG=1 (a throwaway PostgreSQL 15 cluster in a
# temp dir: initdb + pg_ctl as in scripts/test.sh, but fsync on — the figures should be the
# ones a real deployment gets — and the settings deploy/postgresql.conf recommends, or those of
# BENCH_PG_CONF=FILE; BENCH_PG_CONF=none keeps initdb's), BENCH_PG_BASE=postgresql://user@host:port
# (that server; a fresh database is created and dropped) and BENCH_PG_OPTS (server options for
# the throwaway cluster).
# It sets PG_BASE (empty: no PostgreSQL), PG_DB and PG_NOTE (one line for the report).
# shellcheck shell=bash
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=""       # set when this script started its own cluster
PG_DROP_URL=""  # set when this script created a database on someone else's server
PG_MORE_DBS=()  # further databases a script created there, dropped with PG_DB
PG_DB=hiresafe_bench_$$
PG_BASE=${BENCH_PG_BASE:-}
PG_NOTE=""

run_pg() {
  # initdb refuses to run as root; the cluster belongs to the postgres system user then.
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Called by lib.sh's cleanup once the processes have stopped.
cleanup_more() {
  if [[ -n $PG_DROP_URL ]]; then
    local db
    for db in "$PG_DB" "${PG_MORE_DBS[@]}"; do
      psql "$PG_DROP_URL" -qAtc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
    done
  fi
  if [[ -n $PG_DIR ]]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
}

start_pg() {
  if [[ ${BENCH_PG:-0} = 1 && -z $PG_BASE ]]; then
    [[ -x $PG_BIN/initdb ]] || { echo "BENCH_PG=1 needs PostgreSQL 15 in $PG_BIN" >&2; exit 1; }
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-bench-pg.XXXXXX")
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_DIR"; fi
    log "starting a throwaway PostgreSQL 15 cluster on 127.0.0.1:$port"
    run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    local conf=${BENCH_PG_CONF:-$ROOT/deploy/postgresql.conf} settings="initdb defaults"
    if [[ $conf != none ]]; then
      # A copy in the data dir: the postgres user may not be able to read the checkout.
      cp "$conf" "$PG_DIR/data/hiresafe.conf"
      if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_DIR/data/hiresafe.conf"; fi
      echo "include 'hiresafe.conf'" >>"$PG_DIR/data/postgresql.conf"
      settings="initdb defaults and ${conf#"$ROOT"/}"
    fi
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
      -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100 ${BENCH_PG_OPTS:-}" \
      start >/dev/null
    PG_BASE="postgresql://postgres@127.0.0.1:$port"
    PG_NOTE="throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') cluster, $settings (fsync on)"
    PG_NOTE+=", synchronous_commit $(psql "$PG_BASE/postgres" -qAtc 'SHOW synchronous_commit')${BENCH_PG_OPTS:+, options: $BENCH_PG_OPTS}"
  elif [[ -n $PG_BASE ]]; then
    PG_NOTE="PostgreSQL at ${PG_BASE#*@}"
  fi
  if [[ -n $PG_BASE ]]; then
    command -v psql >/dev/null || { echo "psql not found (creates the bench database)" >&2; exit 1; }
    psql "$PG_BASE/postgres" -qAtc "CREATE DATABASE $PG_DB" >/dev/null
    PG_DROP_URL="$PG_BASE/postgres"
  fi
}

# The cluster's processes, for the database's share of the CPU (load() samples db_ticks, which
# bench/lib.sh defines as 0); only known for our own cluster.
db_ticks() {
  [[ -n $PG_DIR ]] || { echo 0; return; }
  local master total=0 pid
  master=$(head -1 "$PG_DIR/data/postmaster.pid")
  for pid in "$master" $(pgrep -P "$master"); do
    total=$((total + $(proc_ticks "$pid" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
