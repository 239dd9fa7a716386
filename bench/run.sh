#!/usr/bin/env bash
# HTTP load benchmark: GET /healthz and an authenticated GET /api/v1/me against a bare RESTinio
# hello-world built in the same run, then /healthz while password sign-ins (Argon2id) run.
#
#   bash bench/run.sh [BUILD_DIR]          BUILD_DIR defaults to build-bench (relative to the repo)
#
# Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_ROUNDS (default 3),
# BENCH_SIGNIN_CONNECTIONS (concurrent sign-ins, default 4), WRK (default wrk).
# Loopback only. Writes bench/out/results.md and the raw wrk output under bench/out/raw/.
# Never run by ctest: a benchmark on a shared machine is a measurement, not a pass/fail test.
#
# Besides req/s and p99 it records, per run, the server's own CPU time per request (from
# /proc/PID/stat) and how much of the machine other processes used meanwhile, because req/s on a
# small shared machine moves with whatever else is running.
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_ARG=${1:-build-bench}
BUILD=$BUILD_ARG
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
SIGNIN_CONNECTIONS=${BENCH_SIGNIN_CONNECTIONS:-4}
THREADS=2
CONNECTIONS=64
# The issue's targets.
TARGET_RATIO=0.50
TARGET_P99_MS=5

OUT=$ROOT/bench/out
RAW=$OUT/raw
WRK=${WRK:-wrk}
HH_EMAIL=headhunter@demo.hiresafe.dev
HH_PASSWORD=demo-password-1
NPROC=$(nproc)
HZ=$(getconf CLK_TCK)

command -v "$WRK" >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl not found" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-bench.XXXXXX")
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
log "building hiresafe and bare_hello in $BUILD"
cmake --build "$BUILD" --target hiresafe bare_hello -j "$NPROC" >"$TMP/build.log" 2>&1 ||
  { cat "$TMP/build.log" >&2; exit 1; }
HIRESAFE=$BUILD/hiresafe
BARE=$BUILD/bench/bare_hello
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")

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

DATA=$TMP/data
log "seeding demo accounts into a temp data dir"
"$HIRESAFE" seed --demo --data-dir "$DATA" >"$TMP/seed.log" 2>&1 || { cat "$TMP/seed.log" >&2; exit 1; }

start BARE_URL bare "$BARE" 0 "$THREADS"
start HS_URL hiresafe "$HIRESAFE" serve --data-dir "$DATA" --listen 127.0.0.1:0
log "bare_hello at $BARE_URL, hiresafe at $HS_URL"

SIGNIN=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"email\":\"$HH_EMAIL\",\"password\":\"$HH_PASSWORD\",\"device_label\":\"bench\"}" \
  "$HS_URL/api/v1/auth/password-sign-in") || { log "password sign-in failed"; exit 1; }
TOKEN=$(sed -n 's/.*"token":"\(hs_[0-9a-f]*\)".*/\1/p' <<<"$SIGNIN")
[[ -n $TOKEN ]] || { log "no token in sign-in answer: $SIGNIN"; exit 1; }
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$HS_URL/api/v1/me" ||
  { log "GET /api/v1/me with the token failed"; exit 1; }

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

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }          # user+system, in ticks
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }  # whole machine

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
  log "$(awk -v l="$label" '{ printf "%-20s %7d req/s  p99 %7.2f ms  %6.1f µs CPU/req  others %3d%% of CPU  bad %d", l, $1, $3, $4, $5, $6 }' <<<"$figures")"
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

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"
log "warming up"
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$BARE_URL/" >/dev/null 2>&1
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "$HS_URL/healthz" >/dev/null 2>&1
"$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s -H "Authorization: Bearer $TOKEN" "$HS_URL/api/v1/me" >/dev/null 2>&1

log "$ROUNDS rounds of bare / , /healthz , /api/v1/me, ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
for round in $(seq 1 "$ROUNDS"); do
  record bare "$round" "$(load "bare.r$round" "$BARE_URL_PID" "$BARE_URL/")"
  record healthz "$round" "$(load "healthz.r$round" "$HS_URL_PID" "$HS_URL/healthz")"
  record me "$round" "$(load "me.r$round" "$HS_URL_PID" "$HS_URL/api/v1/me" -H "Authorization: Bearer $TOKEN")"
done

# One Argon2id verify, uncontended: one client signing in again and again on an otherwise idle server.
SOLO_SECONDS=$(((DURATION + 1) / 2))
log "one client signing in for ${SOLO_SECONDS}s (the cost of one Argon2id verify)"
"$WRK" -t1 -c1 -d"${SOLO_SECONDS}s" --latency --timeout 10s -s "$ROOT/bench/signin.lua" \
  "$HS_URL/api/v1/auth/password-sign-in" >"$RAW/signin-solo.txt" 2>&1
read -r SOLO_RPS SOLO_P50 SOLO_P99 _ SOLO_BAD <<<"$(parse "$RAW/signin-solo.txt")"
log "$(printf 'signin-solo          %7s req/s  p50 %7s ms  p99 %7s ms' "$SOLO_RPS" "$SOLO_P50" "$SOLO_P99")"

log "$ROUNDS rounds of /healthz while $SIGNIN_CONNECTIONS clients sign in with a password"
for round in $(seq 1 "$ROUNDS"); do
  "$WRK" -t1 -c"$SIGNIN_CONNECTIONS" -d"$((DURATION + 2))s" --latency --timeout 10s -s "$ROOT/bench/signin.lua" \
    "$HS_URL/api/v1/auth/password-sign-in" >"$RAW/signin.r$round.txt" 2>&1 &
  signin_pid=$!
  PIDS+=("$signin_pid")
  sleep 1  # let the worker pool fill up first
  record argon "$round" "$(load "healthz+signin.r$round" "$HS_URL_PID" "$HS_URL/healthz")"
  wait "$signin_pid"
  read -r s_rps s_p50 s_p99 _ s_bad <<<"$(parse "$RAW/signin.r$round.txt")"
  RPS[signin.$round]=$s_rps
  P50[signin.$round]=$s_p50
  P99[signin.$round]=$s_p99
  BAD[signin]=$((${BAD[signin]:-0} + s_bad))
  log "$(printf 'signin.r%-12s %7s req/s  p50 %7s ms  p99 %7s ms' "$round" "$s_rps" "$s_p50" "$s_p99")"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- report -------------------------------------------------------------------------------------
med() {  # med MAP KEY: the median over the rounds
  local -n map=$1
  for round in $(seq 1 "$ROUNDS"); do echo "${map[$2.$round]}"; done | median
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

for key in bare healthz me argon; do
  printf -v "M_RPS_$key" '%s' "$(med RPS "$key")"
  printf -v "M_P99_$key" '%s' "$(med P99 "$key")"
  printf -v "M_CPU_$key" '%s' "$(med CPU "$key")"
  printf -v "M_OTHER_$key" '%s' "$(med OTHER "$key")"
done
M_RPS_signin=$(med RPS signin)
M_P50_signin=$(med P50 signin)
M_P99_signin=$(med P99 signin)

ME_RATIO=$(ratio "$M_RPS_me" "$M_RPS_bare")
HZ_RATIO=$(ratio "$M_RPS_healthz" "$M_RPS_bare")
ME_CPU_RATIO=$(ratio "$M_CPU_me" "$M_CPU_bare")
HZ_CPU_RATIO=$(ratio "$M_CPU_healthz" "$M_CPU_bare")
ARGON_RATIO=$(ratio "$M_RPS_argon" "$M_RPS_healthz")
V_ME_RATIO=$(verdict ge "$ME_RATIO" "$TARGET_RATIO")
V_ME_P99=$(verdict le "$M_P99_me" "$TARGET_P99_MS")
# Had Argon2id run on an I/O thread, /healthz requests on that thread would wait out whole hashes:
# its p99 would reach the solo sign-in time and its rate would collapse. So: p99 below one hash,
# and at least half the rate it has alone (the hashes do take CPU the I/O threads would have had).
V_ARGON_P99=$(verdict lt "$M_P99_argon" "$SOLO_P50")
V_ARGON_RATE=$(verdict ge "$ARGON_RATIO" 0.50)

CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
KERNEL=$(uname -r)
WRK_VERSION=$({ "$WRK" -v 2>&1 || true; } | awk 'NR == 1 { print $2 }')
GIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
WARN=""
for key in bare healthz me argon signin; do
  if ((${BAD[$key]:-0} > 0)); then
    WARN+="- WARNING: the $key runs had ${BAD[$key]} non-2xx responses or socket errors; see bench/out/raw/."$'\n'
  fi
done
if ((SOLO_BAD > 0)); then WARN+="- WARNING: the solo sign-in run had $SOLO_BAD failed requests."$'\n'; fi
for key in bare healthz me argon; do
  m=M_OTHER_$key
  if ge "${!m}" 10; then
    WARN+="- WARNING: other processes used ${!m}% of the machine during the $key runs (median); req/s and p99 are depressed, CPU µs/request is the steadier figure."$'\n'
  fi
done

mkdir -p "$OUT"
cat >"$OUT/results.md" <<EOF
# hiresafe HTTP benchmark

- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $GIT_REV, build $BUILD_TYPE
- machine: $NPROC CPUs, $CPU_MODEL, Linux $KERNEL; load average before $LOAD_BEFORE, after $LOAD_AFTER
- load: wrk $WRK_VERSION, -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, loopback, $ROUNDS interleaved rounds, medians shown
- servers: hiresafe serve (defaults: 2 I/O threads, 2 worker threads, SQLite WAL, info access log);
  bare_hello (RESTinio express router, same traits, 2 threads, GET / answers 17 bytes of JSON)

| target | req/s | p99 ms | req/s ÷ bare | server CPU µs/req | CPU ÷ bare | others' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---:|---|---|
| bare RESTinio GET / | $M_RPS_bare | $M_P99_bare | 1.00 | $M_CPU_bare | 1.0 | $M_OTHER_bare% | $(rounds RPS bare) | $(rounds P99 bare) |
| GET /healthz | $M_RPS_healthz | $M_P99_healthz | $HZ_RATIO | $M_CPU_healthz | $HZ_CPU_RATIO | $M_OTHER_healthz% | $(rounds RPS healthz) | $(rounds P99 healthz) |
| GET /api/v1/me (bearer) | $M_RPS_me | $M_P99_me | $ME_RATIO | $M_CPU_me | $ME_CPU_RATIO | $M_OTHER_me% | $(rounds RPS me) | $(rounds P99 me) |

Targets: /api/v1/me ≥ $TARGET_RATIO × bare req/s: **$V_ME_RATIO** ($ME_RATIO); /api/v1/me p99 ≤ $TARGET_P99_MS ms: **$V_ME_P99** ($M_P99_me ms).

## /healthz while password sign-ins run

One client signing in alone (one Argon2id verify, interactive): $SOLO_RPS sign-ins/s, p50 $SOLO_P50 ms.
Then $SIGNIN_CONNECTIONS connections POST /api/v1/auth/password-sign-in for the whole of each /healthz run.

| load | req/s | p50 ms | p99 ms | server CPU µs/req | others' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---|---|
| GET /healthz alone | $M_RPS_healthz | | $M_P99_healthz | $M_CPU_healthz | $M_OTHER_healthz% | $(rounds RPS healthz) | $(rounds P99 healthz) |
| GET /healthz during sign-ins | $M_RPS_argon | | $M_P99_argon | | $M_OTHER_argon% | $(rounds RPS argon) | $(rounds P99 argon) |
| password sign-ins (concurrent) | $M_RPS_signin | $M_P50_signin | $M_P99_signin | | | $(rounds RPS signin) | $(rounds P99 signin) |

(During sign-ins the server's CPU includes the hashing, so no per-request CPU figure is given.)

- /healthz p99 during sign-ins stays below one Argon2id verify ($M_P99_argon < $SOLO_P50 ms): **$V_ARGON_P99**
- /healthz keeps ≥ 0.50 of its rate alone ($ARGON_RATIO): **$V_ARGON_RATE**

${WARN}
Command: \`bash bench/run.sh $BUILD_ARG\` (BENCH_SECONDS=$DURATION BENCH_ROUNDS=$ROUNDS BENCH_SIGNIN_CONNECTIONS=$SIGNIN_CONNECTIONS)
EOF

cat "$OUT/results.md"
