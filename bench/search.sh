#!/usr/bin/env bash
# Job-search benchmark (JOB-3): hiresafe's Xapian job search against the setups an operator would
# pick instead, SQLite FTS5 (trigram tokenizer) and PostgreSQL 15 full-text search (a GIN index
# over a CJK-bigram `simple` tsvector, and pg_trgm for comparison), loaded with the same N
# synthetic posts and asked the same relevance set (bench/search_queries.tsv, graded as
# bench/search_queries.md says); then GET /api/v1/jobs over HTTP with wrk.
#
#   bash bench/search.sh [BUILD_DIR] [JOBS]     BUILD_DIR defaults to build-bench, JOBS to 1000000
#
# Environment: BENCH_JOBS (instead of the JOBS argument), BENCH_RESUMES (synthetic resumes to
# load as well, default 0: with resumes the run also times resume search as a verified recruiter
# and reports the server's RSS with both indexes), BENCH_SEED (default 20261122, the seed
# the relevance set was checked with), BENCH_QUERY_ROUNDS (passes over the relevance set per
# engine, the first a warm-up; default 5), BENCH_SECONDS and BENCH_ROUNDS (the wrk runs, see
# bench/lib.sh), WRK.
# PostgreSQL: a throwaway PostgreSQL 15 cluster in a temp dir (initdb + pg_ctl as in
# bench/resumes.sh) with the tuning in PG_TUNING below (BENCH_PG_OPTS replaces it);
# BENCH_PG_BASE=postgresql://user@host:port uses that server instead (a fresh database is
# created and dropped); BENCH_PG=0 leaves PostgreSQL out.
# Targets (the issue): reindex ≥ 10 000 posts/s; search p50 ≤ 2 ms and p99 ≤ 10 ms in process
# (1–3 words, city and salary filters, facets, top 20); p50 and p99 ≥ 3× better than the faster
# peer's with nDCG@10 not below the best peer's; over HTTP ≥ 2 000 req/s with p99 ≤ 20 ms;
# resume search p99 ≤ 15 ms in process; serve's RSS with both indexes ≤ 2 GiB.
# Writes bench/out/search.md (the latest run) and bench/out/search-JOBS.md, raw output under
# bench/out/raw-search/JOBS/. Heavy steps run one at a time (2 cores). Never run by ctest.
# shellcheck disable=SC2034,SC2154  # maps read via namerefs, M_* set via printf -v
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
JOBS=${2:-${BENCH_JOBS:-1000000}}
RESUMES=${BENCH_RESUMES:-0}
SEED=${BENCH_SEED:-20261122}
QUERY_ROUNDS=${BENCH_QUERY_ROUNDS:-5}
QUERIES=$ROOT/bench/search_queries.tsv
PG_BIN=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
# What an operator sets for a search database on a machine like this; fsync stays on. JIT off:
# PostgreSQL 15 JIT-compiles any plan costed above 100 000, adding tens of ms to a 2 ms query.
PG_TUNING="-c shared_buffers=1GB -c maintenance_work_mem=1GB -c max_wal_size=4GB -c jit=off"
TARGET_INDEX_RATE=10000
TARGET_P50_MS=2
TARGET_P99_MS=10
TARGET_SPEEDUP=3
TARGET_HTTP_RPS=2000
FACET_SAMPLE=500  # kFacetSample in src/search/job_search.cpp and bench/search/engines.hpp
TARGET_HTTP_P99_MS=20
TARGET_TALENT_P99_MS=15
TARGET_SERVE_RSS_MB=2048

RAW=$OUT/raw-search/$JOBS
[[ -f $QUERIES ]] || { echo "$QUERIES not found" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 not found (picks a free port)" >&2; exit 1; }

PG_DIR=""       # set while this script's own cluster runs
PG_DROP_URL=""  # set when this script created a database on someone else's server
PG_DB=hiresafe_search_bench_$$
run_pg() {
  # initdb refuses to run as root; the cluster belongs to the postgres system user then.
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop_pg() {
  if [[ -n $PG_DROP_URL ]]; then
    psql "$PG_DROP_URL" -qAtc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
    PG_DROP_URL=""
  fi
  if [[ -n $PG_DIR ]]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
  fi
}
cleanup_more() { stop_pg; }
setup_tmp hiresafe-search-bench

# ---- build (Release) ----------------------------------------------------------------------------
if [[ ! -f $BUILD/CMakeCache.txt || $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt") != Release ]]; then
  log "configuring $BUILD (Release)"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
build hiresafe search_bench
SEARCH_BENCH=$BUILD/bench/search/search_bench
machine_info  # now: the commit is the one built, whatever changes while the benchmark runs

rm -rf "$RAW"
mkdir -p "$RAW"
LOAD_BEFORE=$(load_average)
log "load average before: $LOAD_BEFORE"
DIRTY=""
if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null | head -1) ]]; then
  DIRTY=" (with uncommitted changes)"
fi

# ---- data ---------------------------------------------------------------------------------------
DATA=$TMP/data
log "seeding $JOBS job posts and $RESUMES resumes (seed $SEED)"
T0=$(date +%s.%N)
# --no-index: the index is built by the timed reindex below, not by the seed.
SEED_ARGS=(--jobs "$JOBS")
((RESUMES > 0)) && SEED_ARGS+=(--resumes "$RESUMES")
"$HIRESAFE" seed "${SEED_ARGS[@]}" --seed "$SEED" --no-index --data-dir "$DATA" >"$RAW/seed.log" 2>"$TMP/seed.err" ||
  { cat "$RAW/seed.log" "$TMP/seed.err" >&2; exit 1; }
SEED_SECONDS=$(elapsed "$T0")
log "$(tail -1 "$RAW/seed.log") (${SEED_SECONDS}s with start-up)"

log "hiresafe reindex"
"$SEARCH_BENCH" peak-rss --out "$RAW/reindex.rss" -- "$HIRESAFE" reindex --data-dir "$DATA" \
  >"$RAW/reindex.log" 2>"$TMP/reindex.err" || { cat "$RAW/reindex.log" "$TMP/reindex.err" >&2; exit 1; }
read -r REINDEX_DOCS REINDEX_SECONDS < <(sed -n 's/^indexed \([0-9]*\) job posts in \([0-9.]*\) s.*/\1 \2/p' "$RAW/reindex.log")
REINDEX_RSS=$(sed -n 's/.*peak_rss_kb=\([0-9]*\).*/\1/p' "$RAW/reindex.rss")
REINDEX_WALL=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$RAW/reindex.rss")
log "$(cat "$RAW/reindex.log") (${REINDEX_WALL}s with start-up, peak RSS ${REINDEX_RSS} KiB)"

# ---- engines ------------------------------------------------------------------------------------
LINES=$RAW/engines.txt
: >"$LINES"
# engine NAME ARGS...: one search_bench run; its result lines go to LINES and the log.
engine() {
  local name=$1
  shift
  log "$name"
  "$SEARCH_BENCH" "$@" --data-dir "$DATA" --queries "$QUERIES" --rounds "$QUERY_ROUNDS" \
    >"$TMP/$name.out" 2>"$RAW/$name.err" || { cat "$TMP/$name.out" "$RAW/$name.err" >&2; exit 1; }
  cat "$TMP/$name.out" >>"$LINES"
  while read -r line; do log "  $line"; done <"$TMP/$name.out"
}

engine hiresafe hiresafe --index-seconds "$REINDEX_SECONDS" --build-rss-kb "$REINDEX_RSS" \
  --details "$RAW/hiresafe.tsv"
TALENT_LINE=""
if ((RESUMES > 0)); then
  log "hiresafe resume search"
  "$SEARCH_BENCH" talent --data-dir "$DATA" --queries "$QUERIES" --rounds "$QUERY_ROUNDS" \
    >"$RAW/talent.out" 2>"$RAW/talent.err" || { cat "$RAW/talent.out" "$RAW/talent.err" >&2; exit 1; }
  TALENT_LINE=$(tail -1 "$RAW/talent.out")
  log "  $TALENT_LINE"
fi
engine fts5 fts5 --db "$TMP/fts5.db" --details "$RAW/fts5.tsv"
rm -f "$TMP"/fts5.db*

PG_NOTE=""
PG_DATA_BYTES=""
PG_BASE=${BENCH_PG_BASE:-}
if [[ ${BENCH_PG:-1} != 0 ]]; then
  if [[ -z $PG_BASE ]]; then
    [[ -x $PG_BIN/initdb ]] || { echo "PostgreSQL 15 not found in $PG_BIN (BENCH_PG=0 skips it)" >&2; exit 1; }
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hiresafe-search-pg.XXXXXX")
    PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$PG_DIR"; fi
    PG_OPTS=${BENCH_PG_OPTS:-$PG_TUNING}
    log "starting a throwaway PostgreSQL 15 cluster on 127.0.0.1:$PG_PORT ($PG_OPTS)"
    run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 $PG_OPTS" start >/dev/null
    PG_BASE="postgresql://postgres@127.0.0.1:$PG_PORT"
    PG_NOTE="throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') cluster, locale C.UTF-8, fsync on, $PG_OPTS"
  else
    PG_NOTE="PostgreSQL at ${PG_BASE#*@}"
  fi
  command -v psql >/dev/null || { echo "psql not found (creates the bench database)" >&2; exit 1; }
  psql "$PG_BASE/postgres" -qAtc "CREATE DATABASE $PG_DB" >/dev/null
  PG_DROP_URL="$PG_BASE/postgres"
  engine pg pg --pg-url "$PG_BASE/$PG_DB" --details "$RAW/pg.tsv"
  [[ -n $PG_DIR ]] && PG_DATA_BYTES=$(du -sb "$PG_DIR/data" | cut -f1)
  stop_pg  # the HTTP runs below get a quiet machine
fi

# ---- HTTP ---------------------------------------------------------------------------------------
start HS_URL hiresafe "$HIRESAFE" serve --data-dir "$DATA" --listen 127.0.0.1:0
log "hiresafe at $HS_URL"
SAMPLE_BYTES=$(curl -sf "$HS_URL/api/v1/jobs?q=Java&limit=20" | wc -c) ||
  { log "GET /api/v1/jobs?q=Java failed"; exit 1; }
log "sample search answer (q=Java, top 20): $SAMPLE_BYTES bytes"
# load() puts the URL last, so the Lua script finds the queries through the environment. A long
# timeout keeps slow answers in the latency figures instead of counting them as socket errors.
export JOB_QUERIES=$QUERIES
SEARCH_WRK=(--timeout 30s -s "$ROOT/bench/job_search.lua")
log "warming up"
warm_up "${SEARCH_WRK[@]}" "$HS_URL"
log "$ROUNDS rounds of GET /api/v1/jobs (the relevance set's queries in turn), ${DURATION}s each, -t$THREADS -c$CONNECTIONS"
for round in $(seq 1 "$ROUNDS"); do
  record search "$round" "$(load "search.r$round" "$HS_URL_PID" "$HS_URL" "${SEARCH_WRK[@]}")"
done
LOAD_AFTER=$(load_average)
medians search RPS P50 P99 CPU OTHER
# The server's peak resident set (both indexes open, after the rounds above).
SERVE_RSS_MB=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$HS_URL_PID/status")
log "serve peak RSS: $SERVE_RSS_MB MB"

# ---- report -------------------------------------------------------------------------------------
WARN=""
if ((${BAD[search]:-0} > 0)); then
  WARN+="- WARNING: the search runs had ${BAD[search]} non-2xx responses or socket errors; see bench/out/raw-search/$JOBS/."$'\n'
fi
warn_other WARN search

# The table, the ratios to hiresafe and the verdicts, from the engines' key=value lines.
TABLE=$(awk -v target_rate="$TARGET_INDEX_RATE" -v target_p50="$TARGET_P50_MS" \
  -v target_p99="$TARGET_P99_MS" -v speedup="$TARGET_SPEEDUP" '
  function f(key) { return (key in v) ? v[key] : "-" }
  function num(x) { return x != "-" && x != "" }
  function mb(kb) { return num(kb) ? sprintf("%.0f", kb / 1024) : "–" }
  function ratio(a, b) { return (num(a) && num(b) && b > 0) ? sprintf("%.2f", a / b) : "–" }
  function verdict(ok) { return ok ? "PASS" : "FAIL" }
  {
    delete v
    for (i = 1; i <= NF; i++) { k = $i; sub(/=.*/, "", k); val = $i; sub(/^[^=]*=/, "", val); v[k] = val }
    n++
    name[n] = v["engine"]; docs[n] = f("docs"); secs[n] = f("index_seconds"); rate[n] = f("docs_per_second")
    bytes[n] = f("index_bytes"); p50[n] = f("p50_ms"); p99[n] = f("p99_ms"); ndcg[n] = f("ndcg10")
    rss[n] = f("peak_rss_kb"); brss[n] = f("build_rss_kb"); srv[n] = f("server_rss_kb")
    bsrv[n] = f("build_server_rss_kb"); fails[n] = f("failures"); judged[n] = f("judged")
  }
  END {
    h = 0
    for (i = 1; i <= n; i++) if (name[i] == "hiresafe") h = i
    print "| engine | posts | index s | posts/s | index MB | p50 ms | p99 ms | nDCG@10 | RSS MB (search) | RSS MB (index) | server RSS MB (search / index) | p50 ÷ hiresafe | p99 ÷ hiresafe | index time ÷ hiresafe | size ÷ hiresafe |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    best_p50 = ""; best_p99 = ""; best_ndcg = ""
    for (i = 1; i <= n; i++) {
      server = num(srv[i]) ? mb(srv[i]) " / " mb(bsrv[i]) : "in process"
      printf "| %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name[i], docs[i], secs[i], rate[i], bytes[i] / 1048576, p50[i], p99[i], ndcg[i], mb(rss[i]), mb(brss[i]), server, ratio(p50[i], p50[h]), ratio(p99[i], p99[h]), ratio(secs[i], secs[h]), ratio(bytes[i], bytes[h])
      if (i == h) continue
      if (best_p50 == "" || p50[i] + 0 < best_p50 + 0) { best_p50 = p50[i]; fast50 = name[i] }
      if (best_p99 == "" || p99[i] + 0 < best_p99 + 0) { best_p99 = p99[i]; fast99 = name[i] }
      if (best_ndcg == "" || ndcg[i] + 0 > best_ndcg + 0) { best_ndcg = ndcg[i]; good = name[i] }
      if (fails[i] + 0 > 0) warn = warn "- WARNING: " name[i] " failed " fails[i] " query runs (see its .err file).\n"
    }
    print ""
    print "Targets:"
    printf "- reindex ≥ %d posts/s: **%s** (%s posts/s)\n", target_rate, verdict(num(rate[h]) && rate[h] + 0 >= target_rate), rate[h]
    printf "- search p50 ≤ %s ms: **%s** (%s ms); p99 ≤ %s ms: **%s** (%s ms)\n", target_p50, verdict(p50[h] + 0 <= target_p50), p50[h], target_p99, verdict(p99[h] + 0 <= target_p99), p99[h]
    if (best_p50 != "") {
      printf "- ≥ %d× faster than the faster peer: p50 **%s** (%s: %s ms = %s× hiresafe), p99 **%s** (%s: %s ms = %s× hiresafe)\n", speedup, verdict(best_p50 / p50[h] >= speedup), fast50, best_p50, ratio(best_p50, p50[h]), verdict(best_p99 / p99[h] >= speedup), fast99, best_p99, ratio(best_p99, p99[h])
      printf "- nDCG@10 not below the best peer: **%s** (hiresafe %s, %s %s)\n", verdict(ndcg[h] + 0 >= best_ndcg + 0), ndcg[h], good, best_ndcg
    }
    if (fails[h] + 0 > 0) warn = warn "- WARNING: hiresafe failed " fails[h] " query runs.\n"
    printf "%s", warn
  }' "$LINES")

# key=value of the talent line, or "-".
talent() { tr ' ' '\n' <<<"$TALENT_LINE" | sed -n "s/^$1=//p" | grep . || echo -; }
TALENT_SECTION=""
if [[ -n $TALENT_LINE ]]; then
  TALENT_SECTION="## Resume search (in process)

\\`search_bench talent\\`: \\`TalentSearch::search\\` as a verified employer recruiter (no company blocks it),
the relevance set's words and cities, top 20 masked cards from the disclosure layer (one database
read per card), one at a time; $((QUERY_ROUNDS - 1)) measured passes.

| resumes indexed | index MB | p50 ms | p99 ms | cards a query | failures |
|---:|---:|---:|---:|---:|---:|
| $(talent docs) | $(awk -v b="$(talent index_bytes)" 'BEGIN { printf "%.0f", b / 1048576 }') | $(talent p50_ms) | $(talent p99_ms) | $(talent cards_per_query) | $(talent failures) |

Target: p99 ≤ $TARGET_TALENT_P99_MS ms: **$(verdict le "$(talent p99_ms)" "$TARGET_TALENT_P99_MS")**.
"
fi
V_SERVE_RSS=$(verdict le "$SERVE_RSS_MB" "$TARGET_SERVE_RSS_MB")

QUERY_COUNT=$(awk -F'\t' 'NR > 1 && $1 != "" && $1 !~ /^#/' "$QUERIES" | wc -l)
V_HTTP_RPS=$(verdict ge "$M_RPS_search" "$TARGET_HTTP_RPS")
V_HTTP_P99=$(verdict le "$M_P99_search" "$TARGET_HTTP_P99_MS")
PG_DATA_LINE=""
[[ -n $PG_DATA_BYTES ]] && PG_DATA_LINE="- PostgreSQL data dir after both loads (tables, indexes, WAL): $(awk -v b="$PG_DATA_BYTES" 'BEGIN { printf "%.0f", b / 1048576 }') MB"

mkdir -p "$OUT"
cat >"$OUT/search.md" <<REPORT
# hiresafe job-search benchmark

$(date_line)
$(machine_line)
- data: $(tail -1 "$RAW/seed.log") — \`hiresafe seed ${SEED_ARGS[*]} --seed $SEED --no-index\` (SQLite WAL) in ${SEED_SECONDS}s
- hiresafe: \`hiresafe reindex\`: $(cat "$RAW/reindex.log") (${REINDEX_WALL}s with start-up); index size is the published Xapian generation under search/jobs
- queries: the $QUERY_COUNT searches of bench/search_queries.tsv, each with its city and salary filters, top 20 plus facets (city, category, salary band, work type), one at a time on one connection; $QUERY_ROUNDS passes, the first a warm-up; p50/p99 over all $((QUERY_ROUNDS - 1)) measured passes; nDCG@10 graded as bench/search_queries.md says (gain 2^grade − 1, complete judgements)
- peers: SQLite $(tr ' ' '\n' <"$LINES" | sed -n 's/^sqlite=//p'); ${PG_NOTE:-PostgreSQL not measured}

## In process

$TABLE

Ratios are peer ÷ hiresafe: above 1 the peer is slower, larger or needs longer. RSS (search) is
the peak of the process that ran the queries (getrusage); for PostgreSQL that is the client, and
the backend that served the queries is the server column (VmHWM, shared buffers it touched
included). RSS (index) is the peak of the process that built the index (hiresafe reindex; for the
peers a forked child that read the posts and loaded them). Index time covers reading the posts
from hiresafe's database through to a queryable index (FTS5: load, B-tree indexes, 'optimize';
PostgreSQL: COPY, tsvector or trigram GIN, primary key, B-trees, VACUUM ANALYZE). Index size:
hiresafe and FTS5 the files, PostgreSQL pg_total_relation_size of the variant's table.
$PG_DATA_LINE

What each engine does per query: hiresafe \`JobSearch::search\` (Xapian: n-gram query parsing,
filters, BM25 without length normalisation, the four facets counted over ≥ $FACET_SAMPLE matches from an in-memory column of the packed
facet slot, a highlighted title and excerpt and the matched terms of every hit); FTS5 \`MATCH\` with the words of ≥ 3 characters, ranked by bm25 with
hiresafe's field weights, words shorter than a trigram as \`LIKE '%w%'\` over the FTS columns (no
index can serve them; with no long word SQLite scans), a window count and the four facets over at
most $FACET_SAMPLE matches; PostgreSQL the same filters, \`@@\` on the bigram tsvector ranked by ts_rank, or
\`LIKE '%w%'\` per word on the pg_trgm index ranked by word_similarity, a window count and the
facets by GROUPING SETS over at most $FACET_SAMPLE matches. Per-query latency, totals, nDCG and the grades of
each top ten are in bench/out/raw-search/$JOBS/*.tsv.

## Over HTTP: GET /api/v1/jobs

- server: \`hiresafe serve\` on the same data (defaults: 2 I/O threads, 2 workers); one answer for q=Java, top 20: $SAMPLE_BYTES bytes
$(load_line); the relevance set's queries in turn (bench/job_search.lua)

| target | req/s | p50 ms | p99 ms | server CPU µs/req | others' CPU | req/s per round | p99 ms per round |
|---|---:|---:|---:|---:|---:|---|---|
| GET /api/v1/jobs?q=…&city=…&salary_… | $M_RPS_search | $M_P50_search | $M_P99_search | $M_CPU_search | $M_OTHER_search% | $(rounds RPS search) | $(rounds P99 search) |

Targets: ≥ $TARGET_HTTP_RPS req/s: **$V_HTTP_RPS** ($M_RPS_search); p99 ≤ $TARGET_HTTP_P99_MS ms: **$V_HTTP_P99** ($M_P99_search ms).

Peak RSS of \`serve\` (VmHWM) after the rounds, job index${TALENT_LINE:+ and resume index} open: $SERVE_RSS_MB MB; target ≤ $TARGET_SERVE_RSS_MB MB with both indexes at 1M: **$V_SERVE_RSS**.

$TALENT_SECTION
${WARN}
Command: \`bash bench/search.sh $BUILD_ARG $JOBS\` (BENCH_RESUMES=$RESUMES BENCH_SEED=$SEED BENCH_QUERY_ROUNDS=$QUERY_ROUNDS BENCH_SECONDS=$DURATION BENCH_ROUNDS=$ROUNDS${BENCH_PG:+ BENCH_PG=$BENCH_PG}${BENCH_PG_OPTS:+ BENCH_PG_OPTS=\"$BENCH_PG_OPTS\"}${BENCH_PG_BASE:+ BENCH_PG_BASE=…})
REPORT

cp "$OUT/search.md" "$OUT/search-$JOBS.md"
cat "$OUT/search.md"
