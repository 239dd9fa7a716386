#!/usr/bin/env bash
# Hiring benchmark: seekers applying, POST /api/v1/applications (every request a (seeker, job)
# pair never sent before, so each one creates an application: 201), and a verified recruiter's
# first page of applicants, GET /api/v1/jobs/{id}/applications, on a post with 10 000 of them;
# each against a bare RESTinio hello-world built and measured in the same run. SQLite always;
# then PostgreSQL when one is available.
#
#   bash bench/hiring.sh [BUILD_DIR]        BUILD_DIR defaults to build-bench (relative to the repo)
#
# Environment: BENCH_SECONDS (per wrk run, default 10), BENCH_ROUNDS (default 3),
# BENCH_SEEKERS (seekers seeded with a resume and a live session, default 20000),
# BENCH_JOBS_N (job posts seeded, default 50), BENCH_LIST_APPLICANTS (applications on the listed
# post, default 10000), BENCH_APPLY_MAX_RPS (the apply rate each run's pairs must suffice for,
# default 8000: a run gets ceil(this × seconds ÷ seekers) posts of its own), WRK (default wrk).
# PostgreSQL: BENCH_PG_BASE=postgresql://user@host:port uses that server (a fresh database is
# created and dropped); BENCH_PG=1 starts a throwaway PostgreSQL 15 cluster in a temp dir instead
# (initdb + pg_ctl as in scripts/test.sh, fsync on) and stops it at the end; BENCH_PG_OPTS adds
# server options to that cluster. BENCH_SERVE_OPTS adds options to `hiresafe serve` (e.g.
# "--io-threads 16 --db-pool-size 16"; the defaults are measured without it).
# BENCH_SQLITE_SYNC=full serves SQLite with `sqlite.synchronous = full` (an fsync of the WAL at
# every group commit, so a power cut loses no answered apply) instead of the default `normal`.
# Targets (the issue): apply ≥ 2 000/s on SQLite with durable commits (WAL), ≥ 3 000/s on
# PostgreSQL, p99 ≤ 20 ms; the applicant list of a post with 10 000 applications, first page,
# p99 ≤ 10 ms.
# Loopback only. Writes bench/out/hiring.md and raw output under bench/out/raw-hiring/.
# Never run by ctest. The helpers (wrk parsing, CPU accounting) are in bench/lib.sh.
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bench/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"
SEEKERS=${BENCH_SEEKERS:-20000}
JOBS_N=${BENCH_JOBS_N:-50}
LIST_APPLICANTS=${BENCH_LIST_APPLICANTS:-10000}
APPLY_MAX_RPS=${BENCH_APPLY_MAX_RPS:-8000}
WARM_SECONDS=2
TARGET_APPLY_SQLITE=2000
TARGET_APPLY_PG=3000
TARGET_APPLY_P99_MS=20
TARGET_LIST_P99_MS=10

RAW=$OUT/raw-hiring
# shellcheck disable=SC2016  # an awk program for load()'s log line, see bench/lib.sh
LOAD_LOG='{ printf "%-16s %7d req/s  p50 %6.2f ms  p99 %7.2f ms  %6.1f µs CPU/req (db %5.1f)  others %3d%% of CPU  non-2xx/socket %d", l, $1, $2, $3, $4, $5, $6, $7 }'

command -v python3 >/dev/null || { echo "python3 not found (fills the listed post)" >&2; exit 1; }
((LIST_APPLICANTS <= SEEKERS)) || { echo "BENCH_LIST_APPLICANTS exceeds BENCH_SEEKERS" >&2; exit 1; }

setup_tmp hiresafe-hiring-bench
SQLITE_SYNC=${BENCH_SQLITE_SYNC:-normal}
[[ $SQLITE_SYNC = normal || $SQLITE_SYNC = full ]] || { echo "BENCH_SQLITE_SYNC: normal or full" >&2; exit 2; }
printf '[sqlite]\nsynchronous = "%s"\n' "$SQLITE_SYNC" >"$TMP/serve-sqlite.toml"

# ---- build --------------------------------------------------------------------------------------
build hiresafe bare_hello

# ---- PostgreSQL (optional) ----------------------------------------------------------------------
start_pg

# ---- helpers ------------------------------------------------------------------------------------
# Applications in the database, by post, read once the server has stopped: "job_id count" lines.
count_sqlite() {
  python3 -c '
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for job, n in db.execute("SELECT job_id, COUNT(*) FROM applications GROUP BY job_id"):
    print(job, n)
' "$1"
}
count_pg() {
  psql "$1" -qAtF' ' -c "SELECT job_id, COUNT(*) FROM applications GROUP BY job_id"
}
# newest_seconds KEY DATA JOB: how many of JOB's applications the newest two seconds hold, "a, b".
# created_at is in whole seconds and the page is ordered by (created_at, id): when the newest
# second holds fewer applications than a page, the page reads the whole second before it.
newest_seconds() {
  local query="SELECT COUNT(*) FROM applications WHERE job_id = '$3' GROUP BY created_at ORDER BY created_at DESC LIMIT 2"
  if [[ $1 = sqlite ]]; then
    python3 -c '
import sqlite3, sys
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(", ".join(str(n) for (n,) in db.execute(sys.argv[2])))
' "$2/hiresafe.db" "$query"
  else
    psql "$PG_BASE/$PG_DB" -qAtc "$query" | paste -sd ',' | sed 's/,/, /g'
  fi
}

# apply_counts FILE: "created other exhausted" from apply.lua's closing line in wrk's output.
apply_counts() {
  sed -n 's/^apply: created \([0-9]*\) other \([0-9]*\) exhausted \([0-9]*\).*/\1 \2 \3/p' "$1"
}
# socket_errors FILE: wrk's socket errors (connect, read, write, timeout) in FILE.
socket_errors() {
  awk '/Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$1"
}

# apply_run LABEL SERVER_PID URL JOBS_FILE: one load() of bench/apply.lua on the posts in
# JOBS_FILE. Prints load()'s figures with "bad" replaced by every answer but 201 plus socket
# errors (wrk's non-2xx count misses a 200 "already applied"). Runs in a subshell: the caller
# reads the run's 201s from the raw output with apply_counts.
apply_run() {
  local label=$1 pid=$2 url=$3 jobs=$4 figures created other exhausted bad
  figures=$(APPLY_JOBS=$jobs load "$label" "$pid" "$url" -s "$ROOT/bench/apply.lua")
  read -r created other exhausted <<<"$(apply_counts "$RAW/$label.txt")"
  [[ -n $created ]] || { log "$label: no apply: line in $RAW/$label.txt"; exit 1; }
  bad=$((other + $(socket_errors "$RAW/$label.txt")))
  ((exhausted == 0)) || log "$label: WARNING: ran out of pairs ($exhausted requests); raise BENCH_APPLY_MAX_RPS"
  ((bad == 0)) || log "$label: $(grep '^apply:' "$RAW/$label.txt")"
  awk -v bad="$bad" '{ $7 = bad; print }' <<<"$figures"
}

# fill URL JOB N TOKENS: the first N seekers of TOKENS apply to JOB over HTTP, 16 at a time;
# prints how many answers were 201. A dropped connection is reopened and its request sent again
# (a repeat answers 200 if the first one got through; the caller checks the list's total).
fill() {
  python3 - "$@" <<'PY'
import http.client, json, sys, threading, urllib.parse
url, job, n, tokens = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
pairs = [line.rstrip("\n").split("\t") for line in open(tokens) if line.strip()][:n]
host = urllib.parse.urlsplit(url)
created, statuses, lock, nxt = [0], {}, threading.Lock(), [0]
def worker():
    conn = None
    while True:
        with lock:
            i = nxt[0]
            nxt[0] += 1
        if i >= len(pairs):
            return
        token, resume = pairs[i]
        body = json.dumps({"job_id": job, "resume_id": resume})
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        for attempt in range(5):
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
                conn.request("POST", "/api/v1/applications", body, headers)
                r = conn.getresponse()
                r.read()
                status = r.status
                break
            except (OSError, http.client.HTTPException) as e:
                conn.close()
                conn = None
                status = type(e).__name__
        with lock:
            if status == 201:
                created[0] += 1
            else:
                statuses[status] = statuses.get(status, 0) + 1
threads = [threading.Thread(target=worker) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
if statuses:
    print("fill: answers other than 201 (200: sent again after a dropped connection):", statuses,
          file=sys.stderr)
print(created[0])
PY
}

mkdir -p "$OUT"
rm -rf "$RAW"
mkdir -p "$RAW"

start BARE_URL bare "$BARE" 0 "$THREADS"
log "bare_hello at $BARE_URL"
LOAD_BEFORE=$(load_average)
log "load average before: $LOAD_BEFORE"

# Posts per apply run: enough (seeker, post) pairs for APPLY_MAX_RPS over the run.
JOBS_PER_RUN=$(((APPLY_MAX_RPS * DURATION + SEEKERS - 1) / SEEKERS))
JOBS_PER_WARM=$(((APPLY_MAX_RPS * WARM_SECONDS + SEEKERS - 1) / SEEKERS))
export APPLY_THREADS=$THREADS

# PostgreSQL alone: the statements one apply makes it run (bench/pgbench_apply.sql, the INSERT
# into scratch copies of applications and resume_snapshots) sent by pgbench while the server idles, over as many
# connections as the server's pool. What this machine's PostgreSQL does with them when it has
# every core to itself: the ceiling of the server's apply rate on the same machine.
PGB_TPS=()
pg_alone() {  # pg_alone JOB RESUME
  local db=$PG_BASE/$PG_DB pgbench=$PG_BIN/pgbench round token_hash
  [[ -x $pgbench ]] || { log "[postgres] no pgbench in $PG_BIN: PostgreSQL alone not measured"; return; }
  token_hash=$(psql "$db" -qAtc "SELECT token_hash FROM sessions WHERE revoked_at IS NULL LIMIT 1")
  psql "$db" -qc 'CREATE TABLE apps_copy (LIKE applications INCLUDING ALL)' \
    -c 'CREATE TABLE snapshots_copy (LIKE resume_snapshots INCLUDING ALL)'
  log "[postgres] $ROUNDS rounds of pgbench with bench/pgbench_apply.sql, ${DURATION}s each, -c 8"
  for round in $(seq 1 "$ROUNDS"); do
    "$pgbench" "$db" -n -M prepared -c 8 -j 2 -T "$DURATION" -f "$ROOT/bench/pgbench_apply.sql" \
      -D job="$1" -D resume="$2" -D token="$token_hash" >"$RAW/pgbench-apply.r$round.txt" 2>&1
    PGB_TPS+=("$(awk '/^tps/ { printf "%d", $3 }' "$RAW/pgbench-apply.r$round.txt")")
    log "[postgres] pgbench-apply.r$round ${PGB_TPS[-1]} transactions/s"
  done
  psql "$db" -qc 'DROP TABLE apps_copy, snapshots_copy'
}

# bench_backend KEY [hiresafe database options...]: seeds, serves, measures applying (bare GET /
# and apply in interleaved rounds), gives one of the recruiter's posts LIST_APPLICANTS
# applications, measures its first page of applicants (bare and list in interleaved rounds), stops
# the server and counts the applications in the database.
bench_backend() {
  local key=$1
  shift
  local data=$TMP/data-$key jobs=$TMP/jobs-$key.txt own=$TMP/own-$key.txt
  local tokens=$TMP/seekers-$key.tsv token=$TMP/token-$key.txt
  log "[$key] seeding $JOBS_N posts and $SEEKERS seekers with resumes and sessions"
  local t0 seconds
  t0=$(date +%s.%N)
  "$HIRESAFE" seed --no-index --jobs "$JOBS_N" --ids-out "$jobs" --own-ids-out "$own" \
    --resumes "$SEEKERS" --seeker-tokens-out "$tokens" --token-out "$token" \
    --data-dir "$data" "$@" >"$RAW/seed-$key.log" 2>"$TMP/seed-$key.err" ||
    { cat "$RAW/seed-$key.log" "$TMP/seed-$key.err" >&2; exit 1; }
  seconds=$(elapsed "$t0")
  printf -v "SEED_SECONDS_$key" '%s' "$seconds"
  printf -v "SEED_LINES_$key" '%s' "$(awk '/^(loaded|signed in)/ {
    sub(/; tokens written to .*/, ""); out = out (out == "" ? "" : "; ") $0 } END { print out }' \
    "$RAW/seed-$key.log")"
  log "[$key] seeded in ${seconds}s with start-up"
  ((SEEKERS == $(wc -l <"$tokens"))) || { log "[$key] expected $SEEKERS seeker tokens"; exit 1; }

  # The listed post is the recruiter's; the apply runs use the others, each run its own slice,
  # and the last one is kept for the sample requests.
  local list_job
  list_job=$(head -1 "$own")
  [[ -n $list_job ]] || { log "[$key] the recruiter owns no open post"; exit 1; }
  printf -v "LIST_JOB_$key" '%s' "$list_job"
  local apply_jobs=()
  mapfile -t apply_jobs < <(grep -vxF "$list_job" "$jobs")
  local needed=$((JOBS_PER_WARM + 2 * ROUNDS * JOBS_PER_RUN + 1))
  if ((needed > ${#apply_jobs[@]})); then
    log "[$key] the apply runs need $needed open posts besides the listed one, the seed made ${#apply_jobs[@]}: raise BENCH_JOBS_N or BENCH_SEEKERS"
    exit 1
  fi
  local sample_job=${apply_jobs[-1]}

  local url_var=HS_URL_$key
  # shellcheck disable=SC2086  # BENCH_SERVE_OPTS is a list of options
  local config=()
  [[ $key = sqlite ]] && config=(--config "$TMP/serve-sqlite.toml")
  start "$url_var" "hiresafe-$key" "$HIRESAFE" serve "${config[@]}" --data-dir "$data" "$@" ${BENCH_SERVE_OPTS:-} \
    --listen 127.0.0.1:0
  local url=${!url_var} pid_var=HS_URL_${key}_PID
  local pid=${!pid_var}
  log "[$key] hiresafe at $url"

  # Sample: the last seeker applies to the sample post (201), then again (200, the same one).
  local seeker_token resume code body
  IFS=$'\t' read -r seeker_token resume < <(tail -1 "$tokens")
  body="{\"job_id\":\"$sample_job\",\"resume_id\":\"$resume\"}"
  for expected in 201 200; do
    code=$(curl -s -o "$TMP/sample-$key.json" -w '%{http_code}' -X POST \
      -H "Authorization: Bearer $seeker_token" -H 'Content-Type: application/json' -d "$body" \
      "$url/api/v1/applications")
    if [[ $code != "$expected" ]]; then
      log "[$key] POST /api/v1/applications answered $code, expected $expected:"
      cat "$TMP/sample-$key.json" >&2
      exit 1
    fi
  done
  local recruiter_auth
  recruiter_auth="Authorization: Bearer $(cat "$token")"
  local list_url="$url/api/v1/jobs/$list_job/applications"
  code=$(curl -s -o "$TMP/list-$key.json" -w '%{http_code}' -H "$recruiter_auth" "$list_url")
  [[ $code = 200 ]] || { log "[$key] GET $list_url answered $code:"; cat "$TMP/list-$key.json" >&2; exit 1; }

  # ---- apply ----
  export APPLY_TOKENS=$tokens
  local next=0 slice created=0 n
  # The next COUNT apply posts into the file $TMP/NAME, which `slice` names after.
  slice_of() {  # slice_of NAME COUNT
    slice=$TMP/$1
    printf '%s\n' "${apply_jobs[@]:next:$2}" >"$slice"
    next=$((next + $2))
  }
  log "[$key] warming up"
  warm_up "$BARE_URL/"
  slice_of "jobs-$key-warm.txt" "$JOBS_PER_WARM"
  APPLY_JOBS=$slice "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d${WARM_SECONDS}s --latency \
    -s "$ROOT/bench/apply.lua" "$url" >"$RAW/apply-$key.warmup.txt" 2>&1
  local warm_created warm_other warm_exhausted
  read -r warm_created warm_other warm_exhausted <<<"$(apply_counts "$RAW/apply-$key.warmup.txt")"
  created=$((created + warm_created))
  ((warm_other == 0)) || log "[$key] WARNING: $(grep '^apply:' "$RAW/apply-$key.warmup.txt") while warming up"

  log "[$key] $ROUNDS rounds of bare / and POST /api/v1/applications ($JOBS_PER_RUN posts × $SEEKERS seekers of pairs each), ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
  local round
  for round in $(seq 1 "$ROUNDS"); do
    record "bare_apply_$key" "$round" "$(load "bare-apply-$key.r$round" "$BARE_URL_PID" "$BARE_URL/")"
    slice_of "jobs-$key-r$round.txt" "$JOBS_PER_RUN"
    record "apply_$key" "$round" "$(apply_run "apply-$key.r$round" "$pid" "$url" "$slice")"
    read -r n _ <<<"$(apply_counts "$RAW/apply-$key.r$round.txt")"
    created=$((created + n))
  done
  # The same at the target rate: the latency a seeker sees while the server sustains it.
  local rate=$TARGET_APPLY_SQLITE
  [[ $key = sqlite ]] || rate=$TARGET_APPLY_PG
  log "[$key] $ROUNDS rounds of POST /api/v1/applications offered at $rate/s"
  for round in $(seq 1 "$ROUNDS"); do
    slice_of "jobs-$key-paced-r$round.txt" "$JOBS_PER_RUN"
    record "paced_$key" "$round" "$(APPLY_RATE=$rate apply_run "apply-paced-$key.r$round" "$pid" "$url" "$slice")"
    read -r n _ <<<"$(apply_counts "$RAW/apply-paced-$key.r$round.txt")"
    created=$((created + n))
  done
  printf -v "CREATED_$key" '%s' "$created"
  printf -v "WARM_CREATED_$key" '%s' "$warm_created"
  [[ $key = sqlite ]] || pg_alone "$sample_job" "$resume"

  # ---- one post with LIST_APPLICANTS applications ----
  log "[$key] $LIST_APPLICANTS seekers apply to $list_job"
  t0=$(date +%s.%N)
  local filled total
  filled=$(fill "$url" "$list_job" "$LIST_APPLICANTS" "$tokens")
  log "[$key] $filled applications in $(elapsed "$t0")s"
  total=$(curl -sf -H "$recruiter_auth" "$list_url" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])')
  if ((total != LIST_APPLICANTS)); then
    log "[$key] the list says total $total, expected $LIST_APPLICANTS"
    exit 1
  fi
  printf -v "LIST_TOTAL_$key" '%s' "$total"
  printf -v "NEWEST_$key" '%s' "$(newest_seconds "$key" "$data" "$list_job")"
  curl -sf -o "$TMP/list-$key.json" -H "$recruiter_auth" "$list_url"
  printf -v "LIST_BYTES_$key" '%s' "$(wc -c <"$TMP/list-$key.json")"
  printf -v "LIST_ITEMS_$key" '%s' "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$TMP/list-$key.json")"

  # ---- the recruiter's first page ----
  local list_wrk=(-H "$recruiter_auth")
  "$WRK" -t"$THREADS" -c"$CONNECTIONS" -d2s "${list_wrk[@]}" "$list_url" >/dev/null 2>&1
  log "[$key] $ROUNDS rounds of bare / and GET /api/v1/jobs/{id}/applications (first page), ${DURATION}s each"
  for round in $(seq 1 "$ROUNDS"); do
    record "bare_list_$key" "$round" "$(load "bare-list-$key.r$round" "$BARE_URL_PID" "$BARE_URL/")"
    record "list_$key" "$round" "$(load "list-$key.r$round" "$pid" "$list_url" "${list_wrk[@]}")"
    # One recruiter at a time: the latency of the page itself, without 63 others queued.
    record "list1_$key" "$round" "$(THREADS=1 CONNECTIONS=1 load "list-c1-$key.r$round" "$pid" "$list_url" "${list_wrk[@]}")"
  done

  # Stop the server before counting so the in-flight applies have committed.
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  local counts
  if [[ $key = sqlite ]]; then
    counts=$(count_sqlite "$data/hiresafe.db")
  else
    counts=$(count_pg "$PG_BASE/$PG_DB")
  fi
  printf -v "DB_APPLIED_$key" '%s' "$(awk -v list="$list_job" -v sample="$sample_job" \
    '$1 != list && $1 != sample { n += $2 } END { print n + 0 }' <<<"$counts")"
  printf -v "DB_LISTED_$key" '%s' "$(awk -v list="$list_job" '$1 == list { print $2 }' <<<"$counts")"
  if [[ $key = sqlite ]]; then
    printf -v "DB_SIZE_$key" '%s' "$(du -sh "$data" | cut -f1)"
  fi
}

BACKENDS=(sqlite)
bench_backend sqlite
if [[ -n $PG_BASE ]]; then
  BACKENDS+=(postgres)
  bench_backend postgres --database-url "$PG_BASE/$PG_DB"
fi
LOAD_AFTER=$(load_average)

# ---- report -------------------------------------------------------------------------------------
machine_info
DIRTY=""
if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null | head -1) ]]; then
  DIRTY=" (with uncommitted changes)"
fi

# row KEY LABEL BARE_KEY: a table row of KEY's medians against BARE_KEY's.
row() {
  local key=$1 label=$2 bare=$3 k
  for k in "$bare" "$key"; do medians "$k" RPS P50 P99 CPU DBCPU OTHER; done
  local rps=M_RPS_$key p50=M_P50_$key p99=M_P99_$key cpu=M_CPU_$key dbcpu=M_DBCPU_$key
  local other=M_OTHER_$key rps_bare=M_RPS_$bare cpu_bare=M_CPU_$bare
  local db_cell="in process"
  [[ $key = *_sqlite ]] || db_cell=$([[ -n $PG_DIR ]] && echo "${!dbcpu}" || echo "n/a")
  echo "| $label | ${!rps} | ${!p50} | ${!p99} | $(ratio "${!rps}" "${!rps_bare}") | ${!cpu} | $(ratio "${!cpu}" "${!cpu_bare}") | $db_cell | ${!other}% | $(rounds RPS "$key") | $(rounds P99 "$key") |"
}
bare_row() {
  local key=$1
  medians "$key" RPS P50 P99 CPU OTHER
  local rps=M_RPS_$key p50=M_P50_$key p99=M_P99_$key cpu=M_CPU_$key other=M_OTHER_$key
  echo "| bare RESTinio GET / | ${!rps} | ${!p50} | ${!p99} | 1.00 | ${!cpu} | 1.0 | – | ${!other}% | $(rounds RPS "$key") | $(rounds P99 "$key") |"
}
pg_alone_line() {  # a paragraph for the PostgreSQL section, nothing for SQLite
  [[ $1 = postgres && ${#PGB_TPS[@]} -gt 0 ]] || return 0
  local median rps=M_RPS_apply_postgres paced=M_RPS_paced_postgres
  median=$(printf '%s\n' "${PGB_TPS[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  printf 'PostgreSQL alone (the ceiling): pgbench running the statements of one apply (bench/pgbench_apply.sql: session and roles, the checks, the INSERT into scratch copies of applications and resume_snapshots with their indexes), 8 connections like the server'"'"'s pool, the server idle: **%s/s** median (rounds %s). The server'"'"'s apply reaches %s of it at saturation and %s offered the target rate.' \
    "$median" "$(IFS=/; echo "${PGB_TPS[*]}")" \
    "$(awk -v a="${!rps}" -v b="$median" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="${!paced}" -v b="$median" 'BEGIN { printf "%.2f", a / b }')"
}
TABLE_HEAD='| target | req/s | p50 ms | p99 ms | req/s ÷ bare | server CPU µs/req | CPU ÷ bare | database CPU µs/req | others'"'"' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|'

section() {  # section KEY TITLE
  local key=$1 title=$2 target_rps
  if [[ $key = sqlite ]]; then target_rps=$TARGET_APPLY_SQLITE; else target_rps=$TARGET_APPLY_PG; fi
  local apply_rows list_rows k
  # The rows run in subshells; the verdicts below need the medians here too.
  for k in "apply_$key" "paced_$key" "list_$key" "list1_$key"; do medians "$k" RPS P50 P99; done
  apply_rows=$(bare_row "bare_apply_$key"; row "apply_$key" "POST /api/v1/applications" "bare_apply_$key"
    row "paced_$key" "the same, offered at $target_rps/s" "bare_apply_$key")
  list_rows=$(bare_row "bare_list_$key"; row "list_$key" "GET /api/v1/jobs/{id}/applications" "bare_list_$key"
    row "list1_$key" "the same, -t1 -c1" "bare_list_$key")
  local rps=M_RPS_apply_$key p99=M_P99_apply_$key list_p99=M_P99_list_$key list_p50=M_P50_list_$key
  local list1_p99=M_P99_list1_$key list1_p50=M_P50_list1_$key
  local paced_rps=M_RPS_paced_$key paced_p99=M_P99_paced_$key paced_p50=M_P50_paced_$key
  local v_rps v_p99 v_paced_rps v_paced v_list v_list1 v_rows
  v_rps=$(verdict ge "${!rps}" "$target_rps")
  v_p99=$(verdict le "${!p99}" "$TARGET_APPLY_P99_MS")
  # The rate is sustained when the paced runs served at least 98 % of what was offered.
  v_paced_rps=$(verdict ge "${!paced_rps}" "$((target_rps * 98 / 100))")
  v_paced=$(verdict le "${!paced_p99}" "$TARGET_APPLY_P99_MS")
  v_list=$(verdict le "${!list_p99}" "$TARGET_LIST_P99_MS")
  v_list1=$(verdict le "${!list1_p99}" "$TARGET_LIST_P99_MS")
  local seed_seconds=SEED_SECONDS_$key seed_lines=SEED_LINES_$key created=CREATED_$key
  local warm=WARM_CREATED_$key applied=DB_APPLIED_$key listed=DB_LISTED_$key
  local list_job=LIST_JOB_$key list_bytes=LIST_BYTES_$key list_items=LIST_ITEMS_$key
  local newest=NEWEST_$key
  # A request per connection in flight per wrk run: warm-up, saturation and paced rounds.
  local margin=$(((2 * ROUNDS + 1) * CONNECTIONS))
  v_rows=$(verdict test "${!applied}" -ge "${!created}" -a "${!applied}" -le "$((${!created} + margin))")
  local warn=""
  for k in "bare_apply_$key" "apply_$key" "paced_$key" "bare_list_$key" "list_$key" "list1_$key"; do
    medians "$k" OTHER
  done
  for k in "bare_apply_$key" "apply_$key" "paced_$key" "bare_list_$key" "list_$key" "list1_$key"; do
    warn_bad warn "$k" "these runs are bad, "
    warn_other warn "$k"
  done
  local data_note durability
  if [[ $key = sqlite ]]; then
    local size=DB_SIZE_$key
    data_note="SQLite, data dir ${!size} at the end"
    if [[ $SQLITE_SYNC = full ]]; then
      durability="SQLite journal_mode=WAL, \`sqlite.synchronous = full\` (BENCH_SQLITE_SYNC=full): the WAL is fsynced at every group commit before its applies are answered, so a power cut loses no answered apply."
    else
      durability="SQLite journal_mode=WAL, synchronous=NORMAL (the default, src/store/database.cpp): a commit is durable against a crash of the server, and the WAL is fsynced at each checkpoint, not at each commit, so a power cut can lose the last commits. \`sqlite.synchronous = full\` (an fsync of the WAL at every group commit) is measured with BENCH_SQLITE_SYNC=full."
    fi
  else
    data_note=$PG_NOTE
    durability="PostgreSQL fsync on, synchronous_commit as shown: every 201 was flushed to the WAL on disk before it was answered."
  fi
  cat <<SECTION
## $title

- data: ${!seed_lines} (\`hiresafe seed --no-index --jobs $JOBS_N --ids-out … --own-ids-out … --resumes $SEEKERS --seeker-tokens-out … --token-out …\`, ${!seed_seconds}s with start-up); $data_note
- durability: $durability

### Apply

Every request is a (seeker, post) pair not sent before (bench/apply.lua): seeker k mod $SEEKERS on post k div $SEEKERS of the run's own $JOBS_PER_RUN posts, so each answer creates an application (201) and every request is another seeker's first in seconds (the session cache keeps a session 5 s: each apply also reads its session, and writes last-seen when the seeker was last seen over a minute ago).

$TABLE_HEAD
$apply_rows

The second row offers the target rate and no more (bench/apply.lua with APPLY_RATE: each wrk thread sends on a fixed schedule, a request behind schedule goes at once), so its latencies are what a seeker sees while the server sustains that rate; the first row is saturation, where 64 connections always wait and the median is about 64 ÷ req/s.

Targets: ≥ $target_rps applications/s at saturation: **$v_rps** (${!rps}); sustained at $target_rps/s offered: **$v_paced_rps** (${!paced_rps}) with p99 ≤ $TARGET_APPLY_P99_MS ms: **$v_paced** (${!paced_p99} ms; p50 ${!paced_p50} ms); p99 at saturation ≤ $TARGET_APPLY_P99_MS ms: **$v_p99** (${!p99} ms).

$(pg_alone_line "$key")

Applications in the database on the apply posts: ${!applied} (201 answers: ${!created}, of which ${!warm} while warming up; up to $margin more may have been in flight when wrk stopped): **$v_rows**; answers other than 201 or socket errors in the measured runs: ${BAD[apply_$key]:-0}.

### The recruiter's list

GET /api/v1/jobs/${!list_job}/applications (first page, default limit, newest first) by the verified recruiter of the post's company, after $LIST_APPLICANTS seekers applied to it over HTTP, 16 at a time (the list's total: ${!listed} in the database); a page is ${!list_items} applicant cards, ${!list_bytes} bytes. The newest two seconds of those applications hold ${!newest} of them: created_at is in whole seconds and the page is ordered by (created_at, id), which a merge of one range of (job_id, status, created_at, id) per state serves without sorting (migration 0015).

$TABLE_HEAD
$list_rows

Target: first page p99 ≤ $TARGET_LIST_P99_MS ms: under the same load as every other figure here (-t$THREADS -c$CONNECTIONS) **$v_list** (${!list_p99} ms; p50 ${!list_p50} ms); one request at a time (-t1 -c1) **$v_list1** (${!list1_p99} ms; p50 ${!list1_p50} ms).

$warn
SECTION
}

{
  cat <<HEADER
# hiresafe hiring benchmark

$(date_line)
$(machine_line)
$(load_line)
- server: \`hiresafe serve\` with its defaults (io_threads 2 run the reads; write_threads 16 run the changes; db_pool_size 8; sqlite.checkpoint_ms 30)${BENCH_SERVE_OPTS:+ and $BENCH_SERVE_OPTS}

HEADER
  section sqlite "SQLite"
  if [[ -n $PG_BASE ]]; then
    section postgres "PostgreSQL"
  else
    echo "PostgreSQL: not measured (set BENCH_PG=1 for a throwaway cluster, or BENCH_PG_BASE=postgresql://user@host:port)."
    echo
  fi
  echo "Command: \`bash bench/hiring.sh $BUILD_ARG\` (BENCH_SECONDS=$DURATION BENCH_ROUNDS=$ROUNDS BENCH_SEEKERS=$SEEKERS BENCH_JOBS_N=$JOBS_N BENCH_LIST_APPLICANTS=$LIST_APPLICANTS BENCH_APPLY_MAX_RPS=$APPLY_MAX_RPS${BENCH_SQLITE_SYNC:+ BENCH_SQLITE_SYNC=$BENCH_SQLITE_SYNC}${BENCH_SERVE_OPTS:+ BENCH_SERVE_OPTS=\"$BENCH_SERVE_OPTS\"}${BENCH_PG:+ BENCH_PG=$BENCH_PG}${BENCH_PG_CONF:+ BENCH_PG_CONF=$BENCH_PG_CONF}${BENCH_PG_OPTS:+ BENCH_PG_OPTS=\"$BENCH_PG_OPTS\"}${BENCH_PG_BASE:+ BENCH_PG_BASE=…})"
} >"$OUT/hiring.md"

cat "$OUT/hiring.md"
