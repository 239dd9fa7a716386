#!/usr/bin/env bash
# Job-post benchmark: GET /api/v1/jobs/{id} (a random id per request) with N synthetic posts in
# the store, against a bare RESTinio hello-world built and measured in the same run; then the
# JOB-2 publishing-rule check on one core.
#
#   bash bench/jobs.sh [BUILD_DIR]          BUILD_DIR defaults to build-bench (relative to the repo)
#
# Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_ROUNDS (default 3),
# BENCH_JOBS (posts to seed, default 100000), WRK (default wrk).
# Targets (the issue): job GET ≥ 0.60 × bare req/s, p99 ≤ 5 ms; rules ≥ 20 000 texts/s on one core.
# Loopback only. Writes bench/out/jobs.md and raw output under bench/out/raw-jobs/.
# Never run by ctest. Helpers mirror bench/run.sh (same wrk parsing, same CPU accounting).
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_ARG=${1:-build-bench}
BUILD=$BUILD_ARG
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
JOBS=${BENCH_JOBS:-100000}
THREADS=2
CONNECTIONS=64
TARGET_RATIO=0.60
TARGET_P99_MS=5
TARGET_TEXTS=20000

OUT=$ROOT/bench/out
RAW=$OUT/raw-jobs
WRK=${WRK:-wrk}
NPROC=$(nproc)
HZ=$(getconf CLK_TCK)

command -v "$WRK" >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-jobs-bench.XXXXXX")
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
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
log "building hiresafe, bare_hello and rules_bench in $BUILD"
cmake --build "$BUILD" --target hiresafe bare_hello rules_bench -j "$NPROC" >"$TMP/build.log" 2>&1 ||
  { cat "$TMP/build.log" >&2; exit 1; }
HIRESAFE=$BUILD/hiresafe
BARE=$BUILD/bench/bare_hello
RULES_BENCH=$BUILD/bench/rules/rules_bench
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")

# ---- data and servers ---------------------------------------------------------------------------
DATA=$TMP/data
IDS=$TMP/job_ids.txt
log "seeding $JOBS job posts into a temp data dir"
SEED_START=$(date +%s.%N)
"$HIRESAFE" seed --jobs "$JOBS" --ids-out "$IDS" --data-dir "$DATA" >"$TMP/seed.log" 2>"$TMP/seed.err" ||
  { cat "$TMP/seed.log" "$TMP/seed.err" >&2; exit 1; }
SEED_SECONDS=$(awk -v a="$SEED_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
log "$(cat "$TMP/seed.log") (${SEED_SECONDS}s with start-up); database $(du -sh "$DATA" | cut -f1)"

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

start BARE_URL bare "$BARE" 0 "$THREADS"
start HS_URL hiresafe "$HIRESAFE" serve --data-dir "$DATA" --listen 127.0.0.1:0
log "bare_hello at $BARE_URL, hiresafe at $HS_URL"

FIRST_ID=$(head -1 "$IDS")
SAMPLE=$(curl -sf "$HS_URL/api/v1/jobs/$FIRST_ID") || { log "GET /api/v1/jobs/$FIRST_ID failed"; exit 1; }
SAMPLE_BYTES=${#SAMPLE}
log "sample job answer: $SAMPLE_BYTES bytes"

# ---- measuring ----------------------------------------------------------------------------------
rm -rf "$RAW"
mkdir -p "$RAW"

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
# "req_per_sec p50_ms p99_ms cpu_us_per_request other_cpu_percent bad".
load() {
  local label=$1 server_pid=$2 url=$3
  shift 3
  local s0 m0 s1 m1 wrk_cpu
  s0=$(proc_ticks "$server_pid")
  m0=$(busy_ticks)
  wrk_cpu=$({ TIMEFORMAT='%U %S'; time "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    "$@" "$url" >"$RAW/$label.txt" 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
  s1=$(proc_ticks "$server_pid")
  m1=$(busy_ticks)
  local rps p50 p99 n bad
  read -r rps p50 p99 n bad <<<"$(parse "$RAW/$label.txt")"
  local figures
  figures=$(awk -v rps="$rps" -v p50="$p50" -v p99="$p99" -v n="$n" -v bad="$bad" \
    -v srv=$((s1 - s0)) -v all=$((m1 - m0)) -v wrk="$wrk_cpu" -v hz="$HZ" -v cpus="$NPROC" \
    -v secs="$DURATION" 'BEGIN {
      cpu_us = n > 0 ? srv / hz * 1e6 / n : 0
      other = (all / hz - srv / hz - wrk) / (secs * cpus) * 100
      if (other < 0) other = 0
      printf "%d %.2f %.2f %.1f %.0f %d\n", rps, p50, p99, cpu_us, other, bad
    }')
  log "$(awk -v l="$label" '{ printf "%-12s %7d req/s  p50 %6.2f ms  p99 %7.2f ms  %6.1f µs CPU/req  others %3d%% of CPU  bad %d", l, $1, $2, $3, $4, $5, $6 }' <<<"$figures")"
  echo "$figures"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A RPS P50 P99 CPU OTHER BAD
record() {  # record KEY ROUND "rps p50 p99 cpu other bad"
  local key=$1 round=$2 rps p50 p99 cpu other bad
  read -r rps p50 p99 cpu other bad <<<"$3"
  RPS[$key.$round]=$rps
  P50[$key.$round]=$p50
  P99[$key.$round]=$p99
  CPU[$key.$round]=$cpu
  OTHER[$key.$round]=$other
  BAD[$key]=$((${BAD[$key]:-0} + bad))
}

# load() puts the URL last, so the Lua script finds the ids file through the environment.
export JOB_IDS=$IDS
JOB_WRK=(-s "$ROOT/bench/job_get.lua")
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"
log "warming up"
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$BARE_URL/" >/dev/null 2>&1
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "${JOB_WRK[@]}" "$HS_URL" >/dev/null 2>&1

log "$ROUNDS rounds of bare / and GET /api/v1/jobs/{random id}, ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
for round in $(seq 1 "$ROUNDS"); do
  record bare "$round" "$(load "bare.r$round" "$BARE_URL_PID" "$BARE_URL/")"
  record job "$round" "$(load "job.r$round" "$HS_URL_PID" "$HS_URL" "${JOB_WRK[@]}")"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- publishing rules on one core ---------------------------------------------------------------
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
log "rules_bench (BM_CheckCorpus, 5 repetitions${PIN:+, pinned to CPU 0})"
"${PIN[@]}" "$RULES_BENCH" --benchmark_filter='BM_CheckCorpus' --benchmark_format=json \
  >"$RAW/rules.json" 2>"$RAW/rules.err" || { cat "$RAW/rules.err" >&2; exit 1; }
# ReportAggregatesOnly: the JSON holds mean, median, stddev and cv of the 5 repetitions.
read -r TEXTS_MEDIAN TEXTS_MEAN TEXTS_SD REFUSED < <(python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
agg = {r.get("aggregate_name"): r for r in runs if r.get("run_type") == "aggregate"}
med = agg["median"]
print("%.0f %.0f %.0f %.2f" % (med["items_per_second"], agg["mean"]["items_per_second"],
                               agg["stddev"]["items_per_second"], med.get("refused_share", 0)))
' "$RAW/rules.json")
log "rules: $TEXTS_MEDIAN texts/s (median)"

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

for key in bare job; do
  printf -v "M_RPS_$key" '%s' "$(med RPS "$key")"
  printf -v "M_P50_$key" '%s' "$(med P50 "$key")"
  printf -v "M_P99_$key" '%s' "$(med P99 "$key")"
  printf -v "M_CPU_$key" '%s' "$(med CPU "$key")"
  printf -v "M_OTHER_$key" '%s' "$(med OTHER "$key")"
done
JOB_RATIO=$(ratio "$M_RPS_job" "$M_RPS_bare")
JOB_CPU_RATIO=$(ratio "$M_CPU_job" "$M_CPU_bare")
V_RATIO=$(verdict ge "$JOB_RATIO" "$TARGET_RATIO")
V_P99=$(verdict le "$M_P99_job" "$TARGET_P99_MS")
V_TEXTS=$(verdict ge "$TEXTS_MEDIAN" "$TARGET_TEXTS")

CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
WRK_VERSION=$({ "$WRK" -v 2>&1 || true; } | awk 'NR == 1 { print $2 }')
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
WARN=""
for key in bare job; do
  if ((${BAD[$key]:-0} > 0)); then
    WARN+="- WARNING: the $key runs had ${BAD[$key]} non-2xx responses or socket errors; see bench/out/raw-jobs/."$'\n'
  fi
  m=M_OTHER_$key
  if ge "${!m}" 10; then
    WARN+="- WARNING: other processes used ${!m}% of the machine during the $key runs (median); req/s and p99 are depressed, CPU µs/request is the steadier figure."$'\n'
  fi
done

mkdir -p "$OUT"
cat >"$OUT/jobs.md" <<REPORT
# hiresafe job-post benchmark

- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $GIT_REV, build $BUILD_TYPE
- machine: $NPROC CPUs, $CPU_MODEL, Linux $(uname -r); load average before $LOAD_BEFORE, after $LOAD_AFTER
- data: $JOBS open job posts seeded by \`hiresafe seed --jobs $JOBS\` in ${SEED_SECONDS}s (SQLite WAL); one answer is about $SAMPLE_BYTES bytes
- load: wrk $WRK_VERSION, -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, loopback, $ROUNDS interleaved rounds, medians shown; a random post id per request (bench/job_get.lua)

| target | req/s | p50 ms | p99 ms | req/s ÷ bare | server CPU µs/req | CPU ÷ bare | others' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---:|---:|---|---|
| bare RESTinio GET / | $M_RPS_bare | $M_P50_bare | $M_P99_bare | 1.00 | $M_CPU_bare | 1.0 | $M_OTHER_bare% | $(rounds RPS bare) | $(rounds P99 bare) |
| GET /api/v1/jobs/{id} | $M_RPS_job | $M_P50_job | $M_P99_job | $JOB_RATIO | $M_CPU_job | $JOB_CPU_RATIO | $M_OTHER_job% | $(rounds RPS job) | $(rounds P99 job) |

Targets: job GET ≥ $TARGET_RATIO × bare req/s: **$V_RATIO** ($JOB_RATIO); job GET p99 ≤ $TARGET_P99_MS ms: **$V_P99** ($M_P99_job ms).

Publishing rules (rules_bench BM_CheckCorpus, one thread${PIN:+, taskset -c 0}): **$TEXTS_MEDIAN texts/s** median of 5 (mean $TEXTS_MEAN, sd $TEXTS_SD; $REFUSED of the corpus refused); target ≥ $TARGET_TEXTS: **$V_TEXTS**.

${WARN}
Command: \`bash bench/jobs.sh $BUILD_ARG\` (BENCH_SECONDS=$DURATION BENCH_ROUNDS=$ROUNDS BENCH_JOBS=$JOBS)
REPORT

cat "$OUT/jobs.md"
