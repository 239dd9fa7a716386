// Peer (c): PostgreSQL 15 full-text search, the two setups an operator of a PostgreSQL
// deployment would try.
//
// tsvector: PostgreSQL has no Chinese parser, so the text is split client-side into
// overlapping CJK bigrams (English words stay words) and read with the `simple` configuration:
// title and category weight A, skill tags B, company, city and description D. A GIN index
// serves `@@`; results are ranked by ts_rank. A query word becomes its bigrams ANDed (a lone
// CJK character a prefix, so it still finds the bigrams it starts).
//
// pg_trgm: one text column with everything and a GIN gin_trgm_ops index serving
// `doc LIKE '%word%'` per query word (ANDed); ranked by word_similarity(query, title +
// category + tags). Like FTS5's trigrams, two-character words give the index nothing to use.
//
// Both: the filters are plain columns (B-tree on city and province), the facets a GROUPING
// SETS count over at most kFacetSample matches, the total a window count. Every query goes
// through PQexecParams, so each is planned for its own values.
#include <libpq-fe.h>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "engines.hpp"

namespace hiresafe::bench {

namespace {

constexpr Oid kText = 25, kBigint = 20;  // pg_type OIDs

struct Result {
  PGresult* r;
  explicit Result(PGresult* result) : r(result) {}
  ~Result() { PQclear(r); }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
};

PGconn* connect(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string m = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("postgresql: " + m);
  }
  return conn;
}

void exec(PGconn* conn, const std::string& sql) {
  Result r(PQexec(conn, sql.c_str()));
  const auto status = PQresultStatus(r.r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("postgresql: " + sql.substr(0, 80) + ": " + PQerrorMessage(conn));
}

std::string value(PGconn* conn, const std::string& sql) {
  Result r(PQexec(conn, sql.c_str()));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK || PQntuples(r.r) < 1)
    throw std::runtime_error("postgresql: " + sql + ": " + PQerrorMessage(conn));
  return PQgetvalue(r.r, 0, 0);
}

const char* table_of(PgVariant v) {
  return v == PgVariant::kTsvector ? "jobs_tsv" : "jobs_trgm";
}

// COPY's text format: backslash, tab, newline and carriage return escaped.
void copy_field(std::string& out, const std::string& v, bool last) {
  for (char c : v) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += last ? '\n' : '\t';
}

constexpr const char* kMetaColumns =
    "id text NOT NULL, city_code text NOT NULL, province_code text NOT NULL, category_id text "
    "NOT NULL, salary_min bigint NOT NULL, salary_max bigint NOT NULL, salary_band text NOT "
    "NULL, work_type text NOT NULL, created_at bigint NOT NULL, expires_at bigint NOT NULL";
constexpr const char* kMetaNames =
    "id, city_code, province_code, category_id, salary_min, salary_max, salary_band, work_type, "
    "created_at, expires_at";

std::string tsquery_text(const std::vector<std::string>& terms) {
  std::string out;
  for (const auto& term : terms) {
    std::istringstream tokens(cjk_bigrams(term));
    std::string token;
    while (tokens >> token) {
      std::string quoted = "'";
      for (char c : token) {
        if (c == '\'' || c == '\\') quoted += c;
        quoted += c;
      }
      quoted += "'";
      if (single_cjk(token)) quoted += ":*";
      out += (out.empty() ? "" : " & ") + quoted;
    }
  }
  return out;
}

}  // namespace

const char* pg_engine_name(PgVariant v) {
  return v == PgVariant::kTsvector ? "pg-tsvector" : "pg-trgm";
}

PgBuildFigures pg_build(cli::Runtime& rt, const std::string& conninfo, PgVariant variant) {
  PGconn* conn = connect(conninfo);
  PgBuildFigures out;
  try {
    const std::string table = table_of(variant);
    const bool tsv = variant == PgVariant::kTsvector;
    exec(conn, "SET client_min_messages = warning");
    exec(conn, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
    exec(conn, "DROP TABLE IF EXISTS " + table);
    const auto start = std::chrono::steady_clock::now();
    // tsvector: the split text goes to a temporary table and becomes the tsvector column in
    // one INSERT … SELECT, so the stored table holds only the vector.
    const std::string target = tsv ? "stage_tsv" : table;
    if (tsv) {
      exec(conn,
           "CREATE TABLE jobs_tsv (" + std::string(kMetaColumns) + ", tsv tsvector NOT NULL)");
      exec(conn, "CREATE TEMP TABLE stage_tsv (" + std::string(kMetaColumns) +
                     ", head text NOT NULL, tags text NOT NULL, body text NOT NULL)");
    } else {
      exec(conn, "CREATE TABLE jobs_trgm (" + std::string(kMetaColumns) +
                     ", head text NOT NULL, doc text NOT NULL)");
    }
    {
      Result r(PQexec(conn, ("COPY " + target + " FROM STDIN").c_str()));
      if (PQresultStatus(r.r) != PGRES_COPY_IN)
        throw std::runtime_error(std::string("postgresql: COPY: ") + PQerrorMessage(conn));
    }
    std::string buffer;
    auto flush = [&] {
      if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1)
        throw std::runtime_error(std::string("postgresql: COPY data: ") + PQerrorMessage(conn));
      buffer.clear();
    };
    const auto& taxonomy = *rt.taxonomy;
    each_live_job(rt, rt.clock->now(), [&](const jobs::store::JobRow& job) {
      const PeerDoc d = peer_doc(job, taxonomy);
      ++out.docs;
      for (const auto* v : {&d.id, &d.city_code, &d.province_code, &d.category_id})
        copy_field(buffer, *v, false);
      copy_field(buffer, std::to_string(d.salary_min), false);
      copy_field(buffer, std::to_string(d.salary_max), false);
      copy_field(buffer, d.salary_band, false);
      copy_field(buffer, d.work_type, false);
      copy_field(buffer, std::to_string(d.created_at), false);
      copy_field(buffer, std::to_string(d.expires_at), false);
      if (tsv) {
        copy_field(buffer, cjk_bigrams(d.title + " " + d.category), false);
        copy_field(buffer, cjk_bigrams(d.tags), false);
        copy_field(buffer, cjk_bigrams(d.company + " " + d.city + " " + d.description), true);
      } else {
        const std::string head = d.title + " " + d.category + " " + d.tags;
        copy_field(buffer, head, false);
        copy_field(buffer, head + " " + d.company + " " + d.city + " " + d.description, true);
      }
      if (buffer.size() > (1 << 20)) flush();
    });
    if (!buffer.empty()) flush();
    if (PQputCopyEnd(conn, nullptr) != 1)
      throw std::runtime_error(std::string("postgresql: COPY end: ") + PQerrorMessage(conn));
    {
      Result r(PQgetResult(conn));
      if (PQresultStatus(r.r) != PGRES_COMMAND_OK)
        throw std::runtime_error(std::string("postgresql: COPY: ") + PQerrorMessage(conn));
      while (PGresult* more = PQgetResult(conn)) PQclear(more);
    }
    if (tsv) {
      exec(conn, "INSERT INTO jobs_tsv SELECT " + std::string(kMetaNames) +
                     ", setweight(to_tsvector('simple', head), 'A') || "
                     "setweight(to_tsvector('simple', tags), 'B') || "
                     "setweight(to_tsvector('simple', body), 'D') FROM stage_tsv");
      exec(conn, "DROP TABLE stage_tsv");
      exec(conn, "CREATE INDEX jobs_tsv_text ON jobs_tsv USING gin (tsv)");
    } else {
      exec(conn, "CREATE INDEX jobs_trgm_text ON jobs_trgm USING gin (doc gin_trgm_ops)");
    }
    exec(conn, "ALTER TABLE " + table + " ADD PRIMARY KEY (id)");
    exec(conn, "CREATE INDEX " + table + "_city ON " + table + " (city_code)");
    exec(conn, "CREATE INDEX " + table + "_province ON " + table + " (province_code)");
    exec(conn, "VACUUM ANALYZE " + table);
    out.seconds = seconds_since(start);
    out.bytes = std::stoll(value(conn, "SELECT pg_total_relation_size('" + table + "')"));
    out.database_bytes = std::stoll(value(conn, "SELECT pg_database_size(current_database())"));
    out.backend_hwm_kb = process_hwm_kb(std::stol(value(conn, "SELECT pg_backend_pid()")));
  } catch (...) {
    PQfinish(conn);
    throw;
  }
  PQfinish(conn);
  return out;
}

PgSearch::PgSearch(const std::string& conninfo, PgVariant variant, long long now,
                   IsProvince is_province)
    : conn_(connect(conninfo)), variant_(variant), now_(now), is_province_(std::move(is_province)) {
  backend_pid_ = std::stol(value(conn_, "SELECT pg_backend_pid()"));
}

PgSearch::~PgSearch() {
  PQfinish(conn_);
}

long long PgSearch::docs() {
  return std::stoll(value(conn_, std::string("SELECT count(*) FROM ") + table_of(variant_)));
}
long long PgSearch::table_bytes() {
  return std::stoll(
      value(conn_, std::string("SELECT pg_total_relation_size('") + table_of(variant_) + "')"));
}
long long PgSearch::database_bytes() {
  return std::stoll(value(conn_, "SELECT pg_database_size(current_database())"));
}
long PgSearch::backend_hwm_kb() const {
  return process_hwm_kb(backend_pid_);
}

Answer PgSearch::search(const BenchQuery& q) {
  const auto terms = query_terms(q.q);
  // Every parameter is typed, because the facet statement leaves the ranking's one unused.
  std::vector<std::string> params;
  std::vector<Oid> types;
  auto param = [&](std::string v, Oid type = kText) {
    params.push_back(std::move(v));
    types.push_back(type);
    return "$" + std::to_string(params.size());
  };
  std::string from = std::string(table_of(variant_)) + " j", where, score;
  auto also = [&](const std::string& condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  if (variant_ == PgVariant::kTsvector) {
    if (const auto text = tsquery_text(terms); !text.empty()) {
      from += ", to_tsquery('simple', " + param(text) + ") query";
      also("j.tsv @@ query");
      score = "ts_rank(j.tsv, query) DESC, ";
    }
  } else if (!terms.empty()) {
    std::string words;
    for (const auto& t : terms) {
      also("j.doc LIKE " + param(like_pattern(t)));
      words += (words.empty() ? "" : " ") + t;
    }
    score = "word_similarity(" + param(words) + ", j.head) DESC, ";
  }
  also("j.expires_at > " + param(std::to_string(now_), kBigint));
  if (q.city)
    also((is_province_(*q.city) ? "j.province_code = " : "j.city_code = ") + param(*q.city));
  if (q.salary_min) also("j.salary_max >= " + param(std::to_string(*q.salary_min), kBigint));
  if (q.salary_max) also("j.salary_min <= " + param(std::to_string(*q.salary_max), kBigint));

  const std::string top = "SELECT j.id, count(*) OVER () FROM " + from + where + " ORDER BY " +
                          score + "j.created_at DESC LIMIT " + std::to_string(kTopK);
  const std::string facets =
      "WITH s AS MATERIALIZED (SELECT j.city_code, j.category_id, j.salary_band, j.work_type "
      "FROM " +
      from + where + " LIMIT " + std::to_string(kFacetSample) +
      ") SELECT GROUPING(city_code, category_id, salary_band, work_type), city_code, "
      "category_id, salary_band, work_type, count(*) FROM s GROUP BY GROUPING SETS "
      "((city_code), (category_id), (salary_band), (work_type))";

  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  auto run = [&](const std::string& sql) {
    return PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), types.data(),
                        values.data(), nullptr, nullptr, 0);
  };
  Answer a;
  auto failed = [&] {
    if (!warned_) std::cerr << "postgresql: query " << q.id << ": " << PQerrorMessage(conn_);
    warned_ = true;
    a.failed = true;
    return a;
  };
  {
    Result r(run(top));
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return failed();
    for (int i = 0; i < PQntuples(r.r); ++i) {
      a.ids.emplace_back(PQgetvalue(r.r, i, 0));
      a.total = std::stoll(PQgetvalue(r.r, i, 1));
    }
  }
  // The counts a results page shows beside the list: the top values of each facet.
  Result r(run(facets));
  if (PQresultStatus(r.r) != PGRES_TUPLES_OK) return failed();
  std::map<int, std::vector<std::pair<long long, std::string>>> counts;
  long long sampled = 0;
  for (int i = 0; i < PQntuples(r.r); ++i) {
    // GROUPING() sets a bit for every column not grouped; the one left clear names the facet.
    const int mask = std::stoi(PQgetvalue(r.r, i, 0));
    int facet = 0;
    while (facet < 4 && (mask & (8 >> facet))) ++facet;
    const long long n = std::stoll(PQgetvalue(r.r, i, 5));
    if (facet == 0) sampled += n;
    counts[facet].emplace_back(n, PQgetvalue(r.r, i, 1 + facet));
  }
  const double scale = sampled > 0 ? static_cast<double>(a.total) / sampled : 1.0;
  for (auto& [facet, list] : counts) {
    std::sort(list.rbegin(), list.rend());
    if (list.size() > 20) list.resize(20);
    for (auto& v : list) v.first = static_cast<long long>(v.first * scale);
  }
  return a;
}

}  // namespace hiresafe::bench
