#!/usr/bin/env bash
# Resume benchmark: a verified recruiter's masked view, GET /api/v1/resumes/{id} (a random id per
# request; each answer writes an access record, SEC-3), with N synthetic resumes in the store,
# against a bare RESTinio hello-world built and measured in the same run. SQLite always; then
# PostgreSQL when one is available.
#
#   bash bench/resumes.sh [BUILD_DIR]       BUILD_DIR defaults to build-bench (relative to the repo)
#
# Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_ROUNDS (default 3),
# BENCH_RESUMES (resumes to seed, default 200000), WRK (default wrk).
# PostgreSQL: BENCH_PG_BASE=postgresql://user@host:port uses that server (a fresh database is
# created and dropped); BENCH_PG=1 starts a throwaway PostgreSQL 15 cluster in a temp dir instead
# (initdb + pg_ctl as in scripts/test.sh) and stops it at the end; BENCH_PG_OPTS adds server
# options to that cluster (e.g. "-c synchronous_commit=off", the durability SQLite's
# synchronous=NORMAL gives).
# Targets (the issue): ≥ 5 000 req/s and p99 ≤ 10 ms on SQLite; the same reported for PostgreSQL.
# Loopback only. Writes bench/out/resumes.md and raw output under bench/out/raw-resumes/.
# Never run by ctest. Helpers mirror bench/jobs.sh (same wrk parsing, same CPU accounting).
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_ARG=${1:-build-bench}
BUILD=$BUILD_ARG
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
RESUMES=${BENCH_RESUMES:-200000}
THREADS=2
CONNECTIONS=64
TARGET_RPS=5000
TARGET_P99_MS=10
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}

OUT=$ROOT/bench/out
RAW=$OUT/raw-resumes
WRK=${WRK:-wrk}
NPROC=$(nproc)
HZ=$(getconf CLK_TCK)

command -v "$WRK" >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found (counts access records)" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-resumes-bench.XXXXXX")
PIDS=()
PG_DIR=""       # set when this script started its own cluster
PG_DROP_URL=""  # set when this script created a database on someone else's server
PG_DB=hiresafe_bench_$$
run_pg() {
  # initdb refuses to run as root; the cluster belongs to the postgres system user then.
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  if [[ -n $PG_DROP_URL ]]; then
    psql "$PG_DROP_URL" -qAtc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1
  fi
  if [[ -n $PG_DIR ]]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
    rm -rf "$PG_DIR"
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench] $*" >&2; }

# ---- build --------------------------------------------------------------------------------------
if [[ ! -f $BUILD/CMakeCache.txt ]]; then
  log "configuring $BUILD (RelWithDebInfo)"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
log "building hiresafe and bare_hello in $BUILD"
cmake --build "$BUILD" --target hiresafe bare_hello -j "$NPROC" >"$TMP/build.log" 2>&1 ||
  { cat "$TMP/build.log" >&2; exit 1; }
HIRESAFE=$BUILD/hiresafe
BARE=$BUILD/bench/bare_hello
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")

# ---- PostgreSQL (optional) ----------------------------------------------------------------------
PG_BASE=${BENCH_PG_BASE:-}
PG_NOTE=""
if [[ ${BENCH_PG:-0} = 1 && -z $PG_BASE ]]; then
  [[ -x $PG_BIN/initdb ]] || { echo "BENCH_PG=1 needs PostgreSQL 15 in $PG_BIN" >&2; exit 1; }
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-bench-pg.XXXXXX")
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_DIR"; fi
  log "starting a throwaway PostgreSQL 15 cluster on 127.0.0.1:$PG_PORT"
  run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durable commits, unlike the test suite's fsync=off: every view writes an access record, and
  # the figure should be the one a real deployment gets.
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100 ${BENCH_PG_OPTS:-}" \
    start >/dev/null
  PG_BASE="postgresql://postgres@127.0.0.1:$PG_PORT"
  PG_NOTE="throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') cluster, initdb defaults (fsync on)"
  PG_NOTE+=", synchronous_commit $(psql "$PG_BASE/postgres" -qAtc 'SHOW synchronous_commit')${BENCH_PG_OPTS:+, options: $BENCH_PG_OPTS}"
elif [[ -n $PG_BASE ]]; then
  PG_NOTE="PostgreSQL at ${PG_BASE#*@}"
fi
if [[ -n $PG_BASE ]]; then
  command -v psql >/dev/null || { echo "psql not found (creates the bench database)" >&2; exit 1; }
  psql "$PG_BASE/postgres" -qAtc "CREATE DATABASE $PG_DB" >/dev/null
  PG_DROP_URL="$PG_BASE/postgres"
fi
# The cluster's processes, for the database's share of the CPU; only known for our own cluster.
pg_ticks() {
  [[ -n $PG_DIR ]] || { echo 0; return; }
  local master total=0 pid
  master=$(head -1 "$PG_DIR/data/postmaster.pid")
  for pid in "$master" $(pgrep -P "$master"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# ---- helpers ------------------------------------------------------------------------------------
# start VAR NAME CMD...: runs CMD in the background, sets VAR to the base URL it prints on stdout
# and VAR_PID to its pid. Not called in a subshell, so the pid lands in PIDS for the exit trap.
start() {
  local var=$1 name=$2
  shift 2
  "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
  local pid=$!
  PIDS+=("$pid")
  local url=""
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$TMP/$name.out")
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z $url ]]; then
    log "$name did not start:"
    cat "$TMP/$name.out" "$TMP/$name.err" >&2
    exit 1
  fi
  printf -v "$var" '%s' "$url"
  printf -v "${var}_PID" '%s' "$pid"
}

# parse FILE: "req_per_sec p50_ms p99_ms requests non2xx_plus_socket_errors" from wrk --latency.
parse() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/)  return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/)  return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /Requests\/sec:/ { rps = $2 }
    / requests in / { n = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad += $5 }
    /Socket errors:/ { gsub(",", ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, n, bad }
  ' "$1"
}

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# load LABEL SERVER_PID URL [wrk args...]: one wrk run. Prints
# "req_per_sec p50_ms p99_ms cpu_us_per_request db_cpu_us_per_request other_cpu_percent bad
# requests". The database's CPU is its own column and not counted among the others.
load() {
  local label=$1 server_pid=$2 url=$3
  shift 3
  local s0 m0 d0 s1 m1 d1 wrk_cpu
  s0=$(proc_ticks "$server_pid")
  m0=$(busy_ticks)
  d0=$(pg_ticks)
  wrk_cpu=$({ TIMEFORMAT='%U %S'; time "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    "$@" "$url" >"$RAW/$label.txt" 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
  s1=$(proc_ticks "$server_pid")
  m1=$(busy_ticks)
  d1=$(pg_ticks)
  local rps p50 p99 n bad
  read -r rps p50 p99 n bad <<<"$(parse "$RAW/$label.txt")"
  local figures
  figures=$(awk -v rps="$rps" -v p50="$p50" -v p99="$p99" -v n="$n" -v bad="$bad" \
    -v srv=$((s1 - s0)) -v db=$((d1 - d0)) -v all=$((m1 - m0)) -v wrk="$wrk_cpu" -v hz="$HZ" \
    -v cpus="$NPROC" -v secs="$DURATION" 'BEGIN {
      cpu_us = n > 0 ? srv / hz * 1e6 / n : 0
      db_us = n > 0 ? db / hz * 1e6 / n : 0
      other = (all / hz - srv / hz - db / hz - wrk) / (secs * cpus) * 100
      if (other < 0) other = 0
      printf "%d %.2f %.2f %.1f %.1f %.0f %d %d\n", rps, p50, p99, cpu_us, db_us, other, bad, n
    }')
  log "$(awk -v l="$label" '{ printf "%-14s %7d req/s  p50 %6.2f ms  p99 %7.2f ms  %6.1f µs CPU/req (db %5.1f)  others %3d%% of CPU  bad %d", l, $1, $2, $3, $4, $5, $6, $7 }' <<<"$figures")"
  echo "$figures"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A RPS P50 P99 CPU DBCPU OTHER BAD SERVED
record() {  # record KEY ROUND "rps p50 p99 cpu dbcpu other bad requests"
  local key=$1 round=$2 rps p50 p99 cpu dbcpu other bad n
  read -r rps p50 p99 cpu dbcpu other bad n <<<"$3"
  RPS[$key.$round]=$rps
  P50[$key.$round]=$p50
  P99[$key.$round]=$p99
  CPU[$key.$round]=$cpu
  DBCPU[$key.$round]=$dbcpu
  OTHER[$key.$round]=$other
  BAD[$key]=$((${BAD[$key]:-0} + bad))
  SERVED[$key]=$((${SERVED[$key]:-0} + n))
}

# Access records of resume views, read once the server has stopped.
count_sqlite() {
  python3 -c '
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(db.execute("SELECT COUNT(*) FROM access_records WHERE data_kind = ? AND purpose = ?",
                 ("resume", "view_resume")).fetchone()[0])
' "$1"
}
count_pg() {
  psql "$1" -qAtc "SELECT COUNT(*) FROM access_records WHERE data_kind = 'resume' AND purpose = 'view_resume'"
}

mkdir -p "$OUT"
rm -rf "$RAW"
mkdir -p "$RAW"

start BARE_URL bare "$BARE" 0 "$THREADS"
log "bare_hello at $BARE_URL"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"

# bench_backend KEY [hiresafe database options...]: seeds, serves, measures the resume view against
# bare GET / in interleaved rounds, stops the server and counts the access records written.
# Leaves SEED_SECONDS_KEY, SAMPLE_BYTES_KEY, RECORDS_KEY, EXTRA_KEY (warm-up and sample requests)
# and the round figures under KEY (resume) and bare_KEY.
bench_backend() {
  local key=$1
  shift
  local data=$TMP/data-$key ids=$TMP/resume_ids-$key.txt token=$TMP/token-$key.txt
  log "[$key] seeding $RESUMES resumes"
  local t0 seconds
  t0=$(date +%s.%N)
  "$HIRESAFE" seed --resumes "$RESUMES" --resume-ids-out "$ids" --token-out "$token" \
    --data-dir "$data" "$@" >"$RAW/seed-$key.log" 2>"$TMP/seed-$key.err" ||
    { cat "$RAW/seed-$key.log" "$TMP/seed-$key.err" >&2; exit 1; }
  seconds=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  printf -v "SEED_SECONDS_$key" '%s' "$seconds"
  printf -v "SEED_LINE_$key" '%s' "$(grep '^loaded' "$RAW/seed-$key.log")"
  log "[$key] $(grep '^loaded' "$RAW/seed-$key.log") (${seconds}s with start-up)"
  if [[ $key = sqlite ]]; then
    printf -v "DB_SIZE_$key" '%s' "$(du -sh "$data" | cut -f1)"
  fi

  local url_var=HS_URL_$key
  start "$url_var" "hiresafe-$key" "$HIRESAFE" serve --data-dir "$data" "$@" --listen 127.0.0.1:0
  local url=${!url_var} pid_var=HS_URL_${key}_PID
  local pid=${!pid_var}
  log "[$key] hiresafe at $url"

  local first sample code
  first=$(head -1 "$ids")
  code=$(curl -s -o "$TMP/sample-$key.json" -w '%{http_code}' \
    -H "Authorization: Bearer $(cat "$token")" "$url/api/v1/resumes/$first")
  if [[ $code != 200 ]]; then
    log "[$key] GET /api/v1/resumes/$first answered $code:"
    cat "$TMP/sample-$key.json" >&2
    exit 1
  fi
  printf -v "SAMPLE_BYTES_$key" '%s' "$(wc -c <"$TMP/sample-$key.json")"
  log "[$key] sample masked view: $(wc -c <"$TMP/sample-$key.json") bytes"

  # load() puts the URL last, so the Lua script finds its files through the environment.
  export RESUME_IDS=$ids RESUME_TOKEN=$token
  local resume_wrk=(-s "$ROOT/bench/resume_get.lua")
  log "[$key] warming up"
  "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$BARE_URL/" >/dev/null 2>&1
  "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s --latency "${resume_wrk[@]}" "$url" \
    >"$RAW/$key.warmup.txt" 2>&1
  local warm_n warm_bad
  read -r _ _ _ warm_n warm_bad <<<"$(parse "$RAW/$key.warmup.txt")"
  ((warm_bad == 0)) || log "[$key] WARNING: $warm_bad bad answers while warming up"
  printf -v "EXTRA_$key" '%s' "$((warm_n + 1))"  # the warm-up and the sample request

  log "[$key] $ROUNDS rounds of bare / and GET /api/v1/resumes/{random id}, ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
  local round
  for round in $(seq 1 "$ROUNDS"); do
    record "bare_$key" "$round" "$(load "bare-$key.r$round" "$BARE_URL_PID" "$BARE_URL/")"
    record "$key" "$round" "$(load "resume-$key.r$round" "$pid" "$url" "${resume_wrk[@]}")"
  done

  # Stop the server before counting so the in-flight views have finished writing.
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  local records
  if [[ $key = sqlite ]]; then
    records=$(count_sqlite "$data/hiresafe.db")
  else
    records=$(count_pg "$PG_BASE/$PG_DB")
  fi
  printf -v "RECORDS_$key" '%s' "$records"
}

BACKENDS=(sqlite)
bench_backend sqlite
if [[ -n $PG_BASE ]]; then
  BACKENDS+=(postgres)
  bench_backend postgres --database-url "$PG_BASE/$PG_DB"
fi
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report -------------------------------------------------------------------------------------
med() {
  local -n map=$1
  for round in $(seq 1 "$ROUNDS"); do echo "${map[$2.$round]}"; done | median
}
rounds() {
  local -n map=$1
  local out=""
  for round in $(seq 1 "$ROUNDS"); do out+="${out:+ / }${map[$2.$round]}"; done
  echo "$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
WRK_VERSION=$({ "$WRK" -v 2>&1 || true; } | awk 'NR == 1 { print $2 }')
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=""
if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null | head -1) ]]; then
  DIRTY=" (with uncommitted changes)"
fi

section() {  # section KEY TITLE
  local key=$1 title=$2 k
  for k in "bare_$key" "$key"; do
    printf -v "M_RPS_$k" '%s' "$(med RPS "$k")"
    printf -v "M_P50_$k" '%s' "$(med P50 "$k")"
    printf -v "M_P99_$k" '%s' "$(med P99 "$k")"
    printf -v "M_CPU_$k" '%s' "$(med CPU "$k")"
    printf -v "M_DBCPU_$k" '%s' "$(med DBCPU "$k")"
    printf -v "M_OTHER_$k" '%s' "$(med OTHER "$k")"
  done
  local rps_bare=M_RPS_bare_$key rps=M_RPS_$key p50_bare=M_P50_bare_$key p50=M_P50_$key
  local p99_bare=M_P99_bare_$key p99=M_P99_$key cpu_bare=M_CPU_bare_$key cpu=M_CPU_$key
  local dbcpu=M_DBCPU_$key other_bare=M_OTHER_bare_$key other=M_OTHER_$key
  local seed_seconds=SEED_SECONDS_$key seed_line=SEED_LINE_$key sample=SAMPLE_BYTES_$key
  local records_var=RECORDS_$key extra_var=EXTRA_$key
  local served=$((${SERVED[$key]:-0} + ${!extra_var})) records=${!records_var}
  local margin=$(((ROUNDS + 1) * CONNECTIONS))  # a request per connection in flight per wrk run
  local db_cell="in process"
  [[ $key = sqlite ]] || db_cell=$([[ -n $PG_DIR ]] && echo "${!dbcpu}" || echo "n/a")
  local v_rps v_p99 v_records
  v_rps=$(verdict ge "${!rps}" "$TARGET_RPS")
  v_p99=$(verdict le "${!p99}" "$TARGET_P99_MS")
  v_records=$(verdict test "$records" -ge "$served" -a "$records" -le "$((served + margin))")
  local warn=""
  for k in "bare_$key" "$key"; do
    if ((${BAD[$k]:-0} > 0)); then
      warn+="- WARNING: the $k runs had ${BAD[$k]} non-2xx responses or socket errors; these runs are bad, see bench/out/raw-resumes/."$'\n'
    fi
    local o=M_OTHER_$k
    if ge "${!o}" 10; then
      warn+="- WARNING: other processes used ${!o}% of the machine during the $k runs (median); req/s and p99 are depressed, CPU µs/request is the steadier figure."$'\n'
    fi
  done
  local data_note
  if [[ $key = sqlite ]]; then
    local size=DB_SIZE_$key
    data_note="SQLite WAL, data dir ${!size}"
  else
    data_note=$PG_NOTE
  fi
  cat <<SECTION
## $title

- data: ${!seed_line} (\`hiresafe seed --resumes $RESUMES --resume-ids-out … --token-out …\`, ${!seed_seconds}s with start-up); $data_note; one masked view is about ${!sample} bytes
- viewer: the synthetic recruiter, seeded as verified (identity and employment approved, member of a company); every view writes an access record

| target | req/s | p50 ms | p99 ms | req/s ÷ bare | server CPU µs/req | CPU ÷ bare | database CPU µs/req | others' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
| bare RESTinio GET / | ${!rps_bare} | ${!p50_bare} | ${!p99_bare} | 1.00 | ${!cpu_bare} | 1.0 | – | ${!other_bare}% | $(rounds RPS "bare_$key") | $(rounds P99 "bare_$key") |
| GET /api/v1/resumes/{id} | ${!rps} | ${!p50} | ${!p99} | $(ratio "${!rps}" "${!rps_bare}") | ${!cpu} | $(ratio "${!cpu}" "${!cpu_bare}") | $db_cell | ${!other}% | $(rounds RPS "$key") | $(rounds P99 "$key") |

Targets: ≥ $TARGET_RPS req/s: **$v_rps** (${!rps}); p99 ≤ $TARGET_P99_MS ms: **$v_p99** (${!p99} ms).

Access records written: $records (requests served: $served, of which $((served - ${SERVED[$key]:-0})) warm-up and sample; up to $margin more may have been in flight when wrk stopped): **$v_records**; non-2xx or socket errors in the measured runs: ${BAD[$key]:-0}.

$warn
SECTION
}

{
  cat <<HEADER
# hiresafe resume-view benchmark

- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $GIT_REV$DIRTY, build $BUILD_TYPE
- machine: $NPROC CPUs, $CPU_MODEL, Linux $(uname -r); load average before $LOAD_BEFORE, after $LOAD_AFTER
- load: wrk $WRK_VERSION, -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, loopback, $ROUNDS interleaved rounds, medians shown; a random resume id per request (bench/resume_get.lua)

HEADER
  section sqlite "SQLite"
  if [[ -n $PG_BASE ]]; then
    section postgres "PostgreSQL"
  else
    echo "PostgreSQL: not measured (set BENCH_PG=1 for a throwaway cluster, or BENCH_PG_BASE=postgresql://user@host:port)."
    echo
  fi
  echo "Command: \`bash bench/resumes.sh $BUILD_ARG\` (BENCH_SECONDS=$DURATION BENCH_ROUNDS=$ROUNDS BENCH_RESUMES=$RESUMES${BENCH_PG:+ BENCH_PG=$BENCH_PG}${BENCH_PG_OPTS:+ BENCH_PG_OPTS=\"$BENCH_PG_OPTS\"}${BENCH_PG_BASE:+ BENCH_PG_BASE=…})"
} >"$OUT/resumes.md"

cat "$OUT/resumes.md"
