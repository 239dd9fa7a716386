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
# Never run by ctest. The helpers (wrk parsing, CPU accounting) are in bench/lib.sh, shared with
# bench/run.sh.
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JOBS=${BENCH_JOBS:-100000}
TARGET_RATIO=0.60
TARGET_P99_MS=5
TARGET_TEXTS=20000

RAW=$OUT/raw-jobs

setup_tmp hiresafe-jobs-bench

# ---- build --------------------------------------------------------------------------------------
build hiresafe bare_hello rules_bench
RULES_BENCH=$BUILD/bench/rules/rules_bench

# ---- data and servers ---------------------------------------------------------------------------
DATA=$TMP/data
IDS=$TMP/job_ids.txt
log "seeding $JOBS job posts into a temp data dir"
SEED_START=$(date +%s.%N)
"$HIRESAFE" seed --no-index --jobs "$JOBS" --ids-out "$IDS" --data-dir "$DATA" >"$TMP/seed.log" 2>"$TMP/seed.err" ||
  { cat "$TMP/seed.log" "$TMP/seed.err" >&2; exit 1; }
SEED_SECONDS=$(elapsed "$SEED_START")
log "$(cat "$TMP/seed.log") (${SEED_SECONDS}s with start-up); database $(du -sh "$DATA" | cut -f1)"

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

# load() puts the URL last, so the Lua script finds the ids file through the environment.
export JOB_IDS=$IDS
JOB_WRK=(-s "$ROOT/bench/job_get.lua")
LOAD_BEFORE=$(load_average)
log "load average before: $LOAD_BEFORE"
log "warming up"
warm_up "$BARE_URL/"
warm_up "${JOB_WRK[@]}" "$HS_URL"
# Every post read once, as on a site whose posts have all been opened before: the rounds then
# measure the steady state, where a post comes from the server's memory (jobs.cache_entries)
# until it changes. At ≥ 10,000 reads a second even from the database, this covers them all.
WALK_SECONDS=$(((JOBS + 9999) / 10000))
log "reading every post once (${WALK_SECONDS}s walk over the ids)"
JOB_WALK=1 JOB_WALK_THREADS=$THREADS "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d"${WALK_SECONDS}s" --latency \
  "${JOB_WRK[@]}" "$HS_URL" >"$RAW/walk.txt" 2>&1

log "$ROUNDS rounds of bare / and GET /api/v1/jobs/{random id}, ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
for round in $(seq 1 "$ROUNDS"); do
  record bare "$round" "$(load "bare.r$round" "$BARE_URL_PID" "$BARE_URL/")"
  record job "$round" "$(load "job.r$round" "$HS_URL_PID" "$HS_URL" "${JOB_WRK[@]}")"
done
LOAD_AFTER=$(load_average)

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
for key in bare job; do
  medians "$key" RPS P50 P99 CPU OTHER
done
JOB_RATIO=$(ratio "$M_RPS_job" "$M_RPS_bare")
JOB_CPU_RATIO=$(ratio "$M_CPU_job" "$M_CPU_bare")
V_RATIO=$(verdict ge "$JOB_RATIO" "$TARGET_RATIO")
V_P99=$(verdict le "$M_P99_job" "$TARGET_P99_MS")
V_TEXTS=$(verdict ge "$TEXTS_MEDIAN" "$TARGET_TEXTS")
read -r WALK_RPS _ WALK_P99 WALK_N _ <<<"$(parse "$RAW/walk.txt")"

machine_info
WARN=""
for key in bare job; do
  warn_bad WARN "$key"
  warn_other WARN "$key"
done

mkdir -p "$OUT"
cat >"$OUT/jobs.md" <<REPORT
# hiresafe job-post benchmark

$(date_line)
$(machine_line)
- data: $JOBS open job posts seeded by \`hiresafe seed --jobs $JOBS\` in ${SEED_SECONDS}s (SQLite WAL); one answer is about $SAMPLE_BYTES bytes
$(load_line); a random post id per request (bench/job_get.lua)
- before the rounds every post was read once, in order ($WALK_N requests, ${WALK_SECONDS}s): $WALK_RPS req/s, p99 $WALK_P99 ms there, where most reads are a post's first and come from the database; in the rounds a post comes from the server's memory (\`jobs.cache_entries\`) until it changes

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
