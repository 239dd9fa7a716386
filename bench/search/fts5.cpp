// Peer (b): SQLite FTS5 with the trigram tokenizer, the search an operator of an SQLite
// deployment would reach for first.
//
// Trigrams only match terms of three or more characters, and most Chinese job words are two
// ("运维", "前端", "测试"). Terms of three or more characters go into MATCH (ranked by bm25 with
// hiresafe's field weights: title and category 3, skill tags 2, the rest 1); shorter ones become
// LIKE '%term%' on the FTS columns, which FTS5 checks on the rows MATCH found, or, when no term
// is long enough, on every row that passes the filters (the trigram index cannot help there;
// SQLite scans). Without MATCH there is no bm25, so those results are ordered by where the
// short terms occur (title and category 3, tags 2, elsewhere 1), newest first.
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <variant>

#include "engines.hpp"

namespace hiresafe::bench {

namespace {

void check(sqlite3* db, int rc, const std::string& what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error("sqlite: " + what + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("sqlite: " + sql.substr(0, 80) + ": " + m);
  }
}

sqlite3* open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("sqlite: cannot open " + path + ": " + m);
  }
  // What an operator sets for a read-mostly search database: WAL, NORMAL sync, a 64 MiB page
  // cache (the default is 2 MiB).
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536");
  return db;
}

void bind_text(sqlite3_stmt* st, int i, const std::string& v) {
  sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

constexpr const char* kColumns[] = {"title", "category", "tags", "company", "city", "description"};
constexpr int kWeights[] = {3, 3, 2, 1, 1, 1};
constexpr long long kBatch = 50000;

std::string fts_phrase(const std::string& term) {
  std::string p = "\"";
  for (char c : term) {
    if (c == '"') p += '"';
    p += c;
  }
  return p + "\"";
}

}  // namespace

BuildFigures fts5_build(cli::Runtime& rt, const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  sqlite3* db = open(path);
  BuildFigures out;
  try {
    const auto start = std::chrono::steady_clock::now();
    exec(db,
         "CREATE TABLE jobs_meta (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, city_code TEXT "
         "NOT NULL, province_code TEXT NOT NULL, category_id TEXT NOT NULL, salary_min INTEGER "
         "NOT NULL, salary_max INTEGER NOT NULL, salary_band TEXT NOT NULL, work_type TEXT NOT "
         "NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
         "CREATE VIRTUAL TABLE jobs_fts USING fts5(title, category, tags, company, city, "
         "description, tokenize = 'trigram')");
    sqlite3_stmt* meta = nullptr;
    sqlite3_stmt* fts = nullptr;
    check(db,
          sqlite3_prepare_v2(db, "INSERT INTO jobs_meta VALUES (?,?,?,?,?,?,?,?,?,?,?)", -1, &meta,
                             nullptr),
          "prepare");
    check(db,
          sqlite3_prepare_v2(db,
                             "INSERT INTO jobs_fts (rowid, title, category, tags, company, city, "
                             "description) VALUES (?,?,?,?,?,?,?)",
                             -1, &fts, nullptr),
          "prepare");
    exec(db, "BEGIN");
    const auto& taxonomy = *rt.taxonomy;
    each_live_job(rt, rt.clock->now(), [&](const jobs::store::JobRow& job) {
      const PeerDoc d = peer_doc(job, taxonomy);
      const long long rowid = ++out.docs;
      sqlite3_bind_int64(meta, 1, rowid);
      bind_text(meta, 2, d.id);
      bind_text(meta, 3, d.city_code);
      bind_text(meta, 4, d.province_code);
      bind_text(meta, 5, d.category_id);
      sqlite3_bind_int64(meta, 6, d.salary_min);
      sqlite3_bind_int64(meta, 7, d.salary_max);
      bind_text(meta, 8, d.salary_band);
      bind_text(meta, 9, d.work_type);
      sqlite3_bind_int64(meta, 10, d.created_at);
      sqlite3_bind_int64(meta, 11, d.expires_at);
      check(db, sqlite3_step(meta), "insert jobs_meta");
      sqlite3_reset(meta);
      sqlite3_bind_int64(fts, 1, rowid);
      bind_text(fts, 2, d.title);
      bind_text(fts, 3, d.category);
      bind_text(fts, 4, d.tags);
      bind_text(fts, 5, d.company);
      bind_text(fts, 6, d.city);
      bind_text(fts, 7, d.description);
      check(db, sqlite3_step(fts), "insert jobs_fts");
      sqlite3_reset(fts);
      if (out.docs % kBatch == 0) exec(db, "COMMIT; BEGIN");
    });
    exec(db, "COMMIT");
    sqlite3_finalize(meta);
    sqlite3_finalize(fts);
    exec(db,
         "CREATE INDEX jobs_meta_city ON jobs_meta (city_code);"
         "CREATE INDEX jobs_meta_province ON jobs_meta (province_code);"
         "INSERT INTO jobs_fts (jobs_fts) VALUES ('optimize');"
         "ANALYZE;"
         "PRAGMA wal_checkpoint(TRUNCATE)");
    out.seconds = seconds_since(start);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
  out.bytes = tree_bytes(path);
  return out;
}

Fts5Search::Fts5Search(const std::string& path, long long now, IsProvince is_province)
    : db_(open(path)), now_(now), is_province_(std::move(is_province)) {}

Fts5Search::~Fts5Search() {
  for (auto& [sql, st] : statements_) sqlite3_finalize(st);
  sqlite3_close(db_);
}

sqlite3_stmt* Fts5Search::statement(const std::string& sql) {
  auto& st = statements_[sql];
  if (!st) {
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &st, nullptr);
    if (rc != SQLITE_OK) {
      statements_.erase(sql);
      throw std::runtime_error(std::string("sqlite: prepare: ") + sqlite3_errmsg(db_) + ": " + sql);
    }
  }
  return st;
}

long long Fts5Search::docs() {
  sqlite3_stmt* st = statement("SELECT count(*) FROM jobs_meta");
  check(db_, sqlite3_step(st), "count");
  const long long n = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  return n;
}

Answer Fts5Search::search(const BenchQuery& q) {
  // The statement text depends only on the query's shape (how many long and short terms, which
  // filters), so prepared statements are reused across queries and rounds.
  std::vector<std::string> long_terms, short_terms;
  for (auto& t : query_terms(q.q)) (code_points(t) >= 3 ? long_terms : short_terms).push_back(t);
  std::vector<std::variant<std::string, long long>> binds;
  auto param = [&](std::variant<std::string, long long> v) {
    binds.push_back(std::move(v));
    return "?" + std::to_string(binds.size());
  };

  std::string where, from = "jobs_meta m";
  auto also = [&](const std::string& condition) {
    where += where.empty() ? " WHERE " : " AND ";
    where += condition;
  };
  const bool text = !long_terms.empty() || !short_terms.empty();
  if (text) from = "jobs_fts f JOIN jobs_meta m ON m.rowid = f.rowid";
  if (!long_terms.empty()) {
    std::string match;
    for (const auto& t : long_terms) match += (match.empty() ? "" : " AND ") + fts_phrase(t);
    also("jobs_fts MATCH " + param(match));
  }
  std::string like_rank;
  for (const auto& t : short_terms) {
    const std::string p = param(like_pattern(t));
    std::string any;
    for (std::size_t c = 0; c < std::size(kColumns); ++c) {
      const std::string hit = "f." + std::string(kColumns[c]) + " LIKE " + p + " ESCAPE '\\'";
      any += (any.empty() ? "" : " OR ") + hit;
      like_rank +=
          (like_rank.empty() ? "" : " + ") + std::to_string(kWeights[c]) + " * (" + hit + ")";
    }
    also("(" + any + ")");
  }
  also("m.expires_at > " + param(now_));
  if (q.city)
    also((is_province_(*q.city) ? "m.province_code = " : "m.city_code = ") + param(*q.city));
  if (q.salary_min) also("m.salary_max >= " + param(*q.salary_min));
  if (q.salary_max) also("m.salary_min <= " + param(*q.salary_max));

  std::string score = "0";
  std::string order = "created_at DESC";
  if (!long_terms.empty()) {
    score = "bm25(jobs_fts";
    for (int w : kWeights) score += ", " + std::to_string(w) + ".0";
    score += ")";
    order = "score, created_at DESC";
  } else if (!short_terms.empty()) {
    score = "-(" + like_rank + ")";
    order = "score, created_at DESC";
  }
  // bm25() may not be called outside the FTS query itself, hence the subquery.
  const std::string top =
      "SELECT id, count(*) OVER () FROM (SELECT m.id AS id, m.created_at AS "
      "created_at, " +
      score + " AS score FROM " + from + where + ") ORDER BY " + order + " LIMIT " +
      std::to_string(kTopK);
  const std::string facets =
      "WITH s AS MATERIALIZED (SELECT m.city_code AS c, m.category_id AS k, m.salary_band AS b, "
      "m.work_type AS w FROM " +
      from + where + " LIMIT " + std::to_string(kFacetSample) +
      ") SELECT 0, c, count(*) FROM s GROUP BY c UNION ALL SELECT 1, k, count(*) FROM s GROUP "
      "BY k UNION ALL SELECT 2, b, count(*) FROM s GROUP BY b UNION ALL SELECT 3, w, count(*) "
      "FROM s GROUP BY w";

  auto bind_all = [&](sqlite3_stmt* st) {
    for (std::size_t i = 0; i < binds.size(); ++i) {
      const int at = static_cast<int>(i + 1);
      if (const auto* s = std::get_if<std::string>(&binds[i]))
        bind_text(st, at, *s);
      else
        sqlite3_bind_int64(st, at, std::get<long long>(binds[i]));
    }
  };
  Answer a;
  auto fail = [&] {
    if (!warned_) std::cerr << "sqlite: query " << q.id << ": " << sqlite3_errmsg(db_) << "\n";
    warned_ = true;
    a.failed = true;
  };
  sqlite3_stmt* st = statement(top);
  bind_all(st);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    a.ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    a.total = sqlite3_column_int64(st, 1);
  }
  if (rc != SQLITE_DONE) fail();
  sqlite3_reset(st);

  // The counts a results page shows beside the list: the top values of each facet.
  std::map<int, std::vector<std::pair<long long, std::string>>> counts;
  long long sampled = 0;
  st = statement(facets);
  bind_all(st);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const int facet = sqlite3_column_int(st, 0);
    const long long n = sqlite3_column_int64(st, 2);
    if (facet == 0) sampled += n;
    counts[facet].emplace_back(n, reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  if (rc != SQLITE_DONE) fail();
  sqlite3_reset(st);
  const double scale = sampled > 0 ? static_cast<double>(a.total) / sampled : 1.0;
  for (auto& [facet, values] : counts) {
    std::sort(values.rbegin(), values.rend());
    if (values.size() > 20) values.resize(20);
    for (auto& v : values) v.first = static_cast<long long>(v.first * scale);
  }
  return a;
}

}  // namespace hiresafe::bench
