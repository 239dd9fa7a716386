# shellcheck shell=bash
# Helpers shared by the benchmark scripts (bench/run.sh, bench/jobs.sh, bench/resumes.sh): tool
# checks, the temp dir and its exit trap, building, starting servers, wrk runs and their CPU
# accounting, medians and the report's common lines. Sourced, never run:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sourced without arguments, so $1 is still the calling script's BUILD_DIR argument.
# Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_ROUNDS (default 3), WRK (default wrk).
# Each script sets RAW (where wrk's output goes) and calls setup_tmp before anything else runs.
# shellcheck disable=SC2034  # the settings below are read by the scripts that source this file

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_ARG=${1:-build-bench}
BUILD=$BUILD_ARG
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
THREADS=2
CONNECTIONS=64

OUT=$ROOT/bench/out
WRK=${WRK:-wrk}
NPROC=$(nproc)
HZ=$(getconf CLK_TCK)

command -v "$WRK" >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

log() { echo "[bench] $*" >&2; }

# setup_tmp PREFIX: a temp dir in TMP, removed on exit together with every process in PIDS. A
# script with more to undo defines cleanup_more(); it runs after the processes have stopped and
# before the temp dir goes.
setup_tmp() {
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  PIDS=()
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  if declare -F cleanup_more >/dev/null; then cleanup_more; fi
  rm -rf "$TMP"
}

# ---- build --------------------------------------------------------------------------------------
# build TARGET...: configures BUILD (RelWithDebInfo) if it is not yet, builds the targets and sets
# HIRESAFE, BARE and BUILD_TYPE.
build() {
  if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    log "configuring $BUILD (RelWithDebInfo)"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  local names=$1 i
  for ((i = 2; i <= $#; i++)); do
    if ((i == $#)); then names+=" and ${!i}"; else names+=", ${!i}"; fi
  done
  log "building $names in $BUILD"
  cmake --build "$BUILD" --target "$@" -j "$NPROC" >"$TMP/build.log" 2>&1 ||
    { cat "$TMP/build.log" >&2; exit 1; }
  HIRESAFE=$BUILD/hiresafe
  BARE=$BUILD/bench/bare_hello
  BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
}

# ---- servers ------------------------------------------------------------------------------------
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

# ---- measuring ----------------------------------------------------------------------------------
# elapsed T0: seconds since T0 (from date +%s.%N), one decimal.
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# warm_up [wrk args...] URL: a 2 s wrk run whose figures are thrown away.
warm_up() { "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$@" >/dev/null 2>&1; }

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

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }          # user+system, in ticks
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }  # whole machine
# The database's processes, for its share of the CPU. None by default (SQLite runs in the server);
# bench/resumes.sh redefines it for a PostgreSQL cluster of its own.
db_ticks() { echo 0; }

# The awk program load() logs a run's figures with ($1 … $8 as load() prints them, l the label).
# A script may set its own.
# shellcheck disable=SC2016  # an awk program: awk expands it
LOAD_LOG='{ printf "%-12s %7d req/s  p50 %6.2f ms  p99 %7.2f ms  %6.1f µs CPU/req  others %3d%% of CPU  bad %d", l, $1, $2, $3, $4, $6, $7 }'

# load LABEL SERVER_PID URL [wrk args...]: one wrk run into RAW/LABEL.txt. Prints
# "req_per_sec p50_ms p99_ms cpu_us_per_request db_cpu_us_per_request other_cpu_percent bad
# requests". The database's CPU is its own column and not counted among the others.
load() {
  local label=$1 server_pid=$2 url=$3
  shift 3
  local s0 m0 d0 s1 m1 d1 wrk_cpu
  s0=$(proc_ticks "$server_pid")
  m0=$(busy_ticks)
  d0=$(db_ticks)
  wrk_cpu=$({ TIMEFORMAT='%U %S'; time "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    "$@" "$url" >"$RAW/$label.txt" 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
  s1=$(proc_ticks "$server_pid")
  m1=$(busy_ticks)
  d1=$(db_ticks)
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
  log "$(awk -v l="$label" "$LOAD_LOG" <<<"$figures")"
  echo "$figures"
}

declare -A RPS P50 P99 CPU DBCPU OTHER BAD SERVED
record() {  # record KEY ROUND "rps p50 p99 cpu dbcpu other bad requests", as load() prints it
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

# ---- report -------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() {  # med MAP KEY: the median over the rounds
  local -n map=$1
  for round in $(seq 1 "$ROUNDS"); do echo "${map[$2.$round]}"; done | median
}
medians() {  # medians KEY MAP...: sets M_MAP_KEY to the median of each MAP for KEY
  local key=$1 map
  shift
  for map in "$@"; do printf -v "M_${map}_$key" '%s' "$(med "$map" "$key")"; done
}
rounds() {  # rounds MAP KEY: "a / b / c"
  local -n map=$1
  local out=""
  for round in $(seq 1 "$ROUNDS"); do out+="${out:+ / }${map[$2.$round]}"; done
  echo "$out"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

# machine_info: sets CPU_MODEL, KERNEL, WRK_VERSION and GIT_REV for the report.
machine_info() {
  CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  KERNEL=$(uname -r)
  WRK_VERSION=$({ "$WRK" -v 2>&1 || true; } | awk 'NR == 1 { print $2 }')
  GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
}

# The report's "- date:" line; DIRTY, where a script sets it, follows the commit.
date_line() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $GIT_REV${DIRTY:-}, build $BUILD_TYPE"
}
# The report's "- machine:" line and the start of its "- load:" line (after machine_info and with
# LOAD_BEFORE and LOAD_AFTER set).
machine_line() {
  echo "- machine: $NPROC CPUs, $CPU_MODEL, Linux $KERNEL; load average before $LOAD_BEFORE, after $LOAD_AFTER"
}
load_line() {
  echo "- load: wrk $WRK_VERSION, -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, loopback, $ROUNDS interleaved rounds, medians shown"
}

# warn_bad VAR KEY [NOTE]: appends to VAR a warning line if the KEY runs had failed requests.
warn_bad() {
  if ((${BAD[$2]:-0} > 0)); then
    printf -v "$1" '%s' "${!1}- WARNING: the $2 runs had ${BAD[$2]} non-2xx responses or socket errors; ${3:-}see bench/out/${RAW##*/}/."$'\n'
  fi
}
# warn_other VAR KEY: appends to VAR a warning line if other processes used ≥ 10 % of the machine
# during the KEY runs (median, M_OTHER_KEY).
warn_other() {
  local m=M_OTHER_$2
  if ge "${!m}" 10; then
    printf -v "$1" '%s' "${!1}- WARNING: other processes used ${!m}% of the machine during the $2 runs (median); req/s and p99 are depressed, CPU µs/request is the steadier figure."$'\n'
  fi
}
