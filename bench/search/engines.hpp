// The peers search_bench compares hiresafe with: SQLite FTS5 (trigram tokenizer) and
// PostgreSQL 15 full-text search (bigram tsvector + GIN, and pg_trgm + GIN). Each loads the same
// live posts hiresafe indexes and answers the same query with the same filters, a top 20 and
// facet counts.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "bench.hpp"

struct sqlite3;
struct sqlite3_stmt;
struct pg_conn;

namespace hiresafe::bench {

// Facets are counted over at most this many matches, as hiresafe's JobSearch does
// (kFacetSample in src/search/job_search.cpp), so every engine does the same work.
inline constexpr int kFacetSample = 500;
inline constexpr int kTopK = 20;

// A city filter names a city or a whole province, as in JobSearch.
using IsProvince = std::function<bool(const std::string& code)>;

struct BuildFigures {
  long long docs = 0;
  double seconds = 0;
  long long bytes = 0;
};

// ---- SQLite FTS5 --------------------------------------------------------------------------------
// Builds `path` from scratch: an FTS5 table (trigram) over the text and a plain table with the
// filter and facet columns, bulk-loaded in large transactions, then 'optimize'.
BuildFigures fts5_build(cli::Runtime& rt, const std::string& path);

class Fts5Search {
 public:
  Fts5Search(const std::string& path, long long now, IsProvince is_province);
  ~Fts5Search();
  Fts5Search(const Fts5Search&) = delete;
  Fts5Search& operator=(const Fts5Search&) = delete;
  Answer search(const BenchQuery& q);
  long long docs();

 private:
  sqlite3_stmt* statement(const std::string& sql);
  sqlite3* db_ = nullptr;
  long long now_;
  IsProvince is_province_;
  std::map<std::string, sqlite3_stmt*> statements_;
  bool warned_ = false;  // the first failing query is reported on stderr
};

// ---- PostgreSQL ---------------------------------------------------------------------------------
enum class PgVariant { kTsvector, kTrigram };
const char* pg_engine_name(PgVariant v);

struct PgBuildFigures : BuildFigures {
  long backend_hwm_kb = -1;      // VmHWM of the backend that loaded and indexed
  long long database_bytes = 0;  // pg_database_size after this build
};
// (Re)creates the variant's table, COPYs every live post into it and builds its indexes.
PgBuildFigures pg_build(cli::Runtime& rt, const std::string& conninfo, PgVariant variant);

class PgSearch {
 public:
  PgSearch(const std::string& conninfo, PgVariant variant, long long now, IsProvince is_province);
  ~PgSearch();
  PgSearch(const PgSearch&) = delete;
  PgSearch& operator=(const PgSearch&) = delete;
  Answer search(const BenchQuery& q);
  long long docs();
  long long table_bytes();  // heap, TOAST and every index of the variant's table
  long long database_bytes();
  long backend_hwm_kb() const;  // of the backend serving this connection

 private:
  pg_conn* conn_ = nullptr;
  PgVariant variant_;
  long long now_;
  IsProvince is_province_;
  long backend_pid_ = 0;
  bool warned_ = false;  // the first failing query is reported on stderr
};

}  // namespace hiresafe::bench
