#!/usr/bin/env bash
# A/B of the apply path: two hiresafe binaries (say, a git worktree's build of the base commit and
# this tree's) take turns on one seeded database, so both meet the same data and, pair by pair,
# the same hour of a machine whose speed drifts by a third within an hour (docs/benchmarks.md,
# session 13). Each run starts `serve`, warms up for 1 s, then measures wrk -c64 on posts no run
# used before, so every request creates an application (bench/apply.lua).
#
#   bash bench/apply_ab.sh BEFORE_BINARY AFTER_BINARY
#
# Environment: BENCH_DB (postgres, default, or sqlite), BENCH_PAIRS (default 3), BENCH_SECONDS
# (per measured run, default 8), BENCH_SEEKERS (default 20000), BENCH_RATE (offered applies/s;
# unset: saturation), BENCH_PG_OPTS as in bench/pg.sh, BENCH_PERF (a path: each measured run is
# recorded machine-wide with `perf record -a -g` into PATH.LABEL), BENCH_SEED_EACH=1 (each binary
# seeds a database of its own, the same data: for changes to the schema, which the other binary
# could not run on), BENCH_PG_SET_A / BENCH_PG_SET_B (PostgreSQL: settings, "name=value" separated
# by spaces, set with ALTER SYSTEM and a reload before each run of that side, to compare settings
# a reload can change with one binary on both sides), BENCH_CHECKPOINT=1 (PostgreSQL: a
# CHECKPOINT before each run, so that no run meets a checkpoint's write-out begun by the run
# before), BENCH_TIMELINE (a path: the
# server's apply latency histogram is sampled every 200 ms of each measured run into PATH.LABEL;
# `python3 bench/timeline.py PATH.LABEL` shows when the slow applies came). PostgreSQL runs use
# a throwaway cluster (bench/pg.sh: fsync on, deploy/postgresql.conf) and one database for all
# runs; SQLite runs each start from a copy of the seeded data dir. `sessions.touch_seconds` is 5
# in every run, so every apply's session is due for a last-seen write, as in bench/hiring.sh's
# first minute.
# Prints one line a run: req/s, p99, applications created, and CPU µs an application of the
# server and (PostgreSQL) of the cluster's processes and WAL bytes. Never run by ctest.
# shellcheck disable=SC2034
set -euo pipefail

[[ $# -eq 2 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
A=$(realpath "$1")
B=$(realpath "$2")
shift 2
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
DB=${BENCH_DB:-postgres}
PAIRS=${BENCH_PAIRS:-3}
SEEKERS=${BENCH_SEEKERS:-20000}
JOBS_PER_RUN=2  # 2 × SEEKERS pairs: more than a run at 8 s can use
setup_tmp hiresafe-apply-ab

SEED_EACH=${BENCH_SEED_EACH:-0}
declare -A db_url=()  # side (a, b) -> its database, PostgreSQL only
if [[ $DB = postgres ]]; then
  BENCH_PG=1 start_pg
  db_url[a]=$PG_BASE/$PG_DB
  db_url[b]=$PG_BASE/$PG_DB
  if [[ $SEED_EACH = 1 ]]; then
    psql "$PG_BASE/postgres" -qAtc "CREATE DATABASE ${PG_DB}_b" >/dev/null
    PG_MORE_DBS+=("${PG_DB}_b")
    db_url[b]=$PG_BASE/${PG_DB}_b
  fi
fi
database_args() {  # database_args SIDE: serve's and seed's --database-url, if any
  [[ $DB = postgres ]] && printf '%s\n' --database-url "${db_url[$1]}"
  return 0
}
printf '[sessions]\ntouch_seconds = 5\n' >"$TMP/config.toml"

jobs_n=$((PAIRS * 2 * (JOBS_PER_RUN + 1) + 5))
needed=$((PAIRS * 2 * (JOBS_PER_RUN + 1)))
seed() {  # seed SIDE BINARY: into $TMP/seeded.SIDE, posts in jobs.SIDE.txt, tokens in seekers.SIDE.tsv
  log "seeding $jobs_n posts and $SEEKERS seekers with $(basename "$2") ($DB)"
  local args
  mapfile -t args < <(database_args "$1")
  "$2" seed --no-index --jobs "$jobs_n" --ids-out "$TMP/jobs.$1.txt" --resumes "$SEEKERS" \
    --seeker-tokens-out "$TMP/seekers.$1.tsv" --data-dir "$TMP/seeded.$1" "${args[@]}" \
    >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log" >&2; exit 1; }
  (($(wc -l <"$TMP/jobs.$1.txt") >= needed)) || { log "the seed made fewer than $needed open posts"; exit 1; }
}
seed a "$A"
if [[ $SEED_EACH = 1 ]]; then
  seed b "$B"
else
  ln -s "$TMP/seeded.a" "$TMP/seeded.b"
  ln -s "$TMP/jobs.a.txt" "$TMP/jobs.b.txt"
  ln -s "$TMP/seekers.a.tsv" "$TMP/seekers.b.tsv"
fi

# One counter for both sides: with one database, no run may reuse another's posts; with two,
# the same lines of each side's list are the same posts of the same seed.
next_job=1
take_jobs() {  # take_jobs SIDE N FILE: the next N unused posts
  sed -n "${next_job},$((next_job + $2 - 1))p" "$TMP/jobs.$1.txt" >"$3"
  next_job=$((next_job + $2))
}

# The cluster's WAL position in bytes: runs follow each other, so the difference over a run is
# what that run wrote (a deterministic measure of write volume where latency is noisy).
wal_bytes() {  # wal_bytes SIDE
  psql "${db_url[$1]}" -qAtc "SELECT pg_current_wal_lsn() - '0/0'"
}

run() {  # run LABEL BINARY SIDE
  local label=$1 binary=$2 side=$3 data=$TMP/seeded.$3 args
  mapfile -t args < <(database_args "$side")
  if [[ $DB = sqlite ]]; then
    rm -rf "$TMP/run" && cp -rL "$TMP/seeded.$side" "$TMP/run"
    data=$TMP/run
  fi
  local settings=BENCH_PG_SET_${side^^} setting
  for setting in ${!settings:-}; do
    psql "${db_url[$side]}" -qAt -c "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'" \
      -c "SELECT pg_reload_conf()" >/dev/null
  done
  if [[ $DB = postgres && ${BENCH_CHECKPOINT:-0} = 1 ]]; then
    psql "${db_url[$side]}" -qAtc "CHECKPOINT" >/dev/null
  fi
  start URL "serve-$label" "$binary" serve --config "$TMP/config.toml" --data-dir "$data" \
    --listen 127.0.0.1:0 "${args[@]}"
  local wrk_env=(APPLY_THREADS="$THREADS" APPLY_TOKENS="$TMP/seekers.$side.tsv")
  take_jobs "$side" 1 "$TMP/warm.txt"
  env "${wrk_env[@]}" APPLY_JOBS="$TMP/warm.txt" "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d1s \
    -s "$ROOT/bench/apply.lua" "$URL" >/dev/null 2>&1
  take_jobs "$side" "$JOBS_PER_RUN" "$TMP/measured.txt"
  local s0 d0 s1 d1 w0=0 w1=0
  s0=$(proc_ticks "$URL_PID")
  d0=$(db_ticks)
  [[ $DB = postgres ]] && w0=$(wal_bytes "$side")
  local profile=() sampler=""
  [[ -n ${BENCH_PERF:-} ]] && profile=(perf record -a -g -q -o "$BENCH_PERF.$label" --)
  if [[ -n ${BENCH_TIMELINE:-} ]]; then
    while :; do
      echo "T $(date +%s.%N)"
      curl -sf "$URL/metrics" | grep 'route="/api/v1/applications"' || true
      sleep 0.2
    done >"$BENCH_TIMELINE.$label" 2>/dev/null &
    sampler=$!
  fi
  "${profile[@]}" env "${wrk_env[@]}" APPLY_JOBS="$TMP/measured.txt" ${BENCH_RATE:+APPLY_RATE=$BENCH_RATE} \
    "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/apply.lua" \
    "$URL" >"$TMP/wrk-$label.txt" 2>&1
  s1=$(proc_ticks "$URL_PID")
  d1=$(db_ticks)
  [[ $DB = postgres ]] && w1=$(wal_bytes "$side")
  if [[ -n $sampler ]]; then
    kill "$sampler"
    wait "$sampler" 2>/dev/null || true
  fi
  kill -INT "$URL_PID"
  wait "$URL_PID" || true
  awk -v label="$label" -v server=$((s1 - s0)) -v db=$((d1 - d0)) -v wal=$((w1 - w0)) -v hz="$HZ" \
    -v kind="$DB" '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { p99 = $2 }
    /^apply: created/ { created = $3 }
    END {
      per = created > 0 ? 1e6 / hz / created : 0
      printf "%-9s %8s req/s  p99 %9s  created %6d  server %4.0f µs", label, rps, p99, created,
        server * per
      if (kind == "postgres")
        printf "  database %4.0f µs  WAL %5.0f B", db * per, (created > 0 ? wal / created : 0)
      printf " an apply\n"
    }' "$TMP/wrk-$label.txt"
}

log "$PAIRS pairs, ${DURATION}s each, ${BENCH_RATE:-saturation}, order alternating within pairs"
for ((pair = 1; pair <= PAIRS; pair++)); do
  if ((pair % 2)); then
    run "before.$pair" "$A" a
    run "after.$pair" "$B" b
  else
    run "after.$pair" "$B" b
    run "before.$pair" "$A" a
  fi
done

# What the applications take on disk with everything they point to (PostgreSQL, two databases):
# bytes an application, tables, TOAST and indexes.
if [[ $DB = postgres && $SEED_EACH = 1 ]]; then
  for side in a b; do
    psql "${db_url[$side]}" -qAt -F ' ' -c "SELECT (SELECT COUNT(*) FROM applications),
      (SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relkind = 'r' AND
       c.relname IN ('applications', 'resume_snapshots'))" |
      awk -v side="$side" '{ printf "side %s: %d applications, %.0f bytes an application on disk\n", side, $1, ($1 > 0 ? $2 / $1 : 0) }'
  done
fi
